// One test per migration: a real file at version N-1 with data written as that version did, opened
// with the app's openDatabase; the data must survive and migration N's additions must work.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { attachToMessage, listAttachments } from '../../../src/main/attachments/records'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import { pageOfMessages } from '../../../src/main/history/messagePages'
import * as messages from '../../../src/main/history/messages'
import { SCHEMA_VERSION, migrateTo, migrations } from '../../../src/main/db/migrations'
import { searchAllMessageIds, searchMessages } from '../../../src/main/history/search'
import { registerSearchFunctions } from '../../../src/main/db/searchText'
import { getSettings } from '../../../src/main/settings/settings'
import { addProjects } from '../../../src/main/db/migrations/0011-projects'
import { addAttachmentPages } from '../../../src/main/db/migrations/0014-attachment-pages'
import { addSearchFilterIndexes } from '../../../src/main/db/migrations/0015-search-filter-indexes'
import { addMessageDays } from '../../../src/main/db/migrations/0016-message-days'
import {
  createProject,
  deleteProject,
  projectContextOf,
  setConversationProject
} from '../../../src/main/projects/projects'
import { addProjectFile, projectFileParts } from '../../../src/main/projects/files'
import { unreferencedHashes } from '../../../src/main/attachments/records'
import { reopenDatabase } from '../../fixtures/history'
import { tempDir, whenDone } from '../../fixtures/temp'

/** A closed history file at `version`, with what `fill` wrote into it in that version's SQL. */
function fileAt(version: number, fill: (db: Database.Database) => void = () => undefined): string {
  const file = join(tempDir(`migration-${version + 1}-`), 'history.sqlite')
  const db = new Database(file)
  registerSearchFunctions(db)
  migrateTo(db, version)
  expect(db.pragma('user_version', { simple: true })).toBe(version)
  fill(db)
  db.close()
  return file
}

function upgrade(file: string): HistoryDatabase {
  const db = reopenDatabase(file)
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
  return db
}

const names = (db: HistoryDatabase, type: 'table' | 'index' | 'trigger'): string[] =>
  db
    .prepare<[string], string>('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name')
    .pluck()
    .all(type)
const columns = (db: HistoryDatabase, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`PRAGMA table_info(${table})`)
    .all()
    .map((column) => column.name)
const uids = (db: HistoryDatabase, table: 'conversations' | 'messages'): Record<number, string> =>
  Object.fromEntries(
    db
      .prepare<[], { id: number; uid: string }>(`SELECT id, uid FROM ${table} ORDER BY id`)
      .all()
      .map((row) => [row.id, row.uid])
  )

// Rows as versions 1 to 3 wrote them (no uid, no pin, no attachments).
function writeV1Rows(db: Database.Database): void {
  db.prepare(
    "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (1, 'Résumé tips', 'm1', 1, 3)"
  ).run()
  db.prepare(
    "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (2, '周末计划', 'm2', 4, 5)"
  ).run()
  const insert = db.prepare(
    'INSERT INTO messages (conversation_id, role, content, reasoning, status, model, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
  )
  insert.run(1, 'user', '怎么写简历？', '', 'done', null, 1)
  insert.run(
    1,
    'assistant',
    'Keep it to one page.',
    'The user wants résumé advice',
    'done',
    'm1',
    2
  )
  insert.run(2, 'user', 'Plan a hike', '', 'done', null, 4)
  insert.run(2, 'assistant', 'Half a ', '', 'streaming', 'm2', 5)
}

/** What every test checks: the rows written before the upgrade are all there. */
function expectV1Rows(db: HistoryDatabase): void {
  expect(conversations.getConversation(db, 1)).toMatchObject({
    title: 'Résumé tips',
    model: 'm1',
    pinned: false
  })
  expect(conversations.getConversation(db, 2)).toMatchObject({
    title: '周末计划',
    model: 'm2',
    updatedAt: 5
  })
  expect(
    messages.listMessages(db, 1).map((m) => [m.role, m.content, m.reasoning, m.status])
  ).toEqual([
    ['user', '怎么写简历？', '', 'done'],
    ['assistant', 'Keep it to one page.', 'The user wants résumé advice', 'done']
  ])
  expect(messages.listMessages(db, 2).map((m) => [m.content, m.status])).toEqual([
    ['Plan a hike', 'done'],
    ['Half a ', 'streaming']
  ])
}

const SHA = 'ab'.repeat(32)

