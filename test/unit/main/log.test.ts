// The log file: written and rotated in a temp data folder's logs/; the key never reaches it (in an
// error, a request's failure, a server's echo, a renderer's line); a conversation's text never does.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { withEventLog, withRequestLog } from '../../../src/main/log/activity'
import { logHandlers } from '../../../src/main/log/handlers'
import { createAppLog, LOG_FILE, LOGS_DIR, type AppLog } from '../../../src/main/log/logger'
import { keysKeptFromLog } from '../../../src/main/log/secrets'
import type { EventPayloads, Handlers } from '../../../src/shared/contract'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'

/** Every file under logs/, read as text, by name. */
function logFiles(dataDir: string): Record<string, string> {
  const folder = join(dataDir, LOGS_DIR)
  return Object.fromEntries(
    readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')])
  )
}
const allLogText = (dataDir: string): string => Object.values(logFiles(dataDir)).join('\n')

describe('the log file', () => {
  it('is written in the data folder and rotated past its size, keeping a few files', () => {
    const dataDir = tempDir('seed-log-')
    const log = createAppLog({ console: false })
    const folder = log.writeTo(dataDir, { maxBytes: 2_000, keptFiles: 2 })
    expect(folder).toBe(join(dataDir, LOGS_DIR))
    for (let line = 1; line <= 120; line++) log.scope('test').info(`line ${line} ${'x'.repeat(60)}`)

    const files = logFiles(dataDir)
    expect(Object.keys(files).sort()).toEqual(['main.1.log', 'main.2.log', LOG_FILE])
    for (const name of Object.keys(files))
      expect(statSync(join(folder, name)).size).toBeLessThan(2_000 + 200)
    // The newest lines are in main.log, older ones in main.1.log, the oldest kept in main.2.log.
    expect(files[LOG_FILE]).toContain('line 120 ')
    expect(files[LOG_FILE]).toMatch(/\[info\]\s+\(test\) line 120 x+/)
    const first = (text: string): number => Number(/line (\d+) /.exec(text)![1])
    expect(first(files['main.2.log'])).toBeLessThan(first(files['main.1.log']))
    expect(first(files['main.1.log'])).toBeLessThan(first(files[LOG_FILE]))
    // The first lines were rotated away: the size stays capped.
    expect(allLogText(dataDir)).not.toContain('line 1 ')
  })

  it('writes nothing to disk until a folder is given', () => {
    const dataDir = tempDir('seed-log-')
    const log = createAppLog({ console: false })
    log.error('not written anywhere')
    expect(readdirSync(dataDir)).toEqual([])
    expect(log.recentErrors(5)).toEqual([])
  })

  it('gives back the last errors, each with its first lines', () => {
    const dataDir = tempDir('seed-log-')
    const log = createAppLog({ console: false })
    log.writeTo(dataDir)
    for (let n = 1; n <= 5; n++) log.error(`failure ${n}`, new Error(`cause ${n}`))
    log.info('fine')
    const errors = log.recentErrors(3)
    expect(errors).toHaveLength(3)
    expect(errors[0]).toContain('failure 3 Error: cause 3')
    expect(errors[2]).toContain('failure 5')
    expect(errors[2]).toMatch(/\n\s+at /)
  })
})

