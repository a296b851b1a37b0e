// One reply streamed into a real SQLite history from the fake provider over real HTTP, with a
// clock the test moves: reasoning time, a continued reply's usage and reasoning time, and how
// each ending (done, failed, stopped, a plain Error) is written and announced.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { Message, Usage } from '../../../src/shared/types'
import { streamReply, type ReplyStreamDeps } from '../../../src/main/chat/replyStream'
import { DEFAULT_SERVICE_OPTIONS } from '../../../src/main/chat/options'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as messages from '../../../src/main/history/messages'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { freshDatabase } from '../../fixtures/history'

const MODEL = 'doubao-seed-1-6-251015'

let provider: FakeProvider
let db: HistoryDatabase
let clock: number
let deltas: EventPayloads['replyDelta'][]
let ended: EventPayloads['replyEnded'][]

beforeEach(async () => {
  provider = await startFakeProvider()
  ;({ db } = freshDatabase('reply-stream-'))
  clock = 1_000
  deltas = []
  ended = []
})
afterEach(async () => {
  await provider.close()
})

/** Every call to now() moves the clock 10 ms. */
function deps(flushIntervalMs = 60_000): ReplyStreamDeps {
  return {
    db,
    emit: (name, payload) => {
      if (name === 'replyDelta') deltas.push(payload as EventPayloads['replyDelta'])
      else if (name === 'replyEnded') ended.push(payload as EventPayloads['replyEnded'])
    },
    options: {
      ...DEFAULT_SERVICE_OPTIONS,
      maxRetries: 0,
      stallTimeoutMs: 5_000,
      flushIntervalMs,
      baseURL: provider.baseURL
    },
    now: () => (clock += 10)
  }
}

function newReply(): Message {
  const conversation = conversations.createConversation(db, { title: 't', model: MODEL, now: 1 })
  messages.insertMessage(db, {
    conversationId: conversation.id,
    role: 'user',
    content: 'Question',
    status: 'done',
    model: null,
    now: 1
  })
  return messages.insertMessage(db, {
    conversationId: conversation.id,
    role: 'assistant',
    content: '',
    status: 'streaming',
    model: MODEL,
    now: 1
  })
}

async function stream(reply: Message, extra: { continued?: Message; signal?: AbortSignal } = {}) {
  await streamReply(
    deps(),
    {
      reply,
      apiKey: provider.apiKey,
      context: { messages: [{ role: 'user', content: 'Question' }], fields: {}, bodyBytes: 100 },
      signal: extra.signal ?? new AbortController().signal,
      continued: extra.continued
    },
    () => {
      throw new Error('This disk never refuses a write.')
    }
  )
  return messages.getMessage(db, reply.id)!
}

const usage = (completion: number, reasoning: number | null, prompt = 7): Usage => ({
  promptTokens: prompt,
  completionTokens: completion,
  reasoningTokens: reasoning
})

