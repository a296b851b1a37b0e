// A 429 with a short Retry-After: the reply waits it out where the user sees it (replyWaiting),
// and "Retry now" or Stop ends the wait. The core against the fake provider over real HTTP.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { Core } from '../../../src/main/core'
import { getMessage } from '../../../src/main/history/messages'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { coreOn, replyRecorder, type OpenedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let opened: OpenedCore | undefined
let waiting: EventPayloads['replyWaiting'][]

const MODEL = 'doubao-seed-1-6-251015'
const rateLimited = (retryAfter: string) =>
  ({
    kind: 'error',
    status: 429,
    error: { message: 'slow down', type: 'RateLimitExceeded', code: 'RateLimitExceeded' },
    retryAfter
  }) as const

beforeEach(async () => {
  provider = await startFakeProvider()
  const recorder = replyRecorder()
  waiting = recorder.waiting
  opened = await coreOn(provider, 'rate-limit-', {
    chat: { maxRetries: 2 },
    emit: recorder.emit
  })
  core = opened.core
})
afterEach(async () => {
  await opened?.close()
  opened = undefined
  await provider.close()
})

async function send() {
  const sent = await core.handlers.sendMessage({
    conversationId: null,
    model: MODEL,
    attachments: [],
    text: 'hi'
  })
  return sent.assistantMessage
}

describe('a rate-limit wait', () => {
  it('is announced with the time it retries, then its end, and the retry answers', async () => {
    provider.enqueue(rateLimited('1'), { kind: 'reply', content: 'after the wait' })
    const before = Date.now()
    const reply = await send()
    await core.services.chat.whenIdle(reply.id)
    expect(getMessage(core.services.db, reply.id)).toMatchObject({
      status: 'done',
      content: 'after the wait'
    })
    expect(provider.chatRequests()).toHaveLength(2)
    expect(waiting).toHaveLength(2)
    expect(waiting[0]).toMatchObject({ conversationId: reply.conversationId, messageId: reply.id })
    expect(waiting[0].retryAt).toBeGreaterThanOrEqual(before + 1000)
    expect(waiting[1]).toEqual({
      conversationId: reply.conversationId,
      messageId: reply.id,
      retryAt: null
    })
  })

  it('"Retry now" ends the wait at once', async () => {
    provider.enqueue(rateLimited('20'), { kind: 'reply', content: 'retried now' })
    const reply = await send()
    await vi.waitFor(() => expect(waiting).toHaveLength(1))
    expect(provider.chatRequests()).toHaveLength(1)
    await core.handlers.retryReplyNow({ messageId: reply.id })
    // Without the cut the reply would wait 20 s, past the test's time limit.
    await core.services.chat.whenIdle(reply.id)
    expect(getMessage(core.services.db, reply.id)).toMatchObject({
      status: 'done',
      content: 'retried now'
    })
    expect(provider.chatRequests()).toHaveLength(2)
    expect(waiting.at(-1)?.retryAt).toBeNull()
  })

  it('Stop during the wait stops the reply without retrying', async () => {
    provider.enqueue(rateLimited('20'), { kind: 'reply', content: 'never asked' })
    const reply = await send()
    await vi.waitFor(() => expect(waiting).toHaveLength(1))
    await core.handlers.stopReply({ messageId: reply.id })
    expect(getMessage(core.services.db, reply.id)!.status).toBe('stopped')
    expect(provider.chatRequests()).toHaveLength(1)
  })

  it('gives up after the retries allowed, with the rate limit in words', async () => {
    provider.enqueue(rateLimited('0'), rateLimited('0'), rateLimited('0'))
    const reply = await send()
    await core.services.chat.whenIdle(reply.id)
    expect(getMessage(core.services.db, reply.id)!.error).toMatchObject({
      code: 'rate_limited',
      status: 429
    })
    expect(provider.chatRequests()).toHaveLength(3)
  })
})
