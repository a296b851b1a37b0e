// The message tree's edges on a real SQLite history file: another conversation's ids, deleting a
// root, the leaf after a delete, reopen and interrupt, versions, and pages at their limits.
import { describe, expect, it } from 'vitest'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as pages from '../../../src/main/history/messagePages'
import * as messages from '../../../src/main/history/messages'
import { freshDatabase } from '../../fixtures/history'

function tree() {
  const { db } = freshDatabase('tree-')
  const conversation = conversations.createConversation(db, { title: 't', model: 'm', now: 1 })
  const other = conversations.createConversation(db, { title: 'o', model: 'm', now: 1 })
  const add = (
    parentId: number | null,
    role: 'user' | 'assistant' = 'user',
    conversationId = conversation.id
  ) =>
    messages.insertMessage(db, {
      conversationId,
      role,
      content: `m`,
      status: 'done',
      model: null,
      now: 1,
      parentId
    }).id
  return { db, id: conversation.id, otherId: other.id, add }
}

const leaf = (db: HistoryDatabase, id: number) => messages.currentLeaf(db, id)

describe('showBranchOf', () => {
  it('refuses an unknown id and a message of another conversation, and leaves the leaf alone', () => {
    const { db, id, otherId, add } = tree()
    const q = add(null)
    const foreign = add(null, 'user', otherId)
    expect(messages.showBranchOf(db, id, foreign)).toBe(false)
    expect(messages.showBranchOf(db, id, 9_999)).toBe(false)
    expect(leaf(db, id)).toBe(q)
  })

  it('keeps the leaf for a message on the path; shows the newest leaf under one off it', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const a1 = add(q, 'assistant')
    const a2 = add(q, 'assistant')
    const q2 = add(a2)
    expect(leaf(db, id)).toBe(q2)
    expect(messages.showBranchOf(db, id, a2)).toBe(true)
    expect(leaf(db, id)).toBe(q2)
    expect(messages.showBranchOf(db, id, a1)).toBe(true)
    expect(leaf(db, id)).toBe(a1)
    expect(messages.isOnCurrentPath(db, id, a2)).toBe(false)
    expect(messages.isOnCurrentPath(db, id, a1)).toBe(true)
    expect(messages.isOnCurrentPath(db, id, q)).toBe(true)
    expect(messages.showBranchOf(db, id, a2)).toBe(true)
    expect(leaf(db, id)).toBe(q2)
  })
})

describe('deleteMessageTree', () => {
  it('deletes nothing for a message of another conversation', () => {
    const { db, id, otherId, add } = tree()
    add(null)
    const foreign = add(null, 'user', otherId)
    expect(messages.deleteMessageTree(db, id, foreign)).toEqual([])
    expect(messages.getMessage(db, foreign)).toBeDefined()
    expect(messages.deleteMessageTree(db, id, 9_999)).toEqual([])
  })

  it('deleting a root with the leaf shows the newest message left, or nothing', () => {
    const { db, id, add } = tree()
    const first = add(null)
    const firstAnswer = add(first, 'assistant')
    const second = add(null)
    const secondAnswer = add(second, 'assistant')
    expect(messages.deleteMessageTree(db, id, second).sort()).toEqual([second, secondAnswer].sort())
    expect(leaf(db, id)).toBe(firstAnswer)
    expect(messages.deleteMessageTree(db, id, first).sort()).toEqual([first, firstAnswer].sort())
    expect(leaf(db, id)).toBeNull()
    expect(messages.listMessages(db, id)).toEqual([])
  })

  it('deleting a branch beside the leaf keeps the leaf, even when a newer one is beside it', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const a1 = add(q, 'assistant')
    const a2 = add(q, 'assistant')
    const a3 = add(q, 'assistant')
    messages.setCurrentLeaf(db, id, a1)
    expect(messages.deleteMessageTree(db, id, a2)).toEqual([a2])
    expect(leaf(db, id)).toBe(a1)
    expect(messages.getMessage(db, a3)).toBeDefined()
  })

  it('deleting a branch beside the leaf keeps the leaf; under it, shows the newest leaf beside', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const a1 = add(q, 'assistant')
    const a2 = add(q, 'assistant')
    messages.setCurrentLeaf(db, id, a2)
    expect(messages.deleteMessageTree(db, id, a1)).toEqual([a1])
    expect(leaf(db, id)).toBe(a2)
    const a3 = add(q, 'assistant')
    expect(leaf(db, id)).toBe(a3)
    expect(messages.deleteMessageTree(db, id, a3)).toEqual([a3])
    expect(leaf(db, id)).toBe(a2)
  })
})

