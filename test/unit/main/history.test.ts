import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as conversations from '../../../src/main/history/conversations'
import { openDatabase } from '../../../src/main/db/database'
import * as messages from '../../../src/main/history/messages'
import { SCHEMA_VERSION } from '../../../src/main/db/migrations'
import { freshDatabase, reopenDatabase, seedConversation } from '../../fixtures/history'
import { tempDir } from '../../fixtures/temp'

describe('migrations', () => {
  it('creates the schema in an empty file, in WAL mode', () => {
    const { db } = freshDatabase()
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all()
    expect(tables).toEqual(expect.arrayContaining(['conversations', 'messages', 'settings']))
  })

  it('reopens an existing database without losing rows', () => {
    const { db, file } = freshDatabase()
    const { conversation } = seedConversation(db, {
      title: 'Hi',
      model: 'm',
      now: 1,
      messages: [{ content: '你好', now: 2 }]
    })
    db.close()
    const reopened = reopenDatabase(file)
    expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(messages.listMessages(reopened, conversation.id).map((m) => m.content)).toEqual(['你好'])
  })

  it('refuses a database from a newer version and leaves the file as it was', () => {
    const file = join(tempDir('history-'), 'history.sqlite')
    const newer = new Database(file)
    newer.exec('CREATE TABLE future (x)')
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    newer.close()
    const before = readFileSync(file)
    expect(() => openDatabase(file)).toThrow(/newer version/)
    expect(readFileSync(file).equals(before)).toBe(true)
  })
})

describe('conversations', () => {
  it('lists by last activity in keyset pages', () => {
    const { db } = freshDatabase()
    const ids = [1, 2, 3, 4, 5].map(
      (n) => conversations.createConversation(db, { title: `c${n}`, model: 'm', now: n }).id
    )
    conversations.touchConversation(db, ids[0], 10)
    const first = conversations.listConversations(db, { limit: 2 })
    expect(first.conversations.map((c) => c.title)).toEqual(['c1', 'c5'])
    const second = conversations.listConversations(db, { limit: 2, before: first.next! })
    expect(second.conversations.map((c) => c.title)).toEqual(['c4', 'c3'])
    const last = conversations.listConversations(db, { limit: 2, before: second.next! })
    expect(last.conversations.map((c) => c.title)).toEqual(['c2'])
    expect(last.next).toBeNull()
  })

  it('deletes messages with their conversation', () => {
    const { db } = freshDatabase()
    const { id } = seedConversation(db, {
      title: 't',
      model: 'm',
      now: 1,
      messages: [{ content: 'x' }]
    }).conversation
    expect(conversations.deleteConversation(db, id)).toBe(true)
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
  })
})

describe('messages', () => {
  it('appends streamed text and records how a reply ended', () => {
    const { db } = freshDatabase()
    const { id: conversationId } = conversations.createConversation(db, {
      title: 't',
      model: 'm',
      now: 1
    })
    const reply = messages.insertMessage(db, {
      conversationId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: 'm',
      now: 1
    })
    messages.appendToMessage(db, reply.id, { content: 'Hel', reasoning: 'th' })
    messages.appendToMessage(db, reply.id, { content: 'lo', reasoning: 'ink' })
    const ended = messages.finishMessage(db, reply.id, {
      status: 'error',
      finishReason: null,
      usage: { promptTokens: 3, completionTokens: 2, reasoningTokens: null },
      error: { code: 'server', message: 'boom', status: 500 }
    })
    expect(ended).toMatchObject({
      content: 'Hello',
      reasoning: 'think',
      status: 'error',
      usage: { promptTokens: 3, completionTokens: 2, reasoningTokens: null },
      error: { code: 'server', message: 'boom', status: 500 }
    })
  })

  it('marks replies left streaming as interrupted, keeping their text', () => {
    const { db } = freshDatabase()
    const { id: conversationId } = conversations.createConversation(db, {
      title: 't',
      model: 'm',
      now: 1
    })
    const reply = messages.insertMessage(db, {
      conversationId,
      role: 'assistant',
      content: 'partial',
      status: 'streaming',
      model: 'm',
      now: 1
    })
    expect(messages.markInterrupted(db)).toBe(1)
    expect(messages.getMessage(db, reply.id)).toMatchObject({
      status: 'interrupted',
      content: 'partial'
    })
  })
})
