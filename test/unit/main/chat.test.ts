// The core against the fake provider over real HTTP, with a real SQLite file and the real keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { Message, SendResult } from '../../../src/shared/types'
import type { ChatServiceOptions } from '../../../src/main/chat/options'
import type { Core } from '../../../src/main/core'
import { getMessage, listMessages } from '../../../src/main/history/messages'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { coreOn, replyRecorder, type OpenedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let opened: OpenedCore | undefined
let deltas: EventPayloads['replyDelta'][]
let ended: EventPayloads['replyEnded'][]

async function start(chat: Partial<ChatServiceOptions> = {}): Promise<void> {
  const recorder = replyRecorder()
  ;({ deltas, ended } = recorder)
  opened = await coreOn(provider, 'chat-', { chat, emit: recorder.emit })
  core = opened.core
}

beforeEach(async () => {
  provider = await startFakeProvider()
})
afterEach(async () => {
  await opened?.close()
  opened = undefined
  await provider.close()
})

const MODEL = 'doubao-seed-1-6-251015'

async function sendAndWait(text: string, conversationId: number | null = null) {
  const sent = await core.handlers.sendMessage({
    conversationId,
    model: MODEL,
    attachments: [],
    text
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  return { sent, reply: getMessage(core.services.db, sent.assistantMessage.id)! }
}

describe('streaming a reply', () => {
  it('streams reasoning then content, records usage and sends exactly the expected request', async () => {
    await start()
    provider.enqueue({
      kind: 'reply',
      reasoning: '先想一想。Then answer.',
      content: 'Hello **world** — 你好',
      chunkSize: 3,
      usage: { prompt_tokens: 11, completion_tokens: 7, reasoning_tokens: 5 }
    })
    const { sent, reply } = await sendAndWait('Hi there')
    expect(reply).toMatchObject({
      role: 'assistant',
      status: 'done',
      content: 'Hello **world** — 你好',
      reasoning: '先想一想。Then answer.',
      finishReason: 'stop',
      usage: { promptTokens: 11, completionTokens: 7, reasoningTokens: 5 },
      error: null
    })
    expect(deltas.map((d) => d.content).join('')).toBe(reply.content)
    expect(deltas.map((d) => d.reasoning).join('')).toBe(reply.reasoning)
    // Reasoning arrives before content.
    const firstContent = deltas.findIndex((d) => d.content)
    expect(deltas.slice(firstContent).every((d) => !d.reasoning)).toBe(true)
    expect(ended).toEqual([{ conversationId: sent.conversation.id, message: reply }])

    const [request] = provider.chatRequests()
    expect(request.headers.authorization).toBe(`Bearer ${provider.apiKey}`)
    expect(request.body).toEqual({
      model: MODEL,
      messages: [{ role: 'user', content: 'Hi there' }],
      stream: true,
      stream_options: { include_usage: true }
    })
    expect(sent.conversation.title).toBe('Hi there')
  })

  it('sends earlier turns as context in order, never the reasoning', async () => {
    await start()
    provider.enqueue({ kind: 'reply', reasoning: 'hmm', content: 'First answer' })
    const { sent } = await sendAndWait('First question')
    provider.enqueue({ kind: 'reply', content: 'Second answer' })
    await sendAndWait('Second question', sent.conversation.id)
    expect(provider.chatRequests()[1].body.messages).toEqual([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: 'First answer' },
      { role: 'user', content: 'Second question' }
    ])
    const rows = listMessages(core.services.db, sent.conversation.id)
    expect(rows.map((m) => [m.role, m.content])).toEqual([
      ['user', 'First question'],
      ['assistant', 'First answer'],
      ['user', 'Second question'],
      ['assistant', 'Second answer']
    ])
  })

  it('writes the partial reply to the database while it streams', async () => {
    await start({ flushIntervalMs: 30 })
    provider.enqueue({ kind: 'reply', content: 'x'.repeat(300), chunkSize: 2, delayMs: 10 })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'go'
    })
    let partial: Message | undefined
    await expect
      .poll(
        () => {
          partial = getMessage(core.services.db, sent.assistantMessage.id)
          return partial!.status === 'streaming' && partial!.content.length > 0
        },
        { interval: 20 }
      )
      .toBe(true)
    expect(partial!.content.length).toBeLessThan(300)
    await core.services.chat.whenIdle(sent.assistantMessage.id)
    expect(getMessage(core.services.db, sent.assistantMessage.id)!.content).toBe('x'.repeat(300))
  })

  it('says when the answer was cut off at the token limit', async () => {
    await start()
    provider.enqueue({ kind: 'reply', content: 'cut', finishReason: 'length' })
    const { reply } = await sendAndWait('long please')
    expect(reply).toMatchObject({ status: 'done', finishReason: 'length' })
  })

  it('Stop aborts the request and keeps what arrived', async () => {
    await start()
    const answer = 'abcdefghij'.repeat(50)
    provider.enqueue({ kind: 'reply', content: answer, chunkSize: 5, delayMs: 10 })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'go'
    })
    await expect.poll(() => deltas.length, { interval: 10 }).toBeGreaterThan(3)
    await core.handlers.stopReply({ messageId: sent.assistantMessage.id })
    const reply = getMessage(core.services.db, sent.assistantMessage.id)!
    expect(reply.status).toBe('stopped')
    expect(reply.error).toBeNull()
    expect(reply.content.length).toBeGreaterThan(0)
    expect(reply.content.length).toBeLessThan(answer.length)
    expect(answer.startsWith(reply.content)).toBe(true)
    expect(reply.content).toBe(deltas.map((d) => d.content).join(''))
    await expect.poll(() => provider.chatRequests()[0].aborted).toBe(true)
  })

  it('Stop keeps exactly the text the renderer was sent, including what arrived since the last save', async () => {
    // No periodic save happens during this test: only the final write can keep the text.
    await start({ flushIntervalMs: 60_000 })
    const answer = 'The quick brown fox jumps over the lazy dog. '.repeat(20)
    provider.enqueue({
      kind: 'reply',
      content: answer,
      reasoning: 'Think first.',
      chunkSize: 3,
      delayMs: 10
    })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'go'
    })
    await expect
      .poll(() => deltas.filter((d) => d.content !== '').length, { interval: 10 })
      .toBeGreaterThan(5)
    expect(getMessage(core.services.db, sent.assistantMessage.id)!.content).toBe('')
    expect(await core.handlers.stopReply({ messageId: sent.assistantMessage.id })).toBeNull()
    const shownContent = deltas.map((d) => d.content).join('')
    const shownReasoning = deltas.map((d) => d.reasoning).join('')
    expect(shownContent.length).toBeGreaterThan(5)
    expect(shownContent.length).toBeLessThan(answer.length)
    expect(shownReasoning).toBe('Think first.')

    expect(ended).toHaveLength(1)
    expect(ended[0].message).toMatchObject({
      id: sent.assistantMessage.id,
      status: 'stopped',
      content: shownContent,
      reasoning: shownReasoning
    })
    const saved = getMessage(core.services.db, sent.assistantMessage.id)!
    expect(saved).toMatchObject({
      status: 'stopped',
      content: shownContent,
      reasoning: shownReasoning
    })
  })

  it('refuses a second message while a reply streams in the same conversation', async () => {
    await start()
    provider.enqueue({ kind: 'reply', content: 'y'.repeat(200), chunkSize: 2, delayMs: 10 })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'a'
    })
    await expect(
      core.handlers.sendMessage({
        conversationId: sent.conversation.id,
        model: MODEL,
        attachments: [],
        text: 'b'
      })
    ).rejects.toMatchObject({ code: 'busy' })
    await core.handlers.stopReply({ messageId: sent.assistantMessage.id })
  })

  it('lets only one of two simultaneous sends into a conversation through', async () => {
    await start()
    const { sent } = await sendAndWait('first')
    provider.enqueue({ kind: 'reply', content: 'z'.repeat(100), chunkSize: 2, delayMs: 10 })
    const both = await Promise.allSettled([
      core.handlers.sendMessage({
        conversationId: sent.conversation.id,
        model: MODEL,
        attachments: [],
        text: 'a'
      }),
      core.handlers.sendMessage({
        conversationId: sent.conversation.id,
        model: MODEL,
        attachments: [],
        text: 'b'
      })
    ])
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    const accepted = both.find(
      (r) => r.status === 'fulfilled'
    ) as PromiseFulfilledResult<SendResult>
    await core.handlers.stopReply({ messageId: accepted.value.assistantMessage.id })
    expect(listMessages(core.services.db, sent.conversation.id)).toHaveLength(4)
  })

  it('Stop does not wait out the SDK backoff before a retry', async () => {
    await start({ maxRetries: 2 })
    provider.enqueue({
      kind: 'error',
      status: 503,
      error: { message: 'busy', type: 'ServerOverloaded', code: 'ServerOverloaded' },
      retryAfter: '15'
    })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'hi'
    })
    await provider.waitForRequests(1)
    const startedAt = Date.now()
    await core.handlers.stopReply({ messageId: sent.assistantMessage.id })
    // Stopped well before the retry the server asked for was due (not a speed check).
    expect(Date.now() - startedAt).toBeLessThan(15_000)
    expect(getMessage(core.services.db, sent.assistantMessage.id)!.status).toBe('stopped')
  })

  it('refuses new messages once the app is closing', async () => {
    await start()
    await core.services.chat.stopAll()
    await expect(
      core.handlers.sendMessage({
        conversationId: null,
        model: MODEL,
        attachments: [],
        text: 'late'
      })
    ).rejects.toMatchObject({ code: 'history_unavailable' })
  })

  it('without a key, says so and saves nothing', async () => {
    await start()
    await core.handlers.deleteKey(undefined)
    await expect(
      core.handlers.sendMessage({ conversationId: null, model: MODEL, attachments: [], text: 'hi' })
    ).rejects.toMatchObject({ code: 'no_key' })
    expect(core.services.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
  })
})