/** Migration N's test: what it adds, on a file at version N-1. */
const tests: Record<number, { adds: string; run: () => void }> = {
  1: {
    adds: 'the conversations, messages and settings tables',
    run: () => {
      const db = upgrade(fileAt(0))
      expect(names(db, 'table')).toEqual(
        expect.arrayContaining(['conversations', 'messages', 'settings'])
      )
      expect(names(db, 'index')).toEqual(
        expect.arrayContaining(['conversations_by_activity', 'messages_by_conversation'])
      )
      expect(columns(db, 'messages')).toEqual(
        expect.arrayContaining([
          'conversation_id',
          'role',
          'content',
          'reasoning',
          'status',
          'prompt_tokens',
          'error'
        ])
      )
      const conversation = conversations.createConversation(db, {
        title: 'First',
        model: 'm',
        now: 1
      })
      messages.insertMessage(db, {
        conversationId: conversation.id,
        role: 'user',
        content: 'hi',
        status: 'done',
        model: null,
        now: 1
      })
      expect(messages.listMessages(db, conversation.id).map((m) => m.content)).toEqual(['hi'])
      expect(getSettings(db).language).toBe('system')
      // Messages go with their conversation.
      conversations.deleteConversation(db, conversation.id)
      expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0)
    }
  },
  2: {
    adds: 'full-text search over the messages and titles already there',
    run: () => {
      const db = upgrade(
        fileAt(1, (v1) => {
          writeV1Rows(v1)
          v1.prepare("INSERT INTO settings (key, value) VALUES ('language', 'zh-CN')").run()
        })
      )
      expectV1Rows(db)
      expect(getSettings(db).language).toBe('zh-CN')
      expect(names(db, 'table')).toEqual(
        expect.arrayContaining(['message_search', 'conversation_search'])
      )
      expect(names(db, 'index')).toContain('messages_by_time')
      // Rows written before the migration are indexed: CJK pairs, folded diacritics, reasoning.
      expect(searchAllMessageIds(db, '简历')).toEqual([1])
      expect(searchAllMessageIds(db, 'resume')).toEqual([2])
      expect(searchAllMessageIds(db, 'page')).toEqual([2])
      expect(
        searchMessages(db, { query: '周末' }).results.map((hit) => [hit.field, hit.conversationId])
      ).toEqual([['title', 2]])
      // And the triggers keep the index up to date from now on.
      messages.appendToMessage(db, 4, { content: 'day hike', reasoning: '' })
      expect(searchAllMessageIds(db, 'hike')).toEqual([4, 3])
      conversations.renameConversation(db, 1, 'CV help')
      expect(searchMessages(db, { query: 'tips' }).results).toEqual([])
      expect(searchMessages(db, { query: 'cv' }).results.map((hit) => hit.conversationId)).toEqual([
        1
      ])
    }
  },
  3: {
    adds: 'a uid on every conversation and message, and pinning',
    run: () => {
      const db = upgrade(fileAt(2, writeV1Rows))
      expectV1Rows(db)
      expect(columns(db, 'conversations')).toEqual(expect.arrayContaining(['uid', 'pinned_at']))
      expect(names(db, 'index')).toEqual(
        expect.arrayContaining(['conversations_by_uid', 'messages_by_uid', 'conversations_pinned'])
      )
      for (const table of ['conversations', 'messages'] as const) {
        const given = Object.values(uids(db, table))
        expect(given).toHaveLength(table === 'conversations' ? 2 : 4)
        expect(new Set(given).size).toBe(given.length)
        expect(given.every((uid) => /^[0-9a-f]{32}$/.test(uid))).toBe(true)
      }
      // New rows get one too; a pin sticks.
      const added = conversations.createConversation(db, { title: 'new', model: 'm', now: 9 })
      expect(uids(db, 'conversations')[added.id]).toMatch(/^[0-9a-f]{32}$/)
      conversations.setConversationPinned(db, 1, true, 10)
      expect(conversations.getConversation(db, 1)!.pinned).toBe(true)
      expect(conversations.listConversations(db, { limit: 10 }).conversations[0].id).toBe(1)
      // Search written by migration 2 still finds the old rows.
      expect(searchAllMessageIds(db, '简历')).toEqual([1])
    }
  },
  4: {
    adds: 'attachments of messages, their names in the message search',
    run: () => {
      let before:
        | { conversations: Record<number, string>; messages: Record<number, string> }
        | undefined
      const db = upgrade(
        fileAt(3, (v3) => {
          writeV1Rows(v3)
          v3.prepare('UPDATE conversations SET pinned_at = 7 WHERE id = 2').run()
          before = { conversations: uids(v3, 'conversations'), messages: uids(v3, 'messages') }
        })
      )
      expectV1Rows(db)
      expect(conversations.getConversation(db, 2)!.pinned).toBe(true)
      expect(uids(db, 'conversations')).toEqual(before!.conversations)
      expect(uids(db, 'messages')).toEqual(before!.messages)
      expect(names(db, 'table')).toContain('message_attachments')
      expect(names(db, 'index')).toContain('message_attachments_by_sha256')
      expect(names(db, 'trigger')).toContain('message_attachments_search')

      const record = {
        sha256: SHA,
        kind: 'image' as const,
        name: 'holiday-photo.png',
        mime: 'image/png',
        bytes: 1234,
        width: 800,
        height: 600,
        durationSeconds: null,
        fps: null
      }
      attachToMessage(db, 3, [record])
      expect(listAttachments(db, [3]).get(3)).toEqual([{ ...record, messageId: 3, ordinal: 0 }])
      // The name joins the message's search row, and stays there when its text changes.
      expect(searchAllMessageIds(db, 'holiday')).toEqual([3])
      expect(searchMessages(db, { query: 'holiday' }).results.map((hit) => hit.field)).toEqual([
        'attachment'
      ])
      db.prepare("UPDATE messages SET content = 'Plan a long hike' WHERE id = 3").run()
      expect(searchAllMessageIds(db, 'holiday')).toEqual([3])
      expect(searchAllMessageIds(db, 'long')).toEqual([3])
      // Attachments go with their message.
      conversations.deleteConversation(db, 2)
      expect(db.prepare('SELECT count(*) FROM message_attachments').pluck().get()).toBe(0)
    }
  },
  5: {
    adds: 'request parameters per conversation and on each reply',
    run: () => {
      const db = upgrade(fileAt(4, writeV1Rows))
      expectV1Rows(db)
      // Old conversations send nothing new: every parameter at its default; old replies have none.
      expect(conversations.getConversation(db, 1)!.params).toEqual({})
      expect(messages.listMessages(db, 1).map((m) => m.params)).toEqual(
        messages.listMessages(db, 1).map(() => null)
      )
      conversations.setConversationParams(db, 1, {
        temperature: 0.3,
        stop: ['END'],
        thinking: 'disabled'
      })
      expect(conversations.getConversation(db, 1)!.params).toEqual({
        temperature: 0.3,
        stop: ['END'],
        thinking: 'disabled'
      })
      // A stored value that no longer fits the schema is not sent.
      db.prepare(`UPDATE conversations SET params = '{"temperature": 9}' WHERE id = 1`).run()
      expect(conversations.getConversation(db, 1)!.params).toEqual({})
    }
  },
  6: {
    adds: 'parents, a current leaf per conversation and reasoning time, linking existing messages in order',
    run: () => {
      let before: Record<number, string> | undefined
      const db = upgrade(
        fileAt(5, (v5) => {
          writeV1Rows(v5)
          // A third turn in conversation 1, written after conversation 2's messages (ids 5 and 6).
          const insert = v5.prepare(
            'INSERT INTO messages (conversation_id, role, content, reasoning, status, model, finish_reason, prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
          )
          insert.run(1, 'user', 'And the cover letter?', '', 'done', null, null, null, null, 6)
          insert.run(1, 'assistant', 'Short and specific.', '', 'done', 'm1', 'stop', 30, 4, 7)
          v5.prepare(
            "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (3, 'Empty', 'm', 8, 8)"
          ).run()
          before = uids(v5, 'messages')
        })
      )
      expect(uids(db, 'messages')).toEqual(before)
      expect(columns(db, 'messages')).toEqual(expect.arrayContaining(['parent_id', 'reasoning_ms']))
      expect(columns(db, 'conversations')).toContain('current_leaf_id')
      expect(names(db, 'index')).toContain('messages_by_parent')
      // Each message follows the one before it in its own conversation; the leaf is the last.
      const parents = db
        .prepare<[], { id: number; parent_id: number | null }>(
          'SELECT id, parent_id FROM messages ORDER BY id'
        )
        .all()
      expect(parents).toEqual([
        { id: 1, parent_id: null },
        { id: 2, parent_id: 1 },
        { id: 3, parent_id: null },
        { id: 4, parent_id: 3 },
        { id: 5, parent_id: 2 },
        { id: 6, parent_id: 5 }
      ])
      expect([1, 2, 3].map((id) => messages.currentLeaf(db, id))).toEqual([6, 4, null])
      // Nothing lost: the path shown is every message, in order, with one version each.
      expect(messages.currentPath(db, 1).map((m) => [m.content, m.versions])).toEqual([
        ['怎么写简历？', [1]],
        ['Keep it to one page.', [2]],
        ['And the cover letter?', [5]],
        ['Short and specific.', [6]]
      ])
      expect(messages.currentPath(db, 1)[3]).toMatchObject({
        usage: { promptTokens: 30, completionTokens: 4 },
        reasoningMs: null
      })
      expect(pageOfMessages(db, 2, { limit: 50 }).messages.map((m) => m.content)).toEqual([
        'Plan a hike',
        'Half a '
      ])
      expect(messages.currentPath(db, 3)).toEqual([])
      // New messages follow the current leaf; a sibling becomes the leaf and shows its branch.
      const next = messages.insertMessage(db, {
        conversationId: 1,
        role: 'user',
        content: 'Thanks',
        status: 'done',
        model: null,
        now: 9
      })
      expect(next.parentId).toBe(6)
      const sibling = messages.insertMessage(db, {
        conversationId: 1,
        role: 'assistant',
        content: 'Brief.',
        status: 'done',
        model: 'm1',
        now: 10,
        parentId: 5
      })
      expect(sibling.versions).toEqual([6, sibling.id])
      expect(messages.currentPath(db, 1).map((m) => m.content)).toEqual([
        '怎么写简历？',
        'Keep it to one page.',
        'And the cover letter?',
        'Brief.'
      ])
    }
  },
  7: {
    adds: 'ids that are never given again, keeping every row, index, trigger and foreign key',
    run: () => {
      const everything = (db: Database.Database) => ({
        conversations: db.prepare('SELECT * FROM conversations ORDER BY id').all(),
        messages: db.prepare('SELECT * FROM messages ORDER BY id').all(),
        attachments: db.prepare('SELECT * FROM message_attachments').all(),
        indexes: names(db, 'index'),
        triggers: names(db, 'trigger'),
        columns: [columns(db, 'conversations'), columns(db, 'messages')]
      })
      let before: ReturnType<typeof everything> | undefined
      const db = upgrade(
        fileAt(6, (v6) => {
          writeV1Rows(v6)
          v6.prepare(
            'UPDATE conversations SET pinned_at = 7, current_leaf_id = 4 WHERE id = 2'
          ).run()
          v6.prepare('UPDATE messages SET parent_id = 3 WHERE id = 4').run()
          v6.prepare(
            "INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes) VALUES (3, 0, ?, 'image', 'trail-map.png', 'image/png', 10)"
          ).run(SHA)
          before = everything(v6)
        })
      )
      expectV1Rows(db)
      // Every row, column, index and trigger as it was (later migrations add their own triggers,
      // indexes and columns).
      const after = everything(db)
      const was = before!
      const columnsBefore = (row: unknown) =>
        Object.fromEntries(
          Object.entries(row as object).filter(([key]) => was.columns[0].includes(key))
        )
      expect({
        ...after,
        conversations: after.conversations.map(columnsBefore),
        // Migration 14 adds an attachment column (pages).
        attachments: after.attachments.map((row) =>
          Object.fromEntries(
            Object.entries(row as object).filter(([key]) =>
              Object.keys(was.attachments[0] as object).includes(key)
            )
          )
        ),
        indexes: after.indexes.filter((i) => was.indexes.includes(i)),
        triggers: after.triggers.filter((t) => was.triggers.includes(t)),
        columns: [after.columns[0].filter((c) => was.columns[0].includes(c)), after.columns[1]]
      }).toEqual(was)
      expect(db.pragma('foreign_key_check')).toEqual([])
      // Search finds every row written before: text, reasoning, titles, attachment names.
      expect(searchAllMessageIds(db, '简历')).toEqual([1])
      expect(searchAllMessageIds(db, 'resume')).toEqual([2])
      expect(searchAllMessageIds(db, 'trail')).toEqual([3])
      expect(
        searchMessages(db, { query: '周末' }).results.map((hit) => hit.conversationId)
      ).toEqual([2])
      // The newest message and conversation deleted: the next ones get new ids.
      messages.deleteMessage(db, 4)
      const reply = messages.insertMessage(db, {
        conversationId: 2,
        role: 'assistant',
        content: 'Bring water',
        status: 'done',
        model: 'm2',
        now: 9
      })
      expect(reply.id).toBe(5)
      expect(searchAllMessageIds(db, 'water')).toEqual([5])
      conversations.deleteConversation(db, 2)
      // Its messages and their attachments went with it, and their search rows.
      expect(
        db.prepare('SELECT count(*) FROM messages WHERE conversation_id = 2').pluck().get()
      ).toBe(0)
      expect(db.prepare('SELECT count(*) FROM message_attachments').pluck().get()).toBe(0)
      expect(searchAllMessageIds(db, 'water')).toEqual([])
      const next = conversations.createConversation(db, { title: 'Again', model: 'm', now: 10 })
      expect(next.id).toBe(3)
      const first = messages.insertMessage(db, {
        conversationId: next.id,
        role: 'user',
        content: 'hello again',
        status: 'done',
        model: null,
        now: 10
      })
      expect(first.id).toBe(6)
      expect(searchAllMessageIds(db, 'hello')).toEqual([6])
      expect(searchMessages(db, { query: 'again' }).results.map((hit) => hit.field)).toContain(
        'title'
      )
    }
  },
  8: {
    adds: 'the process that streams each reply, so that recovery skips live ones',
    run: () => {
      const db = upgrade(fileAt(7, writeV1Rows))
      expectV1Rows(db)
      expect(names(db, 'table')).toContain('reply_owners')
      // Reply 4 was left streaming by a version that recorded no owner: it is interrupted.
      const reply = messages.insertMessage(db, {
        conversationId: 1,
        role: 'assistant',
        content: '',
        status: 'streaming',
        model: 'm1',
        now: 9
      })
      const owners = () => db.prepare('SELECT message_id, pid FROM reply_owners').all()
      expect(owners()).toEqual([{ message_id: reply.id, pid: process.pid }])
      // Another live process's reply (here the test runner's parent) is left alone.
      const setOwner = db.prepare(
        'UPDATE reply_owners SET pid = ?, process_started = ? WHERE message_id = ?'
      )
      setOwner.run(process.ppid, null, reply.id)
      expect(messages.markInterrupted(db)).toBe(1)
      expect(messages.getMessage(db, 4)!.status).toBe('interrupted')
      expect(messages.getMessage(db, reply.id)!.status).toBe('streaming')
      // A reused pid (Linux tells by the start time), a dead process, and this process itself
      // (recovery runs after it stopped its own replies): interrupted.
      const owned = [
        ...(process.platform === 'linux' ? [[process.ppid, 'not its start time']] : []),
        [2 ** 22 + 1, null],
        [process.pid, null]
      ] as const
      for (const [pid, started] of owned) {
        messages.reopenMessage(db, reply.id)
        setOwner.run(pid, started, reply.id)
        expect(messages.markInterrupted(db)).toBe(1)
        expect(messages.getMessage(db, reply.id)!.status).toBe('interrupted')
      }
      // The owner goes when the reply stops streaming, and comes back on Continue.
      expect(owners()).toEqual([])
      messages.reopenMessage(db, reply.id)
      expect(owners()).toEqual([{ message_id: reply.id, pid: process.pid }])
      messages.finishMessage(db, reply.id, {
        status: 'done',
        finishReason: 'stop',
        usage: null,
        error: null
      })
      expect(owners()).toEqual([])
    }
  },
  9: {
    adds: 'the text read in images, indexed with the messages that carry them',
    run: () => {
      const db = upgrade(
        fileAt(8, (v8) => {
          writeV1Rows(v8)
          v8.prepare(
            `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes)
             VALUES (3, 0, ?, 'image', 'holiday.png', 'image/png', 10)`
          ).run(SHA)
        })
      )
      expectV1Rows(db)
      expect(names(db, 'table')).toContain('image_text')
      expect(names(db, 'trigger')).toContain('image_text_search')
      expect(searchAllMessageIds(db, 'holiday')).toEqual([3])
      expect(searchAllMessageIds(db, 'trailhead')).toEqual([])
      const saveText = db.prepare(
        'INSERT INTO image_text (sha256, status, text, recognized_at) VALUES (?, ?, ?, 1)'
      )
      // An image that could not be read adds nothing.
      saveText.run('b'.repeat(64), 'failed', '')
      attachToMessage(db, 1, [
        {
          sha256: 'b'.repeat(64),
          kind: 'image',
          name: 'x.png',
          mime: 'image/png',
          bytes: 1,
          width: null,
          height: null,
          durationSeconds: null,
          fps: null
        }
      ])
      // Saving an image's text re-indexes the message carrying it: names and text both found.
      saveText.run(SHA, 'done', 'Trailhead closed\n数据库连接超时')
      expect(searchAllMessageIds(db, 'trailhead')).toEqual([3])
      expect(searchAllMessageIds(db, '数据库连接超时')).toEqual([3])
      expect(searchAllMessageIds(db, 'holiday')).toEqual([3])
      expect(searchMessages(db, { query: 'trailhead' }).results[0]).toMatchObject({
        field: 'image',
        image: { sha256: SHA, name: 'holiday.png' }
      })
      // The text stays when the message's text changes, and comes with the image elsewhere.
      db.prepare("UPDATE messages SET content = 'Plan a long hike' WHERE id = 3").run()
      expect(searchAllMessageIds(db, 'trailhead')).toEqual([3])
      expect(searchAllMessageIds(db, 'long hike')).toEqual([3])
      attachToMessage(db, 2, [
        {
          sha256: SHA,
          kind: 'image',
          name: 'again.png',
          mime: 'image/png',
          bytes: 10,
          width: null,
          height: null,
          durationSeconds: null,
          fps: null
        }
      ])
      expect(searchAllMessageIds(db, 'trailhead')).toEqual([3, 2])
      // The text goes with the last message carrying the image, not before.
      const texts = () => db.prepare('SELECT sha256 FROM image_text ORDER BY sha256').pluck().all()
      db.prepare('DELETE FROM messages WHERE id = 3').run()
      expect(texts()).toEqual([SHA, 'b'.repeat(64)])
      db.prepare('DELETE FROM messages WHERE id = 1').run()
      expect(texts()).toEqual([SHA])
      conversations.deleteConversation(db, 1) // message 2 goes with it
      expect(texts()).toEqual([])
    }
  },
  10: {
    adds: 'archived conversations, off the list and out of search unless asked',
    run: () => {
      const db = upgrade(
        fileAt(9, (v9) => {
          writeV1Rows(v9)
          v9.prepare('UPDATE conversations SET pinned_at = 7 WHERE id = 2').run()
        })
      )
      expectV1Rows(db)
      expect(columns(db, 'conversations')).toContain('archived_at')
      expect(names(db, 'index')).toEqual(
        expect.arrayContaining(['conversations_listed', 'conversations_archived'])
      )
      // Nothing is archived by the upgrade.
      const listed = () =>
        conversations.listConversations(db, { limit: 10 }).conversations.map((c) => c.id)
      expect(listed()).toEqual([2, 1])
      expect(conversations.getConversation(db, 1)).toMatchObject({ archived: false })
      expect(searchMessages(db, { query: 'hike' }).results).toHaveLength(1)
      conversations.setConversationArchived(db, 2, true, 9)
      expect(listed()).toEqual([1])
      expect(conversations.listArchivedConversations(db).map((c) => c.id)).toEqual([2])
      expect(searchMessages(db, { query: 'hike' }).results).toEqual([])
      expect(searchMessages(db, { query: 'hike', archived: true }).results).toMatchObject([
        { conversationId: 2, archived: true }
      ])
      // The sidebar's page reads the partial index.
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM conversations WHERE pinned_at IS NULL AND archived_at IS NULL
           ORDER BY updated_at DESC, id DESC LIMIT 5`
        )
        .all() as Array<{ detail: string }>
      expect(plan.map((row) => row.detail).join(' ')).toContain('conversations_listed')
    }
  },
  // Migration 12 (0012-document-text.ts).
  12: {
    adds: 'documents carried by messages, their text stored once and searched',
    run: () => {
      const db = upgrade(
        fileAt(11, (v11) => {
          writeV1Rows(v11)
          v11
            .prepare(
              `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes, fps)
             VALUES (3, 0, ?, 'image', 'holiday.png', 'image/png', 10, NULL),
                    (3, 1, ?, 'video', 'clip.mp4', 'video/mp4', 20, 2.5)`
            )
            .run(SHA, 'c'.repeat(64))
          v11
            .prepare(
              "INSERT INTO image_text (sha256, status, text, recognized_at) VALUES (?, 'done', 'Trailhead closed', 1)"
            )
            .run(SHA)
        })
      )
      expectV1Rows(db)
      // Every attachment row and column kept; the index and triggers back.
      expect(
        listAttachments(db, [3])
          .get(3)!
          .map((a) => [a.ordinal, a.kind, a.name, a.fps])
      ).toEqual([
        [0, 'image', 'holiday.png', null],
        [1, 'video', 'clip.mp4', 2.5]
      ])
      expect(names(db, 'index')).toContain('message_attachments_by_sha256')
      expect(names(db, 'trigger')).toEqual(
        expect.arrayContaining(['document_text_search', 'image_text_search', 'image_text_forget'])
      )
      expect(searchAllMessageIds(db, 'trailhead')).toEqual([3])
      expect(() =>
        db
          .prepare(
            "INSERT INTO message_attachments (message_id, ordinal, sha256, kind, mime, bytes) VALUES (1, 0, ?, 'audio', 'x', 1)"
          )
          .run('d'.repeat(64))
      ).toThrow(/CHECK/)
      const DOC = 'd'.repeat(64)
      db.prepare(
        "INSERT INTO document_text (sha256, format, text, pages, extracted_at) VALUES (?, 'pdf', ?, 2, 1)"
      ).run(DOC, '[Page 1]\nZebrafish revenue\n\n[Page 2]\n蓝鲸计划')
      attachToMessage(db, 1, [
        {
          sha256: DOC,
          kind: 'document',
          name: 'report.pdf',
          mime: 'application/pdf',
          bytes: 100,
          width: null,
          height: null,
          durationSeconds: null,
          fps: null
        }
      ])
      expect(searchAllMessageIds(db, 'zebrafish')).toEqual([1])
      expect(searchAllMessageIds(db, '蓝鲸计划')).toEqual([1])
      expect(searchAllMessageIds(db, 'report.pdf')).toEqual([1])
      // The message's own text changing keeps the document's text in its search row.
      db.prepare("UPDATE messages SET content = 'Read this' WHERE id = 1").run()
      expect(searchAllMessageIds(db, 'zebrafish')).toEqual([1])
      // The text goes with the last message carrying the document.
      db.prepare('DELETE FROM messages WHERE id = 1').run()
      expect(db.prepare('SELECT count(*) FROM document_text').pluck().get()).toBe(0)
      expect(searchAllMessageIds(db, 'zebrafish')).toEqual([])
    }
  }
}

// Projects: numbered 11 (the archive's migration 10 is merged before it); its key is its place.
tests[migrations.indexOf(addProjects) + 1] = {
  adds: 'projects, and the project of each conversation (none for those already there)',
  run: () => {
    const before = migrations.indexOf(addProjects)
    const db = upgrade(fileAt(before, writeV1Rows))
    expectV1Rows(db)
    expect(columns(db, 'projects')).toEqual([
      'id',
      'uid',
      'name',
      'instructions',
      'default_model',
      'default_params',
      'position',
      'created_at',
      'updated_at'
    ])
    expect(names(db, 'index')).toContain('conversations_by_project')
    expect(conversations.getConversation(db, 1)).toMatchObject({ projectId: null })
    const project = createProject(db, { name: 'Trips', instructions: 'Plan cheaply.' }, 10)
    setConversationProject(db, 2, project.id)
    expect(conversations.getConversation(db, 2)).toMatchObject({ projectId: project.id })
    expect(projectContextOf(db, 2).instructions).toBe('Plan cheaply.')
    expect(projectContextOf(db, 1).instructions).toBe('')
    // A deleted project leaves its conversation outside any, messages and all.
    deleteProject(db, project.id)
    expect(conversations.getConversation(db, 2)).toMatchObject({ projectId: null })
    expectV1Rows(db)
    // Ids are never given again.
    expect(createProject(db, { name: 'Next' }, 11).id).toBe(project.id + 1)
  }
}

// Migration 13 (0013-project-files.ts), on a file with projects, documents and their text.
tests[13] = {
  adds: 'project files, whose text stays while a project or a message uses it',
  run: () => {
    const DOC = 'd'.repeat(64)
    const SHARED = 'e'.repeat(64)
    const db = upgrade(
      fileAt(12, (v12) => {
        writeV1Rows(v12)
        v12
          .prepare(
            `INSERT INTO projects (name, instructions, position, created_at, updated_at)
             VALUES ('Trips', 'Plan cheaply.', 0, 1, 1)`
          )
          .run()
        v12.prepare('UPDATE conversations SET project_id = 1 WHERE id = 2').run()
        const text = v12.prepare(
          "INSERT INTO document_text (sha256, format, text, pages, extracted_at) VALUES (?, 'pdf', ?, ?, 1)"
        )
        text.run(DOC, '[Page 1]\nFerry timetable', 1)
        text.run(SHARED, 'Packing list', null)
        v12
          .prepare(
            `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes)
             VALUES (1, 0, ?, 'document', 'packing.txt', 'text/plain', 12)`
          )
          .run(SHARED)
      })
    )
    expectV1Rows(db)
    // What was there is kept: the project, its conversation, the documents' text and search.
    expect(conversations.getConversation(db, 2)).toMatchObject({ projectId: 1 })
    expect(projectContextOf(db, 2)).toEqual({
      instructions: 'Plan cheaply.',
      files: [],
      fileTokens: 0
    })
    expect(searchAllMessageIds(db, 'packing')).toEqual([1])
    expect(columns(db, 'project_files')).toEqual([
      'project_id',
      'sha256',
      'name',
      'mime',
      'bytes',
      'tokens',
      'position',
      'added_at'
    ])
    expect(names(db, 'trigger')).toEqual(
      expect.arrayContaining(['image_text_forget', 'project_files_forget'])
    )
    const file = (sha256: string, name: string) => ({
      sha256,
      name,
      mime: 'text/plain',
      bytes: 5,
      tokens: 7
    })
    expect(addProjectFile(db, 1, file(DOC, 'ferry.pdf'), 2)).toBe(true)
    expect(addProjectFile(db, 1, file(SHARED, 'packing.txt'), 3)).toBe(true)
    expect(addProjectFile(db, 1, file(DOC, 'again.pdf'), 4)).toBe(false)
    expect(projectFileParts(db, 1)).toEqual({
      parts: [
        '<file name="ferry.pdf" pages="1">\n[Page 1]\nFerry timetable\n</file>',
        '<file name="packing.txt">\nPacking list\n</file>'
      ],
      tokens: 14
    })
    expect(projectContextOf(db, 2).files).toHaveLength(2)
    // A file a project uses is referenced: the store keeps it.
    expect(unreferencedHashes(db, [DOC, SHARED, 'f'.repeat(64)])).toEqual(['f'.repeat(64)])
    // The message that carried the shared document goes: its text stays for the project.
    db.prepare('DELETE FROM messages WHERE id = 1').run()
    expect(db.prepare('SELECT count(*) FROM document_text').pluck().get()).toBe(2)
    // Deleting the project deletes its rows, and the text no one uses any more.
    deleteProject(db, 1)
    expect(db.prepare('SELECT count(*) FROM project_files').pluck().get()).toBe(0)
    expect(db.prepare('SELECT count(*) FROM document_text').pluck().get()).toBe(0)
    expect(conversations.getConversation(db, 2)).toMatchObject({ projectId: null })
    expect(() =>
      db
        .prepare(
          `INSERT INTO project_files (project_id, sha256, name, mime, bytes, tokens, position, added_at)
           VALUES (999, ?, 'x', 'text/plain', 1, 1, 0, 1)`
        )
        .run(DOC)
    ).toThrow(/FOREIGN KEY/)
  }
}

// Migration 14 (0014-attachment-pages.ts): a PDF sent in part; its key is its place.
tests[migrations.indexOf(addAttachmentPages) + 1] = {
  adds: 'the pages of a document sent in part (all, for attachments already there)',
  run: () => {
    const before = migrations.indexOf(addAttachmentPages)
    const DOC = 'd'.repeat(64)
    const db = upgrade(
      fileAt(before, (old) => {
        writeV1Rows(old)
        old
          .prepare(
            "INSERT INTO document_text (sha256, format, text, pages, extracted_at) VALUES (?, 'pdf', ?, 2, 1)"
          )
          .run(DOC, '[Page 1]\nZebrafish revenue\n\n[Page 2]\n蓝鲸计划')
        old
          .prepare(
            `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes, fps)
             VALUES (3, 0, ?, 'image', 'holiday.png', 'image/png', 10, NULL),
                    (3, 1, ?, 'document', 'report.pdf', 'application/pdf', 20, NULL)`
          )
          .run(SHA, DOC)
      })
    )
    expectV1Rows(db)
    // What was there was sent whole, and still is; search still reads the document.
    expect(
      listAttachments(db, [3])
        .get(3)!
        .map((a) => [a.ordinal, a.kind, a.name, a.pages ?? null])
    ).toEqual([
      [0, 'image', 'holiday.png', null],
      [1, 'document', 'report.pdf', null]
    ])
    expect(searchAllMessageIds(db, '蓝鲸计划')).toEqual([3])
    const record = {
      sha256: DOC,
      kind: 'document' as const,
      name: 'report.pdf',
      mime: 'application/pdf',
      bytes: 20,
      width: null,
      height: null,
      durationSeconds: null,
      fps: null
    }
    attachToMessage(db, 1, [{ ...record, pages: '2' }])
    expect(
      listAttachments(db, [1])
        .get(1)!
        .map((a) => a.pages)
    ).toEqual(['2'])
    // Only a document has pages, and never an empty choice.
    const insert = db.prepare(
      `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, mime, bytes, pages)
       VALUES (1, ?, ?, ?, 'x', 1, ?)`
    )
    expect(() => insert.run(1, SHA, 'image', '1')).toThrow(/CHECK/)
    expect(() => insert.run(1, DOC, 'document', '')).toThrow(/CHECK/)
    db.prepare('DELETE FROM messages WHERE id = 3').run()
    expect(searchAllMessageIds(db, 'zebrafish')).toEqual([1])
  }
}

// Migration 15 (0015-search-filter-indexes.ts): the indexes filtered search reads.
tests[migrations.indexOf(addSearchFilterIndexes) + 1] = {
  adds: 'the indexes filtered search reads',
  run: () => {
    const before = migrations.indexOf(addSearchFilterIndexes)
    const db = upgrade(
      fileAt(before, (old) => {
        writeV1Rows(old)
        old
          .prepare(
            `INSERT INTO message_attachments (message_id, ordinal, sha256, kind, name, mime, bytes)
             VALUES (3, 0, ?, 'image', 'map.png', 'image/png', 10)`
          )
          .run(SHA)
      })
    )
    expectV1Rows(db)
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining([
        'messages_search_facets',
        'messages_by_model',
        'conversations_by_model',
        'message_attachments_by_kind'
      ])
    )
    // The rows already there are in the new indexes: filtered searches find them.
    const all = searchAllMessageIds(db, 'map')
    expect(all).toEqual([3])
    expect(searchAllMessageIds(db, 'map', { has: 'image' })).toEqual([3])
    expect(searchAllMessageIds(db, 'map', { has: 'file' })).toEqual([])
    // Message 3 is a question (no model of its own) in conversation 2, whose model is m2.
    expect(searchAllMessageIds(db, 'map', { model: 'm2', role: 'user', conversation: 2 })).toEqual([
      3
    ])
    expect(searchAllMessageIds(db, 'map', { conversation: 1 })).toEqual([])
    expect(searchAllMessageIds(db, 'map', { model: 'm1' })).toEqual([])
    expect(
      db
        .prepare(
          "SELECT count(*) FROM message_attachments INDEXED BY message_attachments_by_kind WHERE kind = 'image'"
        )
        .pluck()
        .get()
    ).toBe(1)
    expectV1Rows(db)
  }
}

// Migration 16 (0016-message-days.ts): the ids written on each day, which bound date filters.
tests[migrations.indexOf(addMessageDays) + 1] = {
  adds: 'the ids written on each day',
  run: () => {
    const DAY = 86_400_000
    const write = (db: Database.Database, content: string, createdAt: number) =>
      Number(
        db
          .prepare(
            "INSERT INTO messages (conversation_id, role, content, status, created_at) VALUES (3, 'user', ?, 'done', ?)"
          )
          .run(content, createdAt).lastInsertRowid
      )
    let late = 0
    let early = 0
    const db = upgrade(
      fileAt(migrations.indexOf(addMessageDays), (old) => {
        writeV1Rows(old)
        old
          .prepare(
            "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (3, 'Fish', 'm1', 1, 1)"
          )
          .run()
        late = write(old, 'zebrafish on day three', 3 * DAY + 5)
        // The clock went back: a higher id on an earlier day.
        early = write(old, 'zebrafish on day one', DAY + 5)
      })
    )
    expectV1Rows(db)
    const days = () =>
      db.prepare('SELECT day, low_id AS low, high_id AS high FROM message_days ORDER BY day').all()
    // The messages there were: the V1 rows (ids 1–4) on day 0.
    expect(days()).toEqual([
      { day: 0, low: 1, high: 4 },
      { day: 1, low: early, high: early },
      { day: 3, low: late, high: late }
    ])
    // Written after the upgrade, and a time changed: counted by the triggers.
    const later = write(db, 'zebrafish on day one again', DAY + 9)
    db.prepare('UPDATE messages SET created_at = ? WHERE id = 1').run(5 * DAY)
    expect(days()).toEqual([
      { day: 0, low: 1, high: 4 },
      { day: 1, low: early, high: later },
      { day: 3, low: late, high: late },
      { day: 5, low: 1, high: 1 }
    ])
    // Date filters find exactly the messages of their range, out of id order included.
    expect(searchAllMessageIds(db, 'zebrafish', { to: 2 * DAY })).toEqual([later, early])
    expect(searchAllMessageIds(db, 'zebrafish', { to: DAY + 6 })).toEqual([early])
    expect(searchAllMessageIds(db, 'zebrafish', { from: DAY + 6, to: 4 * DAY })).toEqual([
      later,
      late
    ])
    expect(searchAllMessageIds(db, 'zebrafish', { from: 3 * DAY })).toEqual([late])
    expect(searchAllMessageIds(db, 'zebrafish', { from: 4 * DAY })).toEqual([])
    expect(searchAllMessageIds(db, 'zebrafish', { to: DAY })).toEqual([])
  }
}

describe('migrations', () => {
  it('each has its test here', () => {
    expect(migrations).toHaveLength(SCHEMA_VERSION)
    expect(Object.keys(tests).map(Number)).toEqual(
      Array.from({ length: SCHEMA_VERSION }, (_, i) => i + 1)
    )
  })

  for (const [version, test] of Object.entries(tests)) {
    it(`${version} adds ${test.adds}, on a file at version ${Number(version) - 1}`, test.run)
  }

  it('migrate only forward, and only to a version this app knows', () => {
    const file = fileAt(2)
    const db = new Database(file)
    whenDone(() => db.close())
    registerSearchFunctions(db)
    expect(() => migrateTo(db, 1)).toThrow(/from schema 2 to 1/)
    expect(() => migrateTo(db, SCHEMA_VERSION + 1)).toThrow(/this app knows/)
    expect(db.pragma('user_version', { simple: true })).toBe(2)
    migrateTo(db, 3)
    expect(db.pragma('user_version', { simple: true })).toBe(3)
    expect(columns(db, 'messages')).toContain('uid')
    expect(names(db, 'table')).not.toContain('message_attachments')
  })
})
