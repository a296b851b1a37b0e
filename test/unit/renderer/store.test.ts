// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { DEFAULT_MODEL } from '../../../src/shared/models'
import {
  createAppStore,
  selectActiveMessages,
  selectIsStreaming,
  type AppStore,
  type FrameScheduler
} from '../../../src/renderer/src/store'
import { createFakeApi, makeConversation, makeMessage, NO_KEY, ok, type FakeApi } from './fake-api'

/** A requestAnimationFrame stand-in: frames run only when the test says so. */
function fakeFrames() {
  const callbacks = new Map<number, () => void>()
  let next = 1
  const scheduler: FrameScheduler = {
    request: (callback) => {
      callbacks.set(next, callback)
      return next++
    },
    cancel: (handle) => {
      callbacks.delete(handle)
    }
  }
  return {
    scheduler,
    pending: () => callbacks.size,
    runFrame: () => {
      const due = [...callbacks.values()]
      callbacks.clear()
      for (const callback of due) callback()
    }
  }
}

async function startChat(fake: FakeApi, frames = fakeFrames()) {
  const store = createAppStore(fake.api, frames.scheduler)
  await store.getState().init()
  return { store, frames }
}

async function sendAndGetReply(store: AppStore): Promise<Message> {
  expect(await store.getState().sendMessage('Hello')).toBe(true)
  const messages = selectActiveMessages(store.getState())
  return messages[messages.length - 1]
}

describe('store: streaming', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('batches deltas into one state change per animation frame', async () => {
    // The default scheduler: the real requestAnimationFrame, faked here.
    const frameCallbacks: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) =>
      frameCallbacks.push(callback)
    )
    vi.stubGlobal('cancelAnimationFrame', () => {})
    const fake = createFakeApi()
    const store = createAppStore(fake.api)
    await store.getState().init()
    const reply = await sendAndGetReply(store)
    expect(reply.status).toBe('streaming')

    const changes: Message[][] = []
    store.subscribe((state) => changes.push([...selectActiveMessages(state)]))
    const delta = { conversationId: reply.conversationId, messageId: reply.id }
    fake.emitDelta({ ...delta, content: '', reasoning: 'Let me ' })
    fake.emitDelta({ ...delta, content: '', reasoning: 'think.' })
    fake.emitDelta({ ...delta, content: 'Hello', reasoning: '' })
    fake.emitDelta({ ...delta, content: ', world', reasoning: '' })

    expect(changes).toHaveLength(0)
    expect(frameCallbacks).toHaveLength(1)
    frameCallbacks.shift()!(performance.now())

    expect(changes).toHaveLength(1)
    const streamed = changes[0].find((m) => m.id === reply.id)!
    expect(streamed.content).toBe('Hello, world')
    expect(streamed.reasoning).toBe('Let me think.')
    expect(streamed.status).toBe('streaming')
  })

  it('asks for a new frame only after the previous one ran', async () => {
    const fake = createFakeApi()
    const { store, frames } = await startChat(fake)
    const reply = await sendAndGetReply(store)
    const delta = { conversationId: reply.conversationId, messageId: reply.id, reasoning: '' }
    fake.emitDelta({ ...delta, content: 'a' })
    fake.emitDelta({ ...delta, content: 'b' })
    expect(frames.pending()).toBe(1)
    frames.runFrame()
    expect(frames.pending()).toBe(0)
    fake.emitDelta({ ...delta, content: 'c' })
    expect(frames.pending()).toBe(1)
    frames.runFrame()
    expect(selectActiveMessages(store.getState()).at(-1)!.content).toBe('abc')
  })

  it('replaces the message with the final one when the reply ends, dropping buffered text', async () => {
    const fake = createFakeApi()
    const { store, frames } = await startChat(fake)
    const reply = await sendAndGetReply(store)
    expect(selectIsStreaming(store.getState())).toBe(true)
    fake.emitDelta({
      conversationId: reply.conversationId,
      messageId: reply.id,
      content: 'Hel',
      reasoning: ''
    })

    const final = {
      ...reply,
      content: 'Hello!',
      status: 'done' as const,
      finishReason: 'stop',
      usage: { promptTokens: 3, completionTokens: 2, reasoningTokens: null }
    }
    fake.emitEnded({ conversationId: reply.conversationId, message: final })

    const messages = selectActiveMessages(store.getState())
    expect(messages).toHaveLength(2)
    expect(messages[1]).toEqual(final)
    expect(selectIsStreaming(store.getState())).toBe(false)
    // The buffered "Hel" must not be added on top of the final text by a later frame.
    frames.runFrame()
    expect(selectActiveMessages(store.getState())[1].content).toBe('Hello!')
  })

  it('keeps deltas and the end that arrive before sendMessage answers', async () => {
    const fake = createFakeApi()
    const { store, frames } = await startChat(fake)
    const assistant = makeMessage({ id: 77, conversationId: 5, status: 'streaming' })
    let answer!: (value: Awaited<ReturnType<typeof fake.api.sendMessage>>) => void
    vi.mocked(fake.api.sendMessage).mockReturnValueOnce(
      new Promise((resolve) => (answer = resolve))
    )

    const sending = store.getState().sendMessage('Hi')
    fake.emitDelta({ conversationId: 5, messageId: 77, content: 'early ', reasoning: '' })
    frames.runFrame()
    fake.emitDelta({ conversationId: 5, messageId: 77, content: 'text', reasoning: '' })
    answer(
      ok({
        conversation: makeConversation({ id: 5 }),
        userMessage: makeMessage({ id: 76, conversationId: 5, role: 'user', content: 'Hi' }),
        assistantMessage: assistant,
        leftOut: []
      })
    )
    await sending
    frames.runFrame()
    expect(selectActiveMessages(store.getState()).map((m) => m.content)).toEqual([
      'Hi',
      'early text'
    ])
  })

  it('retry puts the new reply where the failed one was', async () => {
    const conversation = makeConversation({ id: 9 })
    const fake = createFakeApi({ conversations: [conversation] })
    const failed = makeMessage({
      id: 21,
      conversationId: 9,
      status: 'error',
      content: 'partial',
      error: { code: 'server', message: 'boom', status: 502 }
    })
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({
        conversation,
        messages: [makeMessage({ id: 20, conversationId: 9, role: 'user', content: 'Q' }), failed],
        hasOlder: false,
        hasNewer: false
      })
    )
    const fresh = makeMessage({ id: 22, conversationId: 9, status: 'streaming' })
    vi.mocked(fake.api.retryReply).mockResolvedValueOnce(ok(fresh))
    const { store } = await startChat(fake)
    await store.getState().openConversation(9)

    await store.getState().retryReply(21)

    expect(fake.api.retryReply).toHaveBeenCalledWith({ messageId: 21 })
    expect(selectActiveMessages(store.getState()).map((m) => m.id)).toEqual([20, 22])
    expect(store.getState().streaming[9]).toBe(22)
  })
})