describe('errors', () => {
  const error = (code: string) => ({ message: `server says ${code}`, type: code, code })

  it.each([
    [401, 'bad_key'],
    [403, 'model_unavailable'],
    [404, 'model_unavailable'],
    [400, 'bad_request'],
    [500, 'server'],
    [503, 'server']
  ] as const)('HTTP %i becomes %s with the server message', async (status, code) => {
    await start()
    provider.enqueue({ kind: 'error', status, error: error(`E${status}`) })
    const { reply } = await sendAndWait('hi')
    expect(reply.status).toBe('error')
    expect(reply.error).toEqual({ code, status, message: `server says E${status} (E${status})` })
    expect(provider.chatRequests()).toHaveLength(1)
  })

  it('429 tells how long to wait from Retry-After', async () => {
    await start()
    provider.enqueue({
      kind: 'error',
      status: 429,
      error: error('RateLimitExceeded'),
      retryAfter: '30'
    })
    const { reply } = await sendAndWait('hi')
    expect(reply.error).toMatchObject({ code: 'rate_limited', status: 429, retryAfterSeconds: 30 })
  })

  it("the SDK's own retry recovers from a 500 and from a short Retry-After", async () => {
    await start({ maxRetries: 2 })
    provider.enqueue(
      { kind: 'error', status: 500, error: error('InternalServiceError') },
      { kind: 'error', status: 429, error: error('RateLimitExceeded'), retryAfter: '1' },
      { kind: 'reply', content: 'third time lucky' }
    )
    const { reply } = await sendAndWait('hi')
    expect(reply).toMatchObject({ status: 'done', content: 'third time lucky' })
    expect(provider.chatRequests()).toHaveLength(3)
  })

  it('a Retry-After too long to wait goes to the user at once, not retried', async () => {
    await start({ maxRetries: 2 })
    provider.enqueue({
      kind: 'error',
      status: 429,
      error: error('QuotaExceeded'),
      retryAfter: '3600'
    })
    // Waiting the hour would end in the test's timeout.
    const { reply } = await sendAndWait('hi')
    expect(reply.error).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 3600 })
    expect(provider.chatRequests()).toHaveLength(1)
  })

  it('an unreachable server is a network error', async () => {
    await start()
    const closed = await startFakeProvider()
    await closed.close()
    await core.handlers.updateSettings({ baseURL: closed.baseURL })
    const { reply } = await sendAndWait('hi')
    expect(reply).toMatchObject({ status: 'error', content: '', error: { code: 'network' } })
  })

  it.each([
    ['drop', { mode: 'drop' }, 'stream_interrupted'],
    ['malformed', { mode: 'malformed' }, 'stream_interrupted'],
    ['error-event', { mode: 'error-event' }, 'stream_interrupted'],
    ['stall', { mode: 'stall' }, 'stalled']
  ] as const)('a %s mid-stream keeps the partial text', async (_name, failure, code) => {
    await start({ stallTimeoutMs: 400 })
    provider.enqueue({
      kind: 'reply',
      reasoning: 'thinking…',
      content: 'The first half. The second half.',
      chunkSize: 4,
      failAfterChars: 'thinking…'.length + 16,
      failure
    })
    const { reply } = await sendAndWait('hi')
    expect(reply.status).toBe('error')
    expect(reply.error?.code).toBe(code)
    expect(reply.reasoning).toBe('thinking…')
    expect(reply.content).toBe('The first half. ')
  })

  it('an error event carries the server message', async () => {
    await start()
    provider.enqueue({
      kind: 'reply',
      content: 'partial answer',
      failAfterChars: 7,
      failure: {
        mode: 'error-event',
        error: {
          message: 'Output blocked',
          type: 'SensitiveContentDetected',
          code: 'OutputTextSensitiveContentDetected'
        }
      }
    })
    const { reply } = await sendAndWait('hi')
    expect(reply.error).toEqual({
      code: 'stream_interrupted',
      message: 'Output blocked (OutputTextSensitiveContentDetected)'
    })
    expect(reply.content).toBe('partial')
  })

  it('Retry is refused for a reply that is no longer the last one', async () => {
    await start()
    provider.enqueue({ kind: 'error', status: 500, error: error('InternalServiceError') })
    const { sent, reply } = await sendAndWait('one')
    await sendAndWait('two', sent.conversation.id)
    await expect(core.handlers.retryReply({ messageId: reply.id })).rejects.toMatchObject({
      code: 'invalid_input'
    })
  })

  it('Retry replaces a failed reply with a new one from the same context', async () => {
    await start()
    provider.enqueue({ kind: 'error', status: 500, error: error('InternalServiceError') })
    const { sent, reply } = await sendAndWait('hi')
    expect(reply.status).toBe('error')
    provider.enqueue({ kind: 'reply', content: 'better now' })
    const retried = await core.handlers.retryReply({ messageId: reply.id })
    await core.services.chat.whenIdle(retried.id)
    expect(
      listMessages(core.services.db, sent.conversation.id).map((m) => [m.role, m.status, m.content])
    ).toEqual([
      ['user', 'done', 'hi'],
      ['assistant', 'done', 'better now']
    ])
    expect(provider.chatRequests()[1].body.messages).toEqual([{ role: 'user', content: 'hi' }])
  })
})

describe('connection test and models', () => {
  it('counts the models a key may use, and reports a bad key precisely', async () => {
    await start()
    await expect(core.handlers.testConnection({})).resolves.toEqual({ modelCount: 10 })
    await expect(
      core.handlers.testConnection({ baseURL: provider.baseURL, key: 'sk-wrong-key' })
    ).rejects.toMatchObject({ code: 'bad_key', status: 401 })
    const list = await core.handlers.listModels(undefined)
    expect(list.source).toBe('provider')
    expect(list.models.map((m) => m.id)).toContain(MODEL)
  })
})