describe('streamReply', () => {
  it('writes the answer, its reasoning and its reasoning time, and announces each piece and the end', async () => {
    provider.enqueue({ kind: 'reply', reasoning: 'abcd', content: 'Answer', chunkSize: 2 })
    const reply = newReply()
    const done = await stream(reply)
    expect(done).toMatchObject({
      status: 'done',
      content: 'Answer',
      reasoning: 'abcd',
      error: null,
      finishReason: 'stop'
    })
    // Read on the first reasoning piece and on the first answer piece only: one tick apart.
    expect(done.reasoningMs).toBe(10)
    expect(deltas.map((d) => d.content).join('')).toBe('Answer')
    expect(deltas.map((d) => d.reasoning).join('')).toBe('abcd')
    expect(deltas.every((d) => d.messageId === reply.id)).toBe(true)
    expect(deltas.every((d) => d.conversationId === reply.conversationId)).toBe(true)
    expect(ended).toEqual([{ conversationId: reply.conversationId, message: done }])
    // The conversation moves to the top at the clock's time.
    const touched = conversations.getConversation(db, reply.conversationId)!
    expect(touched.updatedAt).toBeGreaterThan(1_000)
  })

  it('has no reasoning time without reasoning, and the reasoning time up to the end without an answer', async () => {
    provider.enqueue({ kind: 'reply', content: 'Plain' })
    expect((await stream(newReply())).reasoningMs).toBeNull()
    provider.enqueue({ kind: 'reply', reasoning: 'only thinking', content: '' })
    const thinkingOnly = await stream(newReply())
    expect(thinkingOnly.reasoning).toBe('only thinking')
    expect(thinkingOnly.reasoningMs).toBeGreaterThan(0)
  })

  it('adds a continuation to what the reply had: tokens written, reasoning time; the last prompt', async () => {
    provider.enqueue({
      kind: 'reply',
      reasoning: 'more',
      content: 'tail',
      usage: { prompt_tokens: 50, completion_tokens: 9, reasoning_tokens: 3 }
    })
    const reply = newReply()
    const before = { ...reply, usage: usage(20, 4), reasoningMs: 1_000 }
    const done = await stream(reply, { continued: before })
    expect(done.usage).toEqual({ promptTokens: 50, completionTokens: 29, reasoningTokens: 7 })
    expect(done.reasoningMs).toBeGreaterThan(1_000)
    expect(done.reasoningMs).toBeLessThan(2_000)
  })

  it('counts reasoning tokens on one side only, and none when neither side has them', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'tail',
      usage: { prompt_tokens: 5, completion_tokens: 2, reasoning_tokens: 0 }
    })
    let reply = newReply()
    let done = await stream(reply, { continued: { ...reply, usage: usage(3, null) } })
    expect(done.usage).toEqual({ promptTokens: 5, completionTokens: 5, reasoningTokens: 0 })

    // A continuation without a usage keeps the reply's; a reply without one takes the continuation's.
    provider.enqueue({ kind: 'reply', content: 'tail', usage: false })
    reply = newReply()
    done = await stream(reply, { continued: { ...reply, usage: usage(3, 1) } })
    expect(done.usage).toEqual(usage(3, 1))
    provider.enqueue({
      kind: 'reply',
      content: 'tail',
      usage: { prompt_tokens: 5, completion_tokens: 2, reasoning_tokens: 0 }
    })
    reply = newReply()
    done = await stream(reply, { continued: { ...reply, usage: null } })
    expect(done.usage).toEqual(usage(2, 0, 5))
  })

  it('a continued reply without reasoning keeps its earlier reasoning time', async () => {
    provider.enqueue({ kind: 'reply', content: 'tail' })
    const reply = newReply()
    const done = await stream(reply, { continued: { ...reply, reasoningMs: 700 } })
    expect(done.reasoningMs).toBe(700)
  })

  it('a failed reply keeps what arrived, with the error and no finish reason', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'Half an answer',
      failAfterChars: 4,
      failure: { mode: 'error-event' }
    })
    const reply = newReply()
    const failed = await stream(reply, { continued: { ...reply, usage: usage(3, null) } })
    expect(failed.status).toBe('error')
    expect(failed.finishReason).toBeNull()
    expect(failed.error).not.toBeNull()
    expect(failed.usage).toEqual(usage(3, null))
    expect(ended.at(-1)!.message).toEqual(failed)
  })

  it('a stopped reply keeps what arrived, without an error', async () => {
    provider.enqueue({ kind: 'reply', content: 'x'.repeat(200), chunkSize: 1, delayMs: 5 })
    const controller = new AbortController()
    const reply = newReply()
    const streaming = stream(reply, { signal: controller.signal })
    await expect.poll(() => deltas.length).toBeGreaterThan(2)
    controller.abort()
    const stopped = await streaming
    expect(stopped.status).toBe('stopped')
    expect(stopped.error).toBeNull()
    expect(stopped.finishReason).toBeNull()
    expect(stopped.usage).toBeNull()
    expect(stopped.content).toBe(deltas.map((d) => d.content).join(''))
  })
})
