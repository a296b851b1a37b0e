// A long conversation is read a page at a time: the latest page, the pages before and after a
// message, and the page around a search hit, through the history handlers on a real database.
import { beforeAll, describe, expect, it } from 'vitest'
import { AttachmentCatalog } from '../../../src/main/attachments/catalog'
import { AttachmentStore } from '../../../src/main/attachments/store'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import { historyHandlers } from '../../../src/main/history/handlers'
import * as messages from '../../../src/main/history/messages'
import { freshDatabase } from '../../fixtures/history'

let db: HistoryDatabase
let handlers: ReturnType<typeof historyHandlers>
let conversationId: number
let ids: number[]

beforeAll(() => {
  // Made in beforeAll, so the fixture closes and removes it after the file's tests.
  const fresh = freshDatabase('message-pages-')
  db = fresh.db
  const conversation = conversations.createConversation(db, { title: 'Long', model: 'm', now: 1 })
  conversationId = conversation.id
  // Another conversation's messages interleave: pages never mix conversations.
  const other = conversations.createConversation(db, { title: 'Other', model: 'm', now: 1 })
  ids = []
  db.transaction(() => {
    for (let i = 0; i < 230; i++) {
      const message = messages.insertMessage(db, {
        conversationId,
        role: i % 2 === 0 ? 'user' : 'assistant',
        content: `message ${i}`,
        status: 'done',
        model: null,
        now: i
      })
      ids.push(message.id)
      if (i % 10 === 0) {
        messages.insertMessage(db, {
          conversationId: other.id,
          role: 'user',
          content: 'x',
          status: 'done',
          model: null,
          now: i
        })
      }
    }
  })()
  const store = new AttachmentStore(fresh.dir)
  const catalog = new AttachmentCatalog(db, (sha256, variant) => `/attachment/${sha256}/${variant}`)
  handlers = historyHandlers(db, { chat: { isStreaming: () => false }, store, catalog })
})

const contents = (list: Array<{ content: string }>) => list.map((m) => m.content)
const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `message ${from + i}`)

describe('paged conversations', () => {
  it('opens at the latest page, oldest first, and says older ones exist', async () => {
    const page = await handlers.getConversation({ id: conversationId })
    expect(contents(page.messages)).toEqual(range(180, 230))
    expect(page.hasOlder).toBe(true)
    expect(page.hasNewer).toBe(false)
  })

  it('pages back to the first message, then says there is nothing older', async () => {
    let first = ids[180]
    const seen: string[] = []
    for (;;) {
      const page = await handlers.listMessages({ conversationId, before: first })
      seen.unshift(...contents(page.messages))
      first = page.messages[0].id
      if (!page.hasMore) break
    }
    expect(seen).toEqual(range(0, 180))
  })

  it('opens around a search hit, with both neighbours, and pages forward to the end', async () => {
    const page = await handlers.getConversation({ id: conversationId, around: ids[100], limit: 20 })
    expect(contents(page.messages)).toEqual(range(90, 111))
    expect(page.hasOlder).toBe(true)
    expect(page.hasNewer).toBe(true)
    const next = await handlers.listMessages({ conversationId, after: ids[110], limit: 200 })
    expect(contents(next.messages)).toEqual(range(111, 230))
    expect(next.hasMore).toBe(false)
  })

  it('a hit near the start has nothing older; a message of another conversation opens the latest page', async () => {
    const early = await handlers.getConversation({ id: conversationId, around: ids[2], limit: 20 })
    expect(contents(early.messages)).toEqual(range(0, 13))
    expect(early.hasOlder).toBe(false)
    const foreign = await handlers.getConversation({ id: conversationId, around: 999_999 })
    expect(contents(foreign.messages)).toEqual(range(180, 230))
  })
})

describe('paged conversations with branches', () => {
  // A trunk of 40 messages; at message 30 a second version of message 30 starts a branch of 40.
  let branched: number
  let trunk: number[]
  let branch: number[]
  beforeAll(() => {
    branched = conversations.createConversation(db, { title: 'Branched', model: 'm', now: 1 }).id
    trunk = []
    branch = []
    const add = (content: string, i: number, parentId?: number | null) =>
      messages.insertMessage(db, {
        conversationId: branched,
        role: i % 2 === 0 ? 'user' : 'assistant',
        content,
        status: 'done',
        model: null,
        now: i,
        parentId
      }).id
    db.transaction(() => {
      for (let i = 0; i < 40; i++) trunk.push(add(`message ${i}`, i))
      branch.push(add('branch 30', 30, trunk[29]))
      for (let i = 31; i < 70; i++) branch.push(add(`branch ${i}`, i))
    })()
  })
  const path = (from: number, to: number) =>
    [...range(0, 30), ...Array.from({ length: 40 }, (_, i) => `branch ${30 + i}`)].slice(from, to)

  it('opens at the latest page of the branch shown and pages back into the shared trunk', async () => {
    const page = await handlers.getConversation({ id: branched, limit: 20 })
    expect(contents(page.messages)).toEqual(path(50, 70))
    expect(page.hasOlder).toBe(true)
    const older = await handlers.listMessages({
      conversationId: branched,
      before: page.messages[0].id,
      limit: 40
    })
    expect(contents(older.messages)).toEqual(path(10, 50))
    expect(older.hasMore).toBe(true)
    const oldest = await handlers.listMessages({
      conversationId: branched,
      before: older.messages[0].id,
      limit: 40
    })
    expect(contents(oldest.messages)).toEqual(path(0, 10))
    expect(oldest.hasMore).toBe(false)
    // The fork point knows both versions.
    const fork = older.messages.find((m) => m.content === 'branch 30')!
    expect(fork.versions).toEqual([trunk[30], branch[0]])
  })

  it('pages forward along the branch shown only', async () => {
    const after = await handlers.listMessages({
      conversationId: branched,
      after: trunk[25],
      limit: 10
    })
    expect(contents(after.messages)).toEqual(path(26, 36))
    expect(after.hasMore).toBe(true)
  })

  it('a hit on the other branch opens that branch around it, and it stays shown', async () => {
    const page = await handlers.getConversation({ id: branched, around: trunk[35], limit: 10 })
    expect(contents(page.messages)).toEqual(range(30, 40))
    expect(page.hasOlder).toBe(true)
    expect(page.hasNewer).toBe(false)
    const latest = await handlers.getConversation({ id: branched, limit: 5 })
    expect(contents(latest.messages)).toEqual(range(35, 40))
    // And back to the branch through one of its messages.
    const back = await handlers.getConversation({ id: branched, around: branch[10], limit: 4 })
    expect(contents(back.messages)).toEqual(path(38, 43))
    expect(back.hasNewer).toBe(true)
  })
})
