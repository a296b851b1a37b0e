// The real Electron shell, where an Electron binary exists. Here (no download host) it reports
// SKIPPED with the reason; it never runs against a fake Electron.
import { _electron as electron, type ElectronApplication } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createKeytarStore } from '../../src/main/secrets/keychain'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const ROOT = join(__dirname, '../..')

/** The Electron executable, found without triggering electron's download-on-require. */
function electronBinary(): { path: string } | { reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  const packageDir = dirname(require.resolve('electron/package.json'))
  const pathFile = join(packageDir, 'path.txt')
  if (!override && !existsSync(pathFile)) {
    return {
      reason:
        'Electron binary not installed (node_modules/electron/path.txt is missing: the download host is unreachable here)'
    }
  }
  const executable = override
    ? join(override, process.platform === 'win32' ? 'electron.exe' : 'electron')
    : join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(executable)
    ? { path: executable }
    : { reason: `Electron binary missing at ${executable}` }
}

const binary = electronBinary()

test.describe('Electron shell', () => {
  test.skip('reason' in binary, 'reason' in binary ? binary.reason : '')

  let app: ElectronApplication
  let provider: FakeProvider
  const service = `seed-chat-electron-${randomUUID()}`

  test.beforeEach(async () => {
    provider = await startFakeProvider()
    app = await electron.launch({
      executablePath: 'path' in binary ? binary.path : undefined,
      args: [join(ROOT, 'out/main/index.js')],
      env: {
        ...process.env,
        SEED_CHAT_DATA_DIR: mkdtempSync(join(tmpdir(), 'seed-chat-electron-')),
        SEED_CHAT_KEYCHAIN_SERVICE: service
      }
    })
  })
  test.afterEach(async () => {
    await app?.close()
    await provider.close()
    await createKeytarStore(service).delete()
  })

  test('opens a locked-down window and round-trips one message', async () => {
    const page = await app.firstWindow()
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]
      const prefs = (
        window.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences()
      return {
        contextIsolation: prefs.contextIsolation,
        sandbox: prefs.sandbox,
        nodeIntegration: prefs.nodeIntegration
      }
    })
    expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    // The built page comes from the app's own origin, never file://, without middle-click opening.
    expect(page.url()).toBe('app://seed-chat/index.html')
    const blinkFeatures = await app.evaluate(({ BrowserWindow }) => {
      const window = BrowserWindow.getAllWindows()[0]
      const prefs = (
        window.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }
      ).getLastWebPreferences()
      return prefs.disableBlinkFeatures
    })
    expect(blinkFeatures).toBe('Auxclick')
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)
    ).toBe('undefined')
    expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true)
    const csp = await page.evaluate(
      () =>
        document
          .querySelector('meta[http-equiv="Content-Security-Policy"]')
          ?.getAttribute('content') ?? ''
    )
    expect(csp).toContain("default-src 'none'")

    await page.getByLabel('Base URL').fill(provider.baseURL)
    await page.getByLabel('API key').fill(provider.apiKey)
    await page.getByRole('button', { name: 'Save' }).click()
    provider.enqueue({
      kind: 'reply',
      content: 'Hello from the fake provider',
      reasoning: 'thinking'
    })
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('Hi')
    await box.press('Enter')
    await expect(page.getByRole('article', { name: 'Assistant' })).toContainText(
      'Hello from the fake provider'
    )
  })
})
