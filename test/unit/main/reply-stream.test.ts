// One reply streamed into a real SQLite history from the fake provider over real HTTP, with a
// clock the test moves: reasoning time, a continued reply's usage and reasoning time, and how
// each ending (done, failed, stopped, a plain Error) is written and announced.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { Message, Usage } from '../../../src/shared/types'
import {
  saveUnsavedReply,
  streamReply,
  type ReplyStreamDeps
} from '../../../src/main/chat/replyStream'
import { estimateTextTokens } from '../../../src/shared/tokenEstimate'
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

describe('a disk that refuses writes while a reply streams', () => {
  let refusing = true
  beforeEach(() => {
    refusing = true
    // A real refusal from SQLite itself, switched from the test: the reply's text updates abort.
    db.function('refuse_write', () => (refusing ? 1 : 0))
    db.exec(`CREATE TEMP TRIGGER refuse_reply_text BEFORE UPDATE OF content ON messages
      WHEN refuse_write() BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`)
  })

  function streamKeepingUnsaved(reply: Message, flushIntervalMs: number) {
    const unsaved: unknown[] = []
    const done = streamReply(
      deps(flushIntervalMs),
      {
        reply,
        apiKey: provider.apiKey,
        context: { messages: [{ role: 'user', content: 'Question' }], fields: {}, bodyBytes: 100 },
        signal: new AbortController().signal
      },
      (kept) => unsaved.push(kept)
    )
    return { done, unsaved }
  }

  it('keeps the text of failed periodic saves, says so once, and writes it all at the end', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      provider.enqueue({ kind: 'reply', content: 'x'.repeat(40), chunkSize: 2, delayMs: 5 })
      const reply = newReply()
      const { done, unsaved } = streamKeepingUnsaved(reply, 1)
      await expect.poll(() => deltas.length).toBeGreaterThan(4)
      refusing = false
      await done
      expect(unsaved).toEqual([])
      expect(messages.getMessage(db, reply.id)).toMatchObject({
        status: 'done',
        content: 'x'.repeat(40)
      })
      const streamedSaves = errors.mock.calls.filter(([text]) =>
        String(text).startsWith('Could not save streamed text')
      )
      expect(streamedSaves).toHaveLength(1)
    } finally {
      errors.mockRestore()
    }
  })

  it('keeps a reply whose final write fails in memory, announced with the storage error, until Save again', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      provider.enqueue({
        kind: 'reply',
        reasoning: 'Think',
        content: 'Answer',
        usage: { prompt_tokens: 5, completion_tokens: 2, reasoning_tokens: 1 }
      })
      const reply = newReply()
      const { done, unsaved } = streamKeepingUnsaved(reply, 60_000)
      await done
      expect(errors).toHaveBeenCalledWith('Could not save the finished reply:', expect.anything())
      expect(unsaved).toEqual([
        {
          content: 'Answer',
          reasoning: 'Think',
          end: {
            status: 'done',
            finishReason: 'stop',
            usage: usage(2, 1, 5),
            error: null,
            reasoningMs: 10
          }
        }
      ])
      const shown = ended.at(-1)!.message
      // Not written: shown as a failed reply with everything that arrived.
      expect(shown).toMatchObject({
        id: reply.id,
        status: 'error',
        content: 'Answer',
        reasoning: 'Think',
        finishReason: 'stop',
        usage: usage(2, 1, 5),
        reasoningMs: 10
      })
      expect(shown.error?.message).toContain('database or disk is full')
      expect(messages.getMessage(db, reply.id)!.status).toBe('streaming')

      // Save again: refused while the disk refuses, written once it takes it.
      const kept = unsaved[0] as Parameters<typeof saveUnsavedReply>[3]
      expect(() => saveUnsavedReply(db, () => 5_000, reply.id, kept)).toThrow('disk is full')
      refusing = false
      const saved = saveUnsavedReply(db, () => 5_000, reply.id, kept)!
      expect(saved).toMatchObject({ status: 'done', content: 'Answer', reasoning: 'Think' })
      expect(conversations.getConversation(db, reply.conversationId)!.updatedAt).toBe(5_000)
      // Once written (or gone) there is nothing to save again.
      expect(saveUnsavedReply(db, () => 6_000, reply.id, kept)).toBeNull()
      messages.deleteMessage(db, reply.id)
      expect(saveUnsavedReply(db, () => 6_000, reply.id, kept)).toBeNull()
    } finally {
      errors.mockRestore()
    }
  })
})

describe('periodic saves and whole code points', () => {
  it('never writes half of a surrogate pair, whichever pair is cut', async () => {
    // High surrogates at both ends of their range (U+10000 = D800 DC00, U+10FC00 = DBFF DC00).
    const content = `A\u{10000}B\u{10FC00}C😀D${'x'.repeat(10)}`
    provider.enqueue({ kind: 'reply', content, chunkSize: 1, delayMs: 3 })
    const reply = newReply()
    await streamReply(
      deps(1),
      {
        reply,
        apiKey: provider.apiKey,
        context: { messages: [{ role: 'user', content: 'Question' }], fields: {}, bodyBytes: 100 },
        signal: new AbortController().signal
      },
      () => undefined
    )
    expect(messages.getMessage(db, reply.id)!.content).toBe(content)
  })
})

describe("a continued reply's usage without the API's", () => {
  it('estimates the tokens written before, reasoning only when there was some', async () => {
    const tail = { prompt_tokens: 5, completion_tokens: 2 }
    provider.enqueue({ kind: 'reply', content: 'tail', usage: tail })
    let reply = newReply()
    const thought = { ...reply, content: 'Some answer', reasoning: 'Some thinking', usage: null }
    let done = await stream(reply, { continued: thought })
    const reasoningTokens = estimateTextTokens('Some thinking')
    expect(done.usage).toEqual({
      promptTokens: 5,
      completionTokens: estimateTextTokens('Some thinkingSome answer') + 2,
      reasoningTokens
    })
    provider.enqueue({ kind: 'reply', content: 'tail', usage: tail })
    reply = newReply()
    done = await stream(reply, { continued: { ...thought, reasoning: '' } })
    expect(done.usage).toEqual({
      promptTokens: 5,
      completionTokens: estimateTextTokens('Some answer') + 2,
      // The provider's usage says 0 reasoning tokens: nothing was estimated before.
      reasoningTokens: 0
    })
  })
})
