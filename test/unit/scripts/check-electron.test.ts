// `npm start` and `npm run dev` where Electron's binary is missing: a message in words, exit 1,
// no stack trace. The script runs for real in a child process.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findElectron, missingMessage } from '../../../scripts/check-electron.mjs'
import { tempDir } from '../../fixtures/temp'

const ROOT = join(__dirname, '../../..')
const SCRIPT = join(ROOT, 'scripts/check-electron.mjs')
const binaryInstalled = existsSync(join(ROOT, 'node_modules/electron/path.txt'))

/** The environment without any Electron override, plus `extra`. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('ELECTRON_'))
  )
  return { ...clean, ...extra }
}

function expectHelpfulRefusal(result: ReturnType<typeof spawnSync>, missing: RegExp): void {
  const stderr = String(result.stderr)
  expect(result.status).toBe(1)
  expect(stderr).toContain('Seed Chat cannot open in Electron here.')
  expect(stderr).toMatch(missing)
  expect(stderr).toContain('xvfb-run npm run dev:chromium')
  expect(stderr).toContain('npx install-electron')
  // Words, not a stack trace.
  expect(stderr).not.toMatch(/^\s+at /m)
  expect(stderr).not.toContain('Electron uninstall')
}

describe('the Electron check before npm start', () => {
  it('refuses in words, with exit code 1, when the binary an override names is missing', () => {
    const empty = tempDir('no-electron-')
    const result = spawnSync(process.execPath, [SCRIPT], {
      env: env({ ELECTRON_OVERRIDE_DIST_PATH: empty }),
      encoding: 'utf8'
    })
    expectHelpfulRefusal(result, new RegExp(`ELECTRON_OVERRIDE_DIST_PATH names ${empty}`))
    expect(result.stdout).toBe('')
  })

  it.runIf(!binaryInstalled)('refuses here, where path.txt was never written', () => {
    const result = spawnSync(process.execPath, [SCRIPT], {
      cwd: ROOT,
      env: env(),
      encoding: 'utf8'
    })
    expectHelpfulRefusal(result, /node_modules\/electron\/path\.txt is missing/)
  })

  it.runIf(!binaryInstalled)('stops npm start before electron-vite, with the same words', () => {
    const result = spawnSync('npm', ['start', '--silent'], {
      cwd: ROOT,
      env: env(),
      encoding: 'utf8',
      timeout: 60_000
    })
    expectHelpfulRefusal(result, /path\.txt is missing/)
  })
})

describe('finding the Electron binary', () => {
  /** A folder shaped like node_modules/electron, with `path.txt` holding `name` when given. */
  function electronPackage(name?: string): string {
    const dir = tempDir('electron-package-')
    writeFileSync(join(dir, 'package.json'), '{"name":"electron"}')
    if (name !== undefined) writeFileSync(join(dir, 'path.txt'), name)
    return dir
  }

  it('names what is missing at each step', () => {
    expect(findElectron(null, {})).toEqual({
      ok: false,
      missing: expect.stringContaining('not installed')
    })
    expect(findElectron(electronPackage(), {})).toEqual({
      ok: false,
      missing: expect.stringContaining('path.txt is missing')
    })
    const dir = electronPackage('electron')
    expect(findElectron(dir, {})).toEqual({
      ok: false,
      missing: expect.stringContaining(join(dir, 'dist', 'electron'))
    })
    expect(findElectron(dir, { ELECTRON_EXEC_PATH: join(dir, 'nowhere') })).toEqual({
      ok: false,
      missing: expect.stringContaining(join(dir, 'nowhere'))
    })
  })

  it('passes when the file path.txt names exists (the check only looks; it never runs it)', () => {
    const dir = electronPackage('electron')
    mkdirSync(join(dir, 'dist'))
    writeFileSync(join(dir, 'dist', 'electron'), '')
    expect(findElectron(dir, {})).toEqual({ ok: true, path: join(dir, 'dist', 'electron') })
  })

  it('puts the missing part in the message', () => {
    expect(missingMessage('X is missing.')).toContain('\nX is missing.\n')
  })
})
