// @vitest-environment jsdom
// Find in a chat, the store's side: an answer to an older query never replaces a newer one's,
// stepping wraps and loads the page around a match that is not loaded, and a refresh (the branch
// changed) keeps the match the user is on.
import { expect, it, vi } from 'vitest'
import type { FindResult } from '../../../src/shared/find'
import { createAppStore } from '../../../src/renderer/src/store'
import { createFakeApi, makeConversation, makeMessage, ok } from './fake-api'

const HITS: FindResult['hits'] = [
  { messageId: 2, count: 2 },
  { messageId: 40, count: 1 }
]

async function openChat() {
  const fake = createFakeApi({ conversations: [makeConversation({ id: 7 })] })
  const loaded = [1, 2, 3].map((id) => makeMessage({ id, conversationId: 7 }))
  vi.mocked(fake.api.getConversation).mockImplementation(async ({ id, around }) =>
    ok({
      conversation: makeConversation({ id }),
      messages:
        around === undefined
          ? loaded
          : [39, 40, 41].map((m) => makeMessage({ id: m, conversationId: id })),
      hasOlder: around !== undefined,
      hasNewer: false
    })
  )
  const store = createAppStore(fake.api)
  await store.getState().init()
  await store.getState().openConversation(7)
  store.getState().openFind()
  return { fake, store }
}

it('drops the answer to an older query', async () => {
  const { fake, store } = await openChat()
  let answerOld: (value: ReturnType<typeof ok<FindResult>>) => void = () => undefined
  vi.mocked(fake.api.findInConversation).mockImplementation(({ query }) =>
    query === 'se'
      ? new Promise((resolve) => {
          answerOld = resolve
        })
      : Promise.resolve(ok({ query, total: 3, hits: HITS }))
  )
  const older = store.getState().setFindQuery('se', 1)
  await store.getState().setFindQuery('seed', 1)
  answerOld(ok({ query: 'se', total: 99, hits: [{ messageId: 1, count: 99 }] }))
  await older
  expect(store.getState().find.result?.query).toBe('seed')
  expect(store.getState().find.result?.total).toBe(3)
})

it('steps with wrapping, loading the page around a match not loaded', async () => {
  const { fake, store } = await openChat()
  vi.mocked(fake.api.findInConversation).mockImplementation(async ({ query }) =>
    ok({ query, total: 3, hits: HITS })
  )
  // From the first message shown (3): the first match at or after it is in message 40.
  await store.getState().setFindQuery('seed', 3)
  expect(store.getState().find.current).toBe(2)
  expect(fake.api.getConversation).toHaveBeenLastCalledWith({ id: 7, around: 40 })
  expect(store.getState().messagesByConversation[7].map((m) => m.id)).toEqual([39, 40, 41])
  // Next wraps to the first match, in message 2: its page loads in turn.
  const token = store.getState().find.token
  await store.getState().stepFind(1)
  expect(store.getState().find).toMatchObject({ current: 0, token: token + 1 })
  expect(fake.api.getConversation).toHaveBeenLastCalledWith({ id: 7, around: 2 })
  // Back, and back again wraps to the last.
  await store.getState().stepFind(-1)
  expect(store.getState().find.current).toBe(2)
})

it('a refresh keeps the current match where it still is, and a blank query clears', async () => {
  const { fake, store } = await openChat()
  vi.mocked(fake.api.findInConversation).mockImplementation(async ({ query }) =>
    ok({ query, total: 3, hits: HITS })
  )
  await store.getState().setFindQuery('seed', 1)
  await store.getState().stepFind(1)
  expect(store.getState().find.current).toBe(1)
  // A new message above: the same match (message 2, its second) is now the third.
  vi.mocked(fake.api.findInConversation).mockImplementation(async ({ query }) =>
    ok({ query, total: 4, hits: [{ messageId: 1, count: 1 }, ...HITS] })
  )
  await store.getState().setFindQuery('seed', 1, true)
  expect(store.getState().find.current).toBe(2)
  await store.getState().setFindQuery('  ', 1)
  expect(store.getState().find).toMatchObject({ result: null, current: -1 })
  store.getState().closeFind()
  expect(store.getState().find.open).toBe(false)
})

it('loads the page beside the loaded ones ahead of a step, so the step needs no page around', async () => {
  const fake = createFakeApi({ conversations: [makeConversation({ id: 7 })] })
  const message = (id: number) => makeMessage({ id, conversationId: 7 })
  // Opened around a search hit: messages 10–12 loaded, newer ones not.
  vi.mocked(fake.api.getConversation).mockImplementation(async ({ id }) =>
    ok({
      conversation: makeConversation({ id }),
      messages: [10, 11, 12].map(message),
      hasOlder: false,
      hasNewer: true
    })
  )
  let answerPage: () => void = () => undefined
  vi.mocked(fake.api.listMessages).mockImplementation(
    ({ after }) =>
      new Promise((resolve) => {
        answerPage = () =>
          resolve(ok({ messages: [13, 14, 15].map(message), hasMore: after === undefined }))
      })
  )
  vi.mocked(fake.api.findInConversation).mockImplementation(async ({ query }) =>
    ok({
      query,
      total: 3,
      hits: [
        { messageId: 11, count: 1 },
        { messageId: 12, count: 1 },
        { messageId: 14, count: 1 }
      ]
    })
  )
  const store = createAppStore(fake.api)
  await store.getState().init()
  await store.getState().openConversation(7)
  store.getState().openFind()
  await store.getState().setFindQuery('seed', 10)
  // On the first match, the third (message 14) is within reach: the page after 12 is asked for.
  expect(store.getState().find.current).toBe(0)
  expect(fake.api.listMessages).toHaveBeenCalledWith({ conversationId: 7, after: 12 })
  await store.getState().stepFind(1)
  // Stepping onto it before the page came waits for that page, not for one around it.
  const last = store.getState().stepFind(1)
  answerPage()
  await last
  expect(store.getState().find.current).toBe(2)
  expect(store.getState().messagesByConversation[7].map((m) => m.id)).toEqual([
    10, 11, 12, 13, 14, 15
  ])
  expect(fake.api.getConversation).toHaveBeenCalledTimes(1)
  expect(fake.api.listMessages).toHaveBeenCalledTimes(1)
})