describe('store: requests', () => {
  let fake: FakeApi
  beforeEach(() => {
    fake = createFakeApi()
  })

  it('shows the setup screen when no key is set', async () => {
    fake = createFakeApi({ keyStatus: NO_KEY })
    const { store } = await startChat(fake)
    expect(store.getState().phase).toBe('setup')
    expect(fake.api.listConversations).not.toHaveBeenCalled()
  })

  it('starts a new chat with the draft model and makes it the open conversation', async () => {
    const { store } = await startChat(fake)
    await store.getState().sendMessage('Hello')
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: null,
      model: DEFAULT_MODEL,
      text: 'Hello'
    })
    const state = store.getState()
    expect(state.activeConversationId).toBe(state.conversations[0].id)
    expect(selectActiveMessages(state).map((m) => m.role)).toEqual(['user', 'assistant'])
  })

  it('shows a failed request in the banner', async () => {
    vi.mocked(fake.api.sendMessage).mockResolvedValueOnce({
      ok: false,
      error: { code: 'no_key', message: 'no key' }
    })
    const { store } = await startChat(fake)
    expect(await store.getState().sendMessage('Hello')).toBe(false)
    expect(store.getState().banner?.code).toBe('no_key')
    store.getState().dismissBanner()
    expect(store.getState().banner).toBeNull()
  })

  it('remembers the model per conversation, and as the draft for a new chat', async () => {
    const conversation = makeConversation({ id: 3, model: 'glm-4-7-251222' })
    fake = createFakeApi({ conversations: [conversation] })
    const { store } = await startChat(fake)
    // The last used model is the default of a new chat.
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
    await store.getState().selectModel('doubao-seed-2.0-pro')
    expect(fake.api.setConversationModel).not.toHaveBeenCalled()
    expect(store.getState().draftModel).toBe('doubao-seed-2.0-pro')

    await store.getState().openConversation(3)
    await store.getState().selectModel('doubao-seed-1-8-251228')
    expect(fake.api.setConversationModel).toHaveBeenCalledWith({
      id: 3,
      model: 'doubao-seed-1-8-251228'
    })
    expect(store.getState().conversations[0].model).toBe('doubao-seed-1-8-251228')
  })

  it('pages conversations with the cursor from the last page', async () => {
    const first = [makeConversation({ id: 50 }), makeConversation({ id: 49 })]
    const second = [makeConversation({ id: 48 })]
    const cursor = { updatedAt: first[1].updatedAt, id: 49 }
    vi.mocked(fake.api.listConversations)
      .mockResolvedValueOnce(ok({ conversations: first, next: cursor }))
      .mockResolvedValueOnce(ok({ conversations: second, next: null }))
    const { store } = await startChat(fake)
    await store.getState().loadMoreConversations()
    expect(fake.api.listConversations).toHaveBeenLastCalledWith({ limit: 50, before: cursor })
    expect(store.getState().conversations.map((c) => c.id)).toEqual([50, 49, 48])
    await store.getState().loadMoreConversations()
    expect(fake.api.listConversations).toHaveBeenCalledTimes(2)
  })

  it('saves the setup base URL before the key, then opens the chat', async () => {
    fake = createFakeApi({ keyStatus: NO_KEY })
    const { store } = await startChat(fake)
    await store.getState().completeSetup({ baseURL: 'http://127.0.0.1:9/v1', key: 'sk-test-1234' })
    const settingsOrder = vi.mocked(fake.api.updateSettings).mock.invocationCallOrder[0]
    const keyOrder = vi.mocked(fake.api.setKey).mock.invocationCallOrder[0]
    expect(settingsOrder).toBeLessThan(keyOrder)
    expect(fake.api.setKey).toHaveBeenCalledWith({ key: 'sk-test-1234' })
    expect(store.getState().phase).toBe('chat')
  })

  it('stops the reply streaming in the open conversation', async () => {
    const { store } = await startChat(fake)
    const reply = await sendAndGetReply(store)
    await store.getState().stopReply()
    expect(fake.api.stopReply).toHaveBeenCalledWith({ messageId: reply.id })
  })

  it('unsubscribes on dispose', async () => {
    const { store } = await startChat(fake)
    expect(fake.listenerCount()).toBe(2)
    store.getState().dispose()
    expect(fake.listenerCount()).toBe(0)
  })
})
