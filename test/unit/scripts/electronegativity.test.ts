// The security gate: Electronegativity's findings read and judged; a high or medium finding that is
// not accepted fails it. The end-to-end case runs the real scanner on an insecure main file.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  ACCEPTED,
  judgeFindings,
  readReport,
  type Finding
} from '../../../scripts/electronegativity.mjs'
import { tempDir } from '../../fixtures/temp'

const ROOT = join(__dirname, '../../..')

const finding = (issue: string, severity: string, filename: string): Finding => ({
  issue,
  severity,
  confidence: 'FIRM',
  filename,
  location: '1:0',
  sample: 'x',
  description: 'd'
})

describe('reading the report', () => {
  const report = (fields: object): string =>
    JSON.stringify({
      checks: 42,
      errors: [],
      findings: [finding('PRELOAD_JS_CHECK', 'MEDIUM', '/a/main.ts')],
      ...fields
    })

  it('returns the findings of a whole report', () => {
    expect(readReport(report({}))).toEqual([finding('PRELOAD_JS_CHECK', 'MEDIUM', '/a/main.ts')])
    expect(readReport(report({ findings: [] }))).toEqual([])
  })

  it('never reads a broken report as "no findings"', () => {
    expect(() => readReport('{"checks":42,"errors":[],"find')).toThrow()
    expect(() => readReport(report({ checks: 0 }))).toThrow(/no checks/)
    expect(() =>
      readReport(report({ errors: [{ file: '/a/x.tsx', message: 'Unexpected token' }] }))
    ).toThrow(/x\.tsx/)
    expect(() => readReport(report({ findings: undefined }))).toThrow(/no findings list/)
    expect(() =>
      readReport(report({ findings: [{ ...finding('X_CHECK', 'SEVERE', '/a') }] }))
    ).toThrow(/malformed/)
    expect(() => readReport(report({ findings: [{ severity: 'HIGH', filename: '/a' }] }))).toThrow(
      /malformed/
    )
  })
})

describe('judging findings', () => {
  it('accepts exactly the reviewed preload and openExternal uses in the shell, each with a reason', () => {
    expect(ACCEPTED.map((rule) => `${rule.id} ${rule.file}`)).toEqual([
      'PRELOAD_JS_CHECK src/main/index.ts',
      'PRELOAD_JS_CHECK src/main/shell/desktop.ts',
      'PRELOAD_JS_CHECK src/main/shell/capture.ts',
      'OPEN_EXTERNAL_JS_CHECK src/main/shell/secureWindow.ts'
    ])
    for (const rule of ACCEPTED) expect(rule.reason.length).toBeGreaterThan(20)
    const shell = join(ROOT, 'src/main/index.ts')
    const judged = judgeFindings([
      finding('PRELOAD_JS_CHECK', 'MEDIUM', shell),
      finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', join(ROOT, 'src/main/shell/secureWindow.ts')),
      finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', join(ROOT, 'src/main/other.ts')),
      finding('NODE_INTEGRATION_JS_CHECK', 'HIGH', shell),
      finding('CSP_GLOBAL_CHECK', 'LOW', join(ROOT, 'src/renderer/index.html')),
      finding('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'INFORMATIONAL', shell)
    ])
    expect(judged.accepted.map((f) => f.issue)).toEqual([
      'PRELOAD_JS_CHECK',
      'OPEN_EXTERNAL_JS_CHECK'
    ])
    expect(judged.failures.map((f) => `${f.issue} ${f.filename}`)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK src/main/other.ts',
      'NODE_INTEGRATION_JS_CHECK src/main/index.ts'
    ])
    expect(judged.other.map((f) => f.issue)).toEqual([
      'CSP_GLOBAL_CHECK',
      'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK'
    ])
  })
})

describe('npm run security', () => {
  it('fails, naming the findings, on a main process that turns the protections off', () => {
    const input = tempDir('insecure-app-')
    writeFileSync(
      join(input, 'main.js'),
      [
        "const { BrowserWindow } = require('electron')",
        'const window = new BrowserWindow({',
        '  webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false }',
        '})',
        "window.loadURL('https://example.com')"
      ].join('\n')
    )
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'scripts/electronegativity.mjs'), '--input', input],
      {
        encoding: 'utf8'
      }
    )
    const report = `${result.stdout}\n${result.stderr}`
    expect(result.status, report).toBe(1)
    for (const check of [
      'CONTEXT_ISOLATION_JS_CHECK (HIGH)',
      'SANDBOX_JS_CHECK (MEDIUM)',
      'WEB_SECURITY_JS_CHECK (MEDIUM)',
      'AUXCLICK_JS_CHECK (MEDIUM)',
      // What src/ has and this file lacks: navigation limits, a permission handler, a CSP.
      'LIMIT_NAVIGATION_GLOBAL_CHECK (HIGH)',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK (MEDIUM)',
      'CSP_GLOBAL_CHECK (MEDIUM)'
    ]) {
      expect(result.stdout, report).toContain(`FAILED    ${check}`)
    }
    expect(result.stdout, report).toContain('not accepted')
  }, 120_000)
})
