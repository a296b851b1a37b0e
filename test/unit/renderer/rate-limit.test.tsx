// @vitest-environment jsdom
// A reply waiting out a rate limit (main's replyWaiting event) shows the wait with a countdown,
// Retry now and Stop, instead of typing dots.
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { createFakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

// jsdom does no layout: give the message list a viewport so its virtualizer renders rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('message-scroll') ? 600 : 0
    }
  })
})
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
})

async function waitingReply() {
  const fake = createFakeApi()
  const store = createTestStore(fake)
  await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  await act(async () => {
    await store.getState().sendMessage('Hi')
  })
  const conversationId = store.getState().activeConversationId!
  const messageId = store.getState().streaming[conversationId]
  return { fake, store, conversationId, messageId, user: userEvent.setup() }
}

describe('a rate-limit wait', () => {
  it('counts down with Retry now and Stop, and goes when the retry starts', async () => {
    const { fake, conversationId, messageId, user } = await waitingReply()
    const reply = screen.getByRole('article', { name: 'Assistant' })
    expect(reply.textContent).not.toContain('Rate-limited')
    act(() => fake.emitWaiting({ conversationId, messageId, retryAt: Date.now() + 11_500 }))
    expect(reply.textContent).toContain('Rate-limited: retrying in 12 s')
    expect(within(reply).getByRole('status').textContent).toContain('retries by itself')

    await user.click(within(reply).getByRole('button', { name: 'Retry now' }))
    expect(fake.api.retryReplyNow).toHaveBeenCalledWith({ messageId })
    act(() => fake.emitWaiting({ conversationId, messageId, retryAt: null }))
    expect(reply.textContent).not.toContain('Rate-limited')
  })

  it('Stop during the wait stops the reply', async () => {
    const { fake, conversationId, messageId, user } = await waitingReply()
    act(() => fake.emitWaiting({ conversationId, messageId, retryAt: Date.now() + 5_000 }))
    const reply = screen.getByRole('article', { name: 'Assistant' })
    await user.click(within(reply).getByRole('button', { name: 'Stop' }))
    expect(fake.api.stopReply).toHaveBeenCalledWith({ messageId })
  })
})
