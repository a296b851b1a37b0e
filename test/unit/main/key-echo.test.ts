// A server that echoes the key in everything it sends — the answer's content (cut across chunks),
// its reasoning, its finish reason, its headers, an error body, an error inside the stream, the
// model list — against the real core: nothing of the key reaches a file of the data folder, an
// event, a result or the console.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { format } from 'node:util'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { EventName } from '../../../src/shared/contract'
import type { Message } from '../../../src/shared/types'
import { BACKUP_DIR, HISTORY_FILE } from '../../../src/main/core'
import { backupIfDue } from '../../../src/main/db/backup'
import { dispatch } from '../../../src/main/dispatch'
import { getMessage } from '../../../src/main/history/messages'
import { appLog } from '../../../src/main/log/logger'
import { KEY_REMOVED } from '../../../src/main/redact'
import { SEED_MODELS, startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { coreOn, type OpenedCore } from '../../fixtures/core'
import { filesHoldingKey, filesUnder, keyFormsIn } from '../../fixtures/keyForms'

// Characters that URL-encoding and JSON-escaping change, so each form of the key differs.
const KEY = 'sk-echo/"everywhere"+key=0123456789abcdefGHIJ'
const MODEL = 'doubao-seed-1-6-251015'
const ECHO_HEADERS = { 'x-echo-authorization': '{authorization}', 'x-echo-key': '{key}' }

let provider: FakeProvider
let opened: OpenedCore | undefined

beforeEach(async () => {
  provider = await startFakeProvider({ apiKey: KEY, models: [...SEED_MODELS, `echo-${KEY}`] })
})
afterEach(async () => {
  await opened?.close()
  opened = undefined
  await provider.close()
})

it('a server echoing the key everywhere leaves it in no file, event, result or console line', async () => {
  const events: { name: EventName; payload: unknown }[] = []
  const ended = new Map<number, () => void>()
  opened = await coreOn(provider, 'key-echo-', {
    emit: (name, payload) => {
      events.push({ name, payload })
      if (name === 'replyEnded') ended.get((payload as { message: Message }).message.id)?.()
    }
  })
  const { core, dataDir } = opened
  // The log file in the data folder, as the app writes it (the key is not added to its secrets:
  // what reaches it must already be without the key).
  appLog.writeTo(dataDir)
  const reply = (id: number): Message => getMessage(core.services.db, id)!
  const printed: string[] = []
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      printed.push(format(...args))
    })
  )
  const results: unknown[] = []
  /** Dispatches as the renderer would, keeping the result. */
  const ask = async (name: Parameters<typeof dispatch>[1], args?: unknown): Promise<unknown> => {
    const result = await dispatch(core.handlers, name, args)
    results.push(result)
    return result
  }
  const whenEnded = (id: number): Promise<void> =>
    new Promise((resolve) => {
      if (reply(id).status !== 'streaming') resolve()
      else ended.set(id, resolve)
    })

  try {
    // 1. A whole answer echoing it: cut across chunks of 5, in reasoning, content, finish reason
    // and headers.
    provider.enqueue({
      kind: 'reply',
      reasoning: 'The header said {authorization}, so the key is {key}.',
      content: 'Your key is {key}; as sent: {authorization}; twice: {key}{key}. Bye.',
      finishReason: '{key}',
      chunkSize: 5,
      headers: ECHO_HEADERS
    })
    const sent = (await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      text: 'What is my key?',
      attachments: []
    })) as { conversation: { id: number }; assistantMessage: Message }
    await whenEnded(sent.assistantMessage.id)
    const first = reply(sent.assistantMessage.id)
    expect(first).toMatchObject({
      status: 'done',
      finishReason: KEY_REMOVED,
      reasoning: `The header said Bearer ${KEY_REMOVED}, so the key is ${KEY_REMOVED}.`,
      content: `Your key is ${KEY_REMOVED}; as sent: Bearer ${KEY_REMOVED}; twice: ${KEY_REMOVED}${KEY_REMOVED}. Bye.`
    })
    // Held-back text is delivered, in order: the deltas add up to what was saved.
    const deltas = events
      .filter((event) => event.name === 'replyDelta')
      .map((event) => event.payload as { content: string; reasoning: string })
    expect(deltas.map((delta) => delta.content).join('')).toBe(first.content)
    expect(deltas.map((delta) => delta.reasoning).join('')).toBe(first.reasoning)
    const conversationId = sent.conversation.id

    // 2. An error answer echoing it in its body and headers.
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: {
        message: 'Invalid header Authorization: {authorization} (key {key})',
        type: 'BadRequest',
        code: 'InvalidParameter',
        param: '{key}'
      },
      headers: ECHO_HEADERS
    })
    const second = (await core.handlers.sendMessage({
      conversationId,
      model: MODEL,
      text: 'Again?',
      attachments: []
    })) as { assistantMessage: Message }
    await whenEnded(second.assistantMessage.id)
    expect(reply(second.assistantMessage.id).error).toMatchObject({
      code: 'bad_request',
      message: expect.stringContaining(`Bearer ${KEY_REMOVED}`)
    })

    // 3. Retried: a stream that echoes it, then fails with an error event echoing it.
    provider.enqueue({
      kind: 'reply',
      content: 'Partial {key} answer, then',
      chunkSize: 3,
      failAfterChars: 'Partial '.length + KEY.length + ' answer'.length,
      failure: {
        mode: 'error-event',
        error: { message: 'Key {key} revoked', type: 'Forbidden', code: 'KeyRevoked' }
      },
      headers: ECHO_HEADERS
    })
    const retried = await core.handlers.retryReply({ messageId: second.assistantMessage.id })
    await whenEnded(retried.id)
    expect(reply(retried.id)).toMatchObject({
      status: 'error',
      content: `Partial ${KEY_REMOVED} answer`,
      error: { code: 'stream_interrupted', message: `Key ${KEY_REMOVED} revoked (KeyRevoked)` }
    })

    // 4. The model list, and a connection test the server refuses with an echo.
    const models = await ask('listModels')
    expect(JSON.stringify(models)).toContain(`echo-${KEY_REMOVED}`)
    await ask('testConnection', {})
    provider.enqueueModels({
      kind: 'error',
      status: 403,
      error: { message: 'Denied for {authorization}', type: 'Forbidden', code: 'AccessDenied' }
    })
    await ask('testConnection', {})

    // 5. Everything the renderer and the user can read back: the conversation, search, exports,
    // written to disk as the app's save dialog would.
    await ask('getConversation', { id: conversationId })
    await ask('listConversations', {})
    await ask('searchHistory', { query: 'key' })
    await ask('searchHistory', { query: 'Bearer' })
    const exports = join(dataDir, 'exports')
    mkdirSync(exports)
    for (const [name, args] of [
      ['exportConversation', { id: conversationId, format: 'markdown' }],
      ['exportConversation', { id: conversationId, format: 'json' }],
      ['exportHistory', undefined]
    ] as const) {
      const exported = (await ask(name, args)) as {
        ok: true
        value: { fileName: string; text: string }
      }
      expect(exported.ok).toBe(true)
      writeFileSync(
        join(exports, `${results.length}-${exported.value.fileName}`),
        exported.value.text
      )
    }
    // The daily backup, as the app takes it.
    expect(await backupIfDue(core.services.db, join(dataDir, BACKUP_DIR))).not.toBeNull()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }

  // The server did receive the key, and did echo it.
  expect(provider.chatRequests()[0].headers.authorization).toBe(`Bearer ${KEY}`)
  expect(keyFormsIn(JSON.stringify(results), KEY)).toEqual([])
  expect(keyFormsIn(JSON.stringify(events), KEY)).toEqual([])
  expect(keyFormsIn(printed.join('\n'), KEY)).toEqual([])
  // Every file while the database is open (its WAL and shared memory with it), then after close.
  const files = filesUnder(dataDir)
  for (const name of [HISTORY_FILE, `${HISTORY_FILE}-wal`, `${HISTORY_FILE}-shm`])
    expect(files).toContain(join(dataDir, name))
  expect(files.filter((file) => file.includes(`${BACKUP_DIR}/`)).length).toBe(1)
  expect(files.filter((file) => file.includes('exports/')).length).toBe(3)
  expect(files).toContain(join(dataDir, 'logs', 'main.log'))
  expect(filesHoldingKey(dataDir, KEY)).toEqual([])
  await opened.close()
  opened = undefined
  expect(filesHoldingKey(dataDir, KEY)).toEqual([])
})