describe('a reply ending, continuing and interrupted', () => {
  it('records how it ended, and clears it when it streams again', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const reply = messages.insertMessage(db, {
      conversationId: id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: 'm',
      now: 2,
      parentId: q
    })
    messages.appendToMessage(db, reply.id, { content: 'Hel', reasoning: 'th' })
    messages.appendToMessage(db, reply.id, { content: 'lo', reasoning: 'ink' })
    const error = { code: 'network' as const, message: 'offline' }
    const ended = messages.finishMessage(db, reply.id, {
      status: 'error',
      finishReason: 'length',
      usage: { promptTokens: 3, completionTokens: 4, reasoningTokens: null },
      error,
      reasoningMs: 120
    })
    expect(ended).toMatchObject({
      content: 'Hello',
      reasoning: 'think',
      status: 'error',
      finishReason: 'length',
      usage: { promptTokens: 3, completionTokens: 4, reasoningTokens: null },
      error,
      reasoningMs: 120,
      versions: [reply.id]
    })
    const reopened = messages.reopenMessage(db, reply.id)
    expect(reopened).toMatchObject({
      content: 'Hello',
      status: 'streaming',
      finishReason: null,
      error: null,
      reasoningMs: 120
    })
    const plain = messages.finishMessage(db, reply.id, {
      status: 'done',
      finishReason: 'stop',
      usage: null,
      error: null
    })
    expect(plain).toMatchObject({ usage: null, error: null, reasoningMs: null, status: 'done' })
  })

  it('marks only streaming replies interrupted, and counts them', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const streaming = (parentId: number) =>
      messages.insertMessage(db, {
        conversationId: id,
        role: 'assistant',
        content: 'part',
        status: 'streaming',
        model: 'm',
        now: 2,
        parentId
      }).id
    const one = streaming(q)
    const two = streaming(q)
    expect(messages.markInterrupted(db)).toBe(2)
    expect(messages.getMessage(db, one)!.status).toBe('interrupted')
    expect(messages.getMessage(db, two)).toMatchObject({ status: 'interrupted', content: 'part' })
    expect(messages.getMessage(db, q)!.status).toBe('done')
    expect(messages.markInterrupted(db)).toBe(0)
  })

  it('lists every branch in order, each message with its versions', () => {
    const { db, id, add } = tree()
    const q = add(null)
    const a1 = add(q, 'assistant')
    const a2 = add(q, 'assistant')
    const q2 = add(a2)
    expect(messages.listMessages(db, id).map((m) => [m.id, m.versions])).toEqual([
      [q, [q]],
      [a1, [a1, a2]],
      [a2, [a1, a2]],
      [q2, [q2]]
    ])
    expect(messages.getMessage(db, a2)!.versions).toEqual([a1, a2])
    expect(messages.currentPath(db, id).map((m) => m.id)).toEqual([q, a2, q2])
    expect(messages.pathTo(db, null)).toEqual([])
    expect(messages.newestLeafUnder(db, id, q)).toBe(q2)
  })
})

describe('pages at their limits', () => {
  function line(count: number) {
    const t = tree()
    const ids: number[] = []
    for (let i = 0; i < count; i++)
      ids.push(t.add(ids.at(-1) ?? null, i % 2 ? 'assistant' : 'user'))
    return { ...t, ids }
  }

  it('pages after a message, saying whether more follow', () => {
    const { db, id, ids } = line(6)
    expect(pages.messagesBeside(db, id, { after: ids[1] }, 2)).toMatchObject({
      hasMore: true
    })
    expect(pages.messagesBeside(db, id, { after: ids[1] }, 2).messages.map((m) => m.id)).toEqual([
      ids[2],
      ids[3]
    ])
    const rest = pages.messagesBeside(db, id, { after: ids[1] }, 4)
    expect(rest.hasMore).toBe(false)
    expect(rest.messages.map((m) => m.id)).toEqual(ids.slice(2))
    const before = pages.messagesBeside(db, id, { before: ids[4] }, 2)
    expect(before.messages.map((m) => m.id)).toEqual([ids[2], ids[3]])
    expect(before.hasMore).toBe(true)
    expect(pages.messagesBeside(db, id, { before: ids[2] }, 2)).toMatchObject({ hasMore: false })
  })

  it('around a message of another conversation or off the path, gives the latest page', () => {
    const { db, id, otherId, add, ids } = line(4)
    const foreign = add(null, 'user', otherId)
    const latest = pages.pageOfMessages(db, id, { limit: 2 })
    expect(latest.messages.map((m) => m.id)).toEqual([ids[2], ids[3]])
    expect(latest).toMatchObject({ hasOlder: true, hasNewer: false })
    expect(pages.pageOfMessages(db, id, { around: foreign, limit: 2 })).toEqual(latest)
    expect(pages.pageOfMessages(db, id, { around: 9_999, limit: 2 })).toEqual(latest)
    const beside = add(ids[0], 'assistant')
    messages.setCurrentLeaf(db, id, ids[3])
    expect(pages.pageOfMessages(db, id, { around: beside, limit: 2 })).toEqual(latest)
  })

  it('around a message with a limit of 1 still shows one on each side', () => {
    const { db, id, ids } = line(5)
    const page = pages.pageOfMessages(db, id, { around: ids[2], limit: 1 })
    expect(page.messages.map((m) => m.id)).toEqual([ids[1], ids[2], ids[3]])
    expect(page).toMatchObject({ hasOlder: true, hasNewer: true })
    const edge = pages.pageOfMessages(db, id, { around: ids[3], limit: 2 })
    expect(edge.messages.map((m) => m.id)).toEqual([ids[2], ids[3], ids[4]])
    expect(edge).toMatchObject({ hasOlder: true, hasNewer: false })
  })
})
