// Small edges of a reply's life (issue 14, item 8): a send made on hearing replyEnded, a 429 about
// the account, the stall message.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { EmitEvent, EventPayloads } from '../../../src/shared/contract'
import type { AppErrorInfo, Result } from '../../../src/shared/errors'
import type { SendResult } from '../../../src/shared/types'
import type { ChatServiceOptions } from '../../../src/main/chat/options'
import type { Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { getMessage } from '../../../src/main/history/messages'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { coreOn, type OpenedCore } from '../../fixtures/core'

const MODEL = 'doubao-seed-1-6-251015'

let provider: FakeProvider
let core: Core
let opened: OpenedCore | undefined

async function start(chat: Partial<ChatServiceOptions>, emit?: EmitEvent): Promise<void> {
  opened = await coreOn(provider, 'chat-small-', { chat, emit })
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

async function sendAndWait(text: string) {
  const sent = await core.handlers.sendMessage({
    conversationId: null,
    model: MODEL,
    attachments: [],
    text
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  return getMessage(core.services.db, sent.assistantMessage.id)!
}

it('a send made in the same tick as replyEnded is accepted: the reply has finished by then', async () => {
  const answers: Promise<Result<SendResult>>[] = []
  await start({}, (name, payload) => {
    if (name !== 'replyEnded' || answers.length >= 2) return
    const { conversationId } = payload as EventPayloads['replyEnded']
    const next = { conversationId, model: MODEL, attachments: [], text: 'Next question' }
    // Both doors, in the same tick: the service itself, then the request as the renderer makes it.
    answers.push(
      answers.length === 0
        ? core.services.chat.send(next).then(
            (sent) => ({ ok: true as const, value: sent }),
            (error: AppErrorInfo) => ({ ok: false as const, error })
          )
        : (dispatch(core.handlers, 'sendMessage', next) as Promise<Result<SendResult>>)
    )
  })
  expect((await sendAndWait('First question')).status).toBe('done')
  // Each reply's replyEnded goes out before it is idle: the next answer is there by then.
  for (let index = 0; index < 2; index++) {
    const answer = await answers[index]
    expect(answer, `send ${index + 1}`).toMatchObject({ ok: true })
    if (answer.ok) await core.services.chat.whenIdle(answer.value.assistantMessage.id)
  }
})

it('a 429 insufficient_quota is account_problem at once, without the SDK retrying it', async () => {
  await start({ maxRetries: 2 })
  provider.enqueue({
    kind: 'error',
    status: 429,
    error: {
      message: 'You exceeded your current quota, please check your plan and billing details.',
      type: 'insufficient_quota',
      code: 'insufficient_quota'
    }
  })
  const reply = await sendAndWait('hi')
  expect(reply.error).toMatchObject({ code: 'account_problem', status: 429 })
  expect(provider.chatRequests()).toHaveLength(1)
  // A rate limit that is not about the account is still retried (then answered).
  provider.enqueue(
    {
      kind: 'error',
      status: 429,
      error: { message: 'slow down', type: 'TooManyRequests', code: 'RateLimitExceeded' },
      retryAfter: '0'
    },
    { kind: 'reply', content: 'answered' }
  )
  expect(await sendAndWait('again')).toMatchObject({ status: 'done', content: 'answered' })
  expect(provider.chatRequests()).toHaveLength(3)
})

it('a stall says the limit as configured: 1.5 s is "1.5 seconds", not 2', async () => {
  await start({ stallTimeoutMs: 1_500 })
  provider.enqueue({ kind: 'reply', content: 'cut', failAfterChars: 0, failure: { mode: 'stall' } })
  const reply = await sendAndWait('hi')
  expect(reply.error).toEqual({
    code: 'stalled',
    message: 'No data arrived for 1.5 seconds.',
    params: { seconds: 1.5 }
  })
  const result = await dispatch(core.handlers, 'getConversation', { id: reply.conversationId })
  expect(JSON.stringify(result)).toContain('No data arrived for 1.5 seconds.')
})