describe('what the log never holds', () => {
  let provider: FakeProvider | null = null
  let core: Core | null = null
  afterEach(async () => {
    await core?.close()
    core = null
    await provider?.close()
    provider = null
  })

  /** A core on a fake provider, its handlers and events logged as the shell logs them. */
  async function loggedCore(): Promise<{
    dataDir: string
    log: AppLog
    handlers: Handlers
    ended: () => Promise<EventPayloads['replyEnded']>
  }> {
    provider = await startFakeProvider()
    const dataDir = tempDir('seed-log-core-')
    const log = createAppLog({ console: false })
    log.writeTo(dataDir)
    const waiting: Array<(payload: EventPayloads['replyEnded']) => void> = []
    core = await createCore({
      dataDir,
      secrets: keysKeptFromLog(memorySecrets(), log),
      chat: { maxRetries: 0, stallTimeoutMs: 1_000, flushIntervalMs: 40 },
      emit: withEventLog((name, payload) => {
        if (name === 'replyEnded') waiting.shift()?.(payload as EventPayloads['replyEnded'])
      }, log)
    })
    const handlers = withRequestLog(core.handlers, log)
    await handlers.updateSettings({ baseURL: provider.baseURL })
    await handlers.setKey({ key: provider.apiKey })
    return {
      dataDir,
      log,
      handlers,
      ended: () => new Promise((resolve) => waiting.push(resolve))
    }
  }

  it('never holds the key: not from an error, a failed request, an echoing server or the renderer', async () => {
    const { dataDir, log, handlers, ended } = await loggedCore()
    const key = provider!.apiKey
    const typedKey = 'sk-typed-0123456789abcdefghijklmnop'

    // An error whose message carries the key, logged as the shell's console would.
    log.error('Request listModels failed:', new Error(`GET /models?api_key=${key} failed`))
    log.warn(`Authorization: Bearer ${key}`)
    // A request that fails with an internal error quoting the key.
    const broken = withRequestLog(
      {
        ...handlers,
        listModels: async () => {
          throw new Error(`socket hang up (sent Authorization: Bearer ${key})`)
        }
      },
      log
    )
    await expect(broken.listModels(undefined)).rejects.toThrow()
    // A server that echoes the key in its error body, on a test and on a reply.
    provider!.enqueueModels({
      kind: 'error',
      status: 400,
      error: { message: 'Bad request from {authorization} ({key})', type: 'x', code: 'y' }
    })
    await expect(handlers.testConnection({})).rejects.toThrow()
    provider!.enqueue({
      kind: 'error',
      status: 401,
      error: { message: 'Unknown key {key}', type: 'x', code: 'AuthenticationError' }
    })
    const reply = ended()
    await handlers.sendMessage({
      conversationId: null,
      model: 'doubao-seed-1-6-251015',
      text: 'hello',
      attachments: []
    })
    expect((await reply).message.status).toBe('error')
    // A key the user typed into Settings (not saved), later quoted by an error.
    await handlers
      .testConnection({ baseURL: provider!.baseURL, key: typedKey })
      .catch(() => undefined)
    log.error(new Error(`rejected ${typedKey}`))
    // A renderer's line through the contract's log request.
    await logHandlers(log, null).log({
      level: 'error',
      scope: 'renderer',
      message: `TypeError: cannot read ${key}`
    })

    const text = allLogText(dataDir)
    expect(text).toContain('[key removed]')
    expect(text).toMatch(/testConnection failed: bad_request \(HTTP 400\)/)
    expect(text).toMatch(/listModels failed after \d+ ms: Error: socket hang up/)
    expect(text).toMatch(/error=bad_key \(HTTP 401\)/)
    expect(text).toContain('(renderer) TypeError: cannot read [key removed]')
    expect(text).toContain('Authorization: Bearer [key removed]\n')
    for (const secret of [key, typedKey]) {
      expect(text).not.toContain(secret)
      expect(text).not.toContain(secret.slice(0, 16))
      expect(text).not.toContain(encodeURIComponent(secret))
    }
  })

  it('never holds a conversation: no message text, reasoning or attachment name; ids, status and tokens instead', async () => {
    const { dataDir, handlers, ended } = await loggedCore()
    provider!.enqueue({
      kind: 'reply',
      content: 'REPLY-CONTENT-MARKER and more',
      reasoning: 'REASONING-MARKER thinking',
      usage: { prompt_tokens: 11, completion_tokens: 7, reasoning_tokens: 3 }
    })
    const image = await sharp({
      create: { width: 32, height: 32, channels: 3, background: '#c00' }
    })
      .png()
      .toBuffer()
    const model = 'doubao-seed-1-6-251015'
    const draft = await handlers.addAttachment({
      name: 'ATTACHMENT-NAME-MARKER.png',
      data: new Uint8Array(image),
      model
    })
    const reply = ended()
    const sent = await handlers.sendMessage({
      conversationId: null,
      model,
      text: 'USER-TEXT-MARKER please',
      attachments: [{ sha256: draft.sha256, name: draft.name }]
    })
    const final = await reply
    expect(final.message.status).toBe('done')
    await handlers.renameConversation({ id: sent.conversation.id, title: 'TITLE-MARKER' })
    // A refused request whose message quotes the user's text: its code is logged, not its words.
    await expect(
      handlers.editMessage({ messageId: 999_999, text: 'EDIT-TEXT-MARKER' })
    ).rejects.toThrow()

    const text = allLogText(dataDir)
    expect(text).toContain(
      `reply ${final.message.id} in conversation ${sent.conversation.id} ended: done model=${model} finish=stop tokens=11+7 (reasoning 3)`
    )
    expect(text).toMatch(/editMessage failed: not_found after \d+ ms/)
    for (const marker of [
      'REPLY-CONTENT-MARKER',
      'REASONING-MARKER',
      'ATTACHMENT-NAME-MARKER',
      'USER-TEXT-MARKER',
      'TITLE-MARKER',
      'EDIT-TEXT-MARKER'
    ])
      expect(text).not.toContain(marker)
  })
})
