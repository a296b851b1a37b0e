// "Copy diagnostics": versions, the OS, settings and the history's size, the last errors; never the
// key (the key is not a setting, and the bundle is scrubbed even if one were), never a system prompt.
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { collectDiagnostics, type ShellFacts } from '../../../src/main/log/collect'
import { diagnosticsText, publicSettings } from '../../../src/main/log/diagnostics'
import { createAppLog } from '../../../src/main/log/logger'
import { keysKeptFromLog } from '../../../src/main/log/secrets'
import { DEFAULT_SETTINGS, type Settings } from '../../../src/shared/settings'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'
import { join } from 'node:path'

const KEY = 'sk-diagnostics-0123456789abcdefghij'

function facts(dataDir: string): ShellFacts {
  return {
    appVersion: '0.1.0',
    versions: { electron: '45.5.0', chrome: '142.0.7444.0', node: '22.20.0' },
    os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
    locale: 'en-US',
    folders: { data: dataDir, logs: join(dataDir, 'logs'), crashDumps: join(dataDir, 'Crashpad') },
    historyFile: join(dataDir, 'history.sqlite'),
    backupsFolder: join(dataDir, 'backups')
  }
}

describe('the diagnostics bundle', () => {
  let core: Core | null = null
  let provider: FakeProvider | null = null
  afterEach(async () => {
    await core?.close()
    core = null
    await provider?.close()
    provider = null
  })

  it('has versions, settings, sizes and the last errors, and no key or system prompt', async () => {
    provider = await startFakeProvider()
    const dataDir = tempDir('seed-diagnostics-')
    const log = createAppLog({ console: false })
    log.writeTo(dataDir)
    const secrets = memorySecrets()
    core = await createCore({ dataDir, secrets: keysKeptFromLog(secrets, log), emit: () => {} })
    await core.handlers.updateSettings({
      baseURL: provider.baseURL,
      theme: 'dark',
      defaultParams: { systemPrompt: 'SYSTEM-PROMPT-MARKER', temperature: 0.5 }
    })
    await core.handlers.setKey({ key: KEY })
    provider.enqueue({ kind: 'reply', content: 'REPLY-MARKER' })
    await core.handlers.sendMessage({
      conversationId: null,
      model: 'doubao-seed-1-6-251015',
      text: 'QUESTION-MARKER',
      attachments: []
    })
    log.error('Backup failed:', new Error(`EACCES while copying; key was ${KEY}`))

    const text = await collectDiagnostics(core, facts(dataDir), log)
    expect(text).toContain('App: 0.1.0')
    expect(text).toContain('Electron: 45.5.0')
    expect(text).toContain('Chrome: 142.0.7444.0')
    expect(text).toContain('Node: 22.20.0')
    expect(text).toContain('OS: linux 6.8.0 (x64)')
    expect(text).toContain('Locale: en-US')
    expect(text).toContain('"theme": "dark"')
    expect(text).toContain('"temperature": 0.5')
    expect(text).toContain('"systemPrompt": "[20 characters, not copied]"')
    expect(text).toContain('API key stored: yes')
    expect(text).toContain('State: ok')
    expect(text).toContain('Conversations: 1')
    expect(text).toContain('Messages: 2')
    expect(text).toMatch(/Database: \d+ bytes/)
    expect(text).toContain('## Last errors (1)')
    expect(text).toContain('Backup failed: Error: EACCES while copying; key was [key removed]')
    // The key is not a setting at all.
    const settings = await core.handlers.getSettings(undefined)
    expect(JSON.stringify(settings)).not.toContain(KEY)
    expect(Object.keys(settings).some((name) => /key/i.test(name))).toBe(false)
    for (const secret of [KEY, KEY.slice(0, 16), KEY.slice(-16)]) expect(text).not.toContain(secret)
    for (const marker of ['SYSTEM-PROMPT-MARKER', 'REPLY-MARKER', 'QUESTION-MARKER'])
      expect(text).not.toContain(marker)
  })

  it('says so when the history is not open', async () => {
    const dataDir = tempDir('seed-diagnostics-')
    const log = createAppLog({ console: false })
    const text = await collectDiagnostics(null, facts(dataDir), log)
    expect(text).toContain('(history not open)')
    expect(text).toContain('State: not open')
    expect(text).toContain('## Last errors (0)')
  })

  it('never copies a secret-shaped setting or credentials in the base URL', () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      baseURL: `https://user:${KEY}@gateway.example/v1?api_key=${KEY}`,
      apiKey: KEY,
      presets: [{ name: 'Mine' }]
    } as unknown as Settings
    expect(publicSettings(settings)).toMatchObject({
      baseURL: 'https://gateway.example/v1',
      apiKey: '[not copied]',
      presets: '1 saved'
    })
    const text = diagnosticsText({
      ...facts('/data'),
      settings,
      historyState: 'ok',
      history: null,
      keyStored: true,
      recentErrors: [`[2026-01-01 00:00:00.000] [error] Bearer ${KEY}`],
      secrets: [KEY]
    })
    expect(text).not.toContain(KEY)
    expect(text).not.toContain(KEY.slice(0, 16))
    expect(text).not.toContain('Mine')
  })
})
