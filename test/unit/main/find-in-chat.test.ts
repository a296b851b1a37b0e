// Find in a chat, main's half, on a real database: the matches of the current branch only, per
// message in order, counted again when the branch or its last message changes.
import { beforeAll, describe, expect, it } from 'vitest'
import { AttachmentCatalog } from '../../../src/main/attachments/catalog'
import { AttachmentStore } from '../../../src/main/attachments/store'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as conversations from '../../../src/main/history/conversations'
import { historyHandlers } from '../../../src/main/history/handlers'
import * as messages from '../../../src/main/history/messages'
import { freshDatabase } from '../../fixtures/history'

let db: HistoryDatabase
let handlers: ReturnType<typeof historyHandlers>
let conversationId: number
const ids: number[] = []

beforeAll(() => {
  const fresh = freshDatabase('find-in-chat-')
  db = fresh.db
  conversationId = conversations.createConversation(db, { title: 'Find', model: 'm', now: 1 }).id
  const texts = [
    'Where is the Seed model documented?',
    '**Seed** 模型的文档在这里：seed-docs。SEED 也支持全角 ＳＥＥＤ。',
    'Thanks, nothing to see here.',
    'Seeds grow; a seed is `seed`.'
  ]
  for (const [i, content] of texts.entries()) {
    ids.push(
      messages.insertMessage(db, {
        conversationId,
        role: i % 2 === 0 ? 'user' : 'assistant',
        content,
        status: 'done',
        model: null,
        now: i
      }).id
    )
  }
  const store = new AttachmentStore(fresh.dir)
  const catalog = new AttachmentCatalog(db, (sha256, variant) => `/attachment/${sha256}/${variant}`)
  handlers = historyHandlers(db, { chat: { isStreaming: () => false }, store, catalog })
})

describe('find in a conversation', () => {
  it('counts the matches of every message of the branch, oldest first', async () => {
    const result = await handlers.findInConversation({ conversationId, query: 'SEED' })
    expect(result).toEqual({
      query: 'SEED',
      total: 8,
      hits: [
        { messageId: ids[0], count: 1 },
        { messageId: ids[1], count: 4 },
        { messageId: ids[3], count: 3 }
      ]
    })
    const cjk = await handlers.findInConversation({ conversationId, query: '模型' })
    expect(cjk.hits).toEqual([{ messageId: ids[1], count: 1 }])
    expect((await handlers.findInConversation({ conversationId, query: '  ' })).total).toBe(0)
  })

  it('counts again when a reply grows or another branch is shown', async () => {
    const before = await handlers.findInConversation({ conversationId, query: 'seed' })
    messages.appendToMessage(db, ids[3], { content: ' One more seed.', reasoning: '' })
    const grown = await handlers.findInConversation({ conversationId, query: 'seed' })
    expect(grown.total).toBe(before.total + 1)
    // Another version of the last answer: the old one's matches are no longer on the branch.
    const other = messages.insertMessage(db, {
      conversationId,
      role: 'assistant',
      content: 'No match in this version.',
      status: 'done',
      model: null,
      now: 9,
      parentId: ids[2]
    })
    messages.setCurrentLeaf(db, conversationId, other.id)
    const switched = await handlers.findInConversation({ conversationId, query: 'seed' })
    expect(switched.hits.map((hit) => hit.messageId)).toEqual([ids[0], ids[1]])
    expect(switched.total).toBe(5)
  })

  it('refuses a conversation that does not exist', async () => {
    await expect(
      handlers.findInConversation({ conversationId: 999_999, query: 'seed' })
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})
