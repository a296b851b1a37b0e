// The security gate: Electronegativity's report read and judged; a high or medium finding that is
// not accepted fails it. The end-to-end case runs the real scanner on an insecure main file.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ACCEPTED, judgeFindings, parseCsv, type Finding } from '../../../scripts/electronegativity.mjs'

const ROOT = join(__dirname, '../../..')

const finding = (issue: string, severity: string, filename: string): Finding => ({
  issue,
  severity,
  confidence: 'FIRM',
  filename,
  location: '1:0',
  sample: 'x',
  description: 'd',
  url: 'u'
})

describe('reading the report', () => {
  it('parses the CSV the scanner writes: quoted fields, commas and "" inside them', () => {
    const csv =
      'issue, severity, confidence, filename, location, sample, description, url\n' +
      'CSP_GLOBAL_CHECK,"LOW","FIRM","/a/index.html","5:0","default-src \'none\', x ""y""","One, two",https://example.com/CSP\r\n' +
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","/a/main.ts","3:1","preload: p","Review",https://example.com/P\n'
    expect(parseCsv(csv)).toEqual([
      {
        issue: 'CSP_GLOBAL_CHECK',
        severity: 'LOW',
        confidence: 'FIRM',
        filename: '/a/index.html',
        location: '5:0',
        sample: 'default-src \'none\', x "y"',
        description: 'One, two',
        url: 'https://example.com/CSP'
      },
      expect.objectContaining({ issue: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', location: '3:1' })
    ])
  })
})

describe('judging findings', () => {
  it('accepts exactly the reviewed preload and openExternal uses in the shell, each with a reason', () => {
    expect(ACCEPTED.map((rule) => rule.id)).toEqual(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK'])
    for (const rule of ACCEPTED) expect(rule.reason.length).toBeGreaterThan(20)
    const shell = join(ROOT, 'src/main/index.ts')
    const judged = judgeFindings([
      finding('PRELOAD_JS_CHECK', 'MEDIUM', shell),
      finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', shell),
      finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', join(ROOT, 'src/main/other.ts')),
      finding('NODE_INTEGRATION_JS_CHECK', 'HIGH', shell),
      finding('CSP_GLOBAL_CHECK', 'LOW', join(ROOT, 'src/renderer/index.html')),
      finding('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'INFORMATIONAL', shell)
    ])
    expect(judged.accepted.map((f) => f.issue)).toEqual(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK'])
    expect(judged.failures.map((f) => `${f.issue} ${f.filename}`)).toEqual([
      'OPEN_EXTERNAL_JS_CHECK src/main/other.ts',
      'NODE_INTEGRATION_JS_CHECK src/main/index.ts'
    ])
    expect(judged.other.map((f) => f.issue)).toEqual(['CSP_GLOBAL_CHECK', 'AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK'])
  })
})

describe('npm run security', () => {
  it('fails, naming the findings, on a main process that turns the protections off', () => {
    const input = mkdtempSync(join(tmpdir(), 'insecure-app-'))
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
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/electronegativity.mjs'), '--input', input], {
      encoding: 'utf8'
    })
    expect(result.status).toBe(1)
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
      expect(result.stdout).toContain(`FAILED    ${check}`)
    }
    expect(result.stdout).toContain('not accepted')
  }, 120_000)
})
