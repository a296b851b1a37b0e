import { describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { StreamBuffer, type MessageCache } from '../../../src/renderer/src/store/streamBuffer'
import { makeMessage } from './fake-api'

function streamingReply(
  id: number,
  conversationId: number,
  overrides: Partial<Message> = {}
): Message {
  return makeMessage({ id, conversationId, status: 'streaming', ...overrides })
}

function delta(conversationId: number, messageId: number, content: string, reasoning = '') {
  return { conversationId, messageId, content, reasoning }
}

/** A promise the test settles by hand, for a request still in flight. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('StreamBuffer', () => {
  it('batches the deltas of a message and applies them together, in order', () => {
    const buffer = new StreamBuffer()
    const cache: MessageCache = { 1: [streamingReply(10, 1, { content: 'He', reasoning: 'th' })] }
    buffer.add(delta(1, 10, 'l', 'in'))
    buffer.add(delta(1, 10, 'lo', 'k'))
    buffer.add(delta(1, 10, '!', ''))
    expect(buffer.hasPending).toBe(true)

    const next = buffer.applyTo(cache)
    expect(next[1][0].content).toBe('Hello!')
    expect(next[1][0].reasoning).toBe('think')
    expect(buffer.hasPending).toBe(false)
    // Applied once: applying again changes nothing and returns the same cache.
    expect(buffer.applyTo(next)).toBe(next)
  })

  it('applies to a copy and leaves the cache it was given untouched', () => {
    const buffer = new StreamBuffer()
    const streaming = streamingReply(10, 1, { content: 'a' })
    const other = [makeMessage({ id: 20, conversationId: 2, content: 'done' })]
    const conversation = [
      makeMessage({ id: 9, conversationId: 1, role: 'user', content: 'q' }),
      streaming
    ]
    const cache: MessageCache = { 1: conversation, 2: other }
    const before = structuredClone(cache)

    buffer.add(delta(1, 10, 'b'))
    const next = buffer.applyTo(cache)

    expect(cache).toEqual(before)
    expect(cache[1]).toBe(conversation)
    expect(conversation[1]).toBe(streaming)
    expect(streaming.content).toBe('a')
    expect(next).not.toBe(cache)
    expect(next[1]).not.toBe(conversation)
    expect(next[1][1].content).toBe('ab')
    // Unchanged messages and conversations keep their identity (React skips them).
    expect(next[1][0]).toBe(conversation[0])
    expect(next[2]).toBe(other)
  })

  it('returns the same cache when nothing is waiting', () => {
    const cache: MessageCache = { 1: [streamingReply(10, 1)] }
    expect(new StreamBuffer().applyTo(cache)).toBe(cache)
  })

  it('keeps text for a message not there yet while a request is in flight, and applies it once it is', async () => {
    const buffer = new StreamBuffer()
    const request = deferred<string>()
    const tracked = buffer.track(request.promise)
    buffer.add(delta(1, 10, 'early '))

    const empty: MessageCache = { 1: [] }
    expect(buffer.applyTo(empty)).toBe(empty)
    expect(buffer.hasPending).toBe(true)

    buffer.add(delta(1, 10, 'text'))
    const arrived = buffer.applyTo({ 1: [streamingReply(10, 1)] })
    expect(arrived[1][0].content).toBe('early text')

    request.resolve('answered')
    await expect(tracked).resolves.toBe('answered')
  })

  it('drops text for a message not there when no request is in flight', () => {
    const buffer = new StreamBuffer()
    buffer.add(delta(1, 10, 'lost'))
    buffer.applyTo({})
    expect(buffer.hasPending).toBe(false)
    // It does not come back once the message appears.
    const cache: MessageCache = { 1: [streamingReply(10, 1, { content: 'x' })] }
    expect(buffer.applyTo(cache)).toBe(cache)
  })

  it('stops keeping text once the tracked request has settled, even when it failed', async () => {
    const buffer = new StreamBuffer()
    const request = deferred<never>()
    const tracked = buffer.track(request.promise)
    request.reject(new Error('offline'))
    await expect(tracked).rejects.toThrow('offline')

    buffer.add(delta(1, 10, 'orphan'))
    buffer.applyTo({})
    expect(buffer.hasPending).toBe(false)
  })

  it('settles a new reply with the text that came before the request answered', async () => {
    const buffer = new StreamBuffer()
    const request = deferred<Message>()
    const tracked = buffer.track(request.promise)
    buffer.add(delta(1, 10, 'Hi', 'why'))
    buffer.applyTo({})
    request.resolve(streamingReply(10, 1))

    const settled = buffer.settle(await tracked)
    expect(settled.content).toBe('Hi')
    expect(settled.reasoning).toBe('why')
    expect(buffer.hasPending).toBe(false)
    // With nothing waiting, a reply comes back as it was.
    const plain = streamingReply(11, 1)
    expect(buffer.settle(plain)).toBe(plain)
  })

  it('puts the final message of an ended reply in place, dropping its buffered text but not the others', () => {
    const buffer = new StreamBuffer()
    const cache: MessageCache = {
      1: [streamingReply(10, 1, { content: 'par' })],
      2: [streamingReply(20, 2, { content: 'ot' })]
    }
    buffer.add(delta(1, 10, 'tial'))
    buffer.add(delta(2, 20, 'her'))
    const final = makeMessage({
      id: 10,
      conversationId: 1,
      content: 'partial and final',
      status: 'done'
    })

    const next = buffer.endReply(cache, 1, final)
    expect(next[1]).toEqual([final])
    expect(next[2][0].content).toBe('other')
    expect(buffer.hasPending).toBe(false)
    expect(cache[1][0].content).toBe('par')
  })

  it('puts an ended reply in its own place among the messages before it', () => {
    const buffer = new StreamBuffer()
    const question = makeMessage({ id: 9, conversationId: 1, role: 'user', content: 'Q' })
    const cache: MessageCache = { 1: [question, streamingReply(10, 1, { content: 'a' })] }
    const final = makeMessage({ id: 10, conversationId: 1, content: 'answer', status: 'done' })
    expect(buffer.endReply(cache, 1, final)[1]).toEqual([question, final])
  })

  it('drops, without applying it, the text of the message it is told to skip', () => {
    const buffer = new StreamBuffer()
    const cache: MessageCache = {
      1: [streamingReply(10, 1, { content: 'a' }), streamingReply(11, 1, { content: 'b' })]
    }
    buffer.add(delta(1, 10, '+skipped'))
    buffer.add(delta(1, 11, '+kept'))
    const next = buffer.applyTo(cache, 10)
    expect(next[1].map((m) => m.content)).toEqual(['a', 'b+kept'])
    expect(buffer.hasPending).toBe(false)
    expect(buffer.applyTo(next)).toBe(next)
  })

  it('keeps a reply that ended before its request answered, and settles the request with it', async () => {
    const buffer = new StreamBuffer()
    const request = deferred<Message>()
    const tracked = buffer.track(request.promise)
    buffer.add(delta(1, 10, 'fast'))
    const final = makeMessage({ id: 10, conversationId: 1, content: 'fast reply', status: 'done' })

    const cache: MessageCache = { 1: [] }
    expect(buffer.endReply(cache, 1, final)).toBe(cache)
    // A stray delta after the end adds nothing: the final message already holds all the text.
    buffer.add(delta(1, 10, ' stray'))

    request.resolve(streamingReply(10, 1))
    const settled = buffer.settle(await tracked)
    expect(settled).toBe(final)
    expect(buffer.hasPending).toBe(false)
    // Used once: the ended reply and its text are gone.
    const again = streamingReply(10, 1)
    expect(buffer.settle(again)).toBe(again)
  })

  it('does not keep a reply that ended when no request is in flight', () => {
    const buffer = new StreamBuffer()
    const final = makeMessage({ id: 10, conversationId: 1, content: 'elsewhere', status: 'done' })
    buffer.endReply({}, 1, final)
    const reply = streamingReply(10, 1)
    expect(buffer.settle(reply)).toBe(reply)
  })

  it('clear drops waiting text and ended replies', async () => {
    const buffer = new StreamBuffer()
    const request = deferred<Message>()
    const tracked = buffer.track(request.promise)
    buffer.add(delta(1, 10, 'gone'))
    buffer.endReply({}, 1, makeMessage({ id: 11, conversationId: 1, status: 'done' }))
    buffer.clear()
    expect(buffer.hasPending).toBe(false)

    request.resolve(streamingReply(11, 1))
    const reply = await tracked
    expect(buffer.settle(reply)).toBe(reply)
  })
})
