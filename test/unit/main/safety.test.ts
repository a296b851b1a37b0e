// History you can trust: migrations from every earlier version, backups, refusing a newer or
// damaged database without touching it, restoring a backup, export/import without duplicates.
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  BACKUP_DIR,
  HISTORY_FILE,
  createCore,
  type Core,
  type CoreOptions
} from '../../../src/main/core'
import { attachToMessage } from '../../../src/main/attachments/records'
import { backupDatabase, listBackups } from '../../../src/main/db/backup'
import * as conversations from '../../../src/main/history/conversations'
import { openDatabase } from '../../../src/main/db/database'
import * as messages from '../../../src/main/history/messages'
import { SCHEMA_VERSION, migrateTo } from '../../../src/main/db/migrations'
import { searchMessages } from '../../../src/main/history/search'
import { registerSearchFunctions } from '../../../src/main/db/searchText'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

const cores: Core[] = []
const services: string[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const service of services.splice(0)) await createKeytarStore(service).delete()
})

async function start(dataDir: string, options: Partial<CoreOptions> = {}): Promise<Core> {
  const service = `seed-chat-test-${randomUUID()}`
  services.push(service)
  const core = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    emit: () => undefined,
    ...options
  })
  cores.push(core)
  return core
}

/** A database at `version`, with a conversation and two messages written as that version did. */
function databaseAt(dir: string, version: number): string {
  const file = join(dir, HISTORY_FILE)
  const db = new Database(file)
  registerSearchFunctions(db)
  migrateTo(db, version)
  db.prepare(
    "INSERT INTO conversations (title, model, created_at, updated_at) VALUES ('Café notes', 'm', 1, 2)"
  ).run()
  const insert = db.prepare(
    "INSERT INTO messages (conversation_id, role, content, reasoning, status, model, created_at) VALUES (1, ?, ?, ?, 'done', 'm', ?)"
  )
  insert.run('user', '帮我看看这张截图', '', 1)
  insert.run('assistant', 'The screenshot shows a login form.', 'Look at the form first.', 2)
  db.close()
  return file
}

describe('migrations from every earlier version', () => {
  it.each(Array.from({ length: SCHEMA_VERSION }, (_, v) => v + 1))(
    'opens a database at version %i and keeps its rows',
    (version) => {
      const file = databaseAt(tempDir('safety-'), version)
      const db = openDatabase(file)
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
        expect(messages.listMessages(db, 1).map((m) => m.content)).toEqual([
          '帮我看看这张截图',
          'The screenshot shows a login form.'
        ])
        // Migration 3: every row has a distinct uid, new rows get one too.
        const uids = db.prepare('SELECT uid FROM messages').pluck().all() as string[]
        expect(new Set(uids).size).toBe(2)
        expect(uids.every((uid) => /^[0-9a-f]{32}$/.test(uid))).toBe(true)
        const added = conversations.createConversation(db, { title: 'new', model: 'm', now: 3 })
        expect(
          db.prepare('SELECT uid FROM conversations WHERE id = ?').pluck().get(added.id)
        ).toMatch(/^[0-9a-f]{32}$/)
        expect(conversations.getConversation(db, 1)).toMatchObject({
          title: 'Café notes',
          pinned: false
        })
        // Migrations 2 and 4: old rows are searchable, and so are attachment names added later.
        expect(searchMessages(db, { query: '截图' }).results.map((hit) => hit.messageId)).toEqual([
          1
        ])
        attachToMessage(db, 1, [
          {
            sha256: 'a'.repeat(64),
            kind: 'image',
            name: 'login-form.png',
            mime: 'image/png',
            bytes: 10,
            width: 20,
            height: 20,
            durationSeconds: null,
            fps: null
          }
        ])
        expect(
          searchMessages(db, { query: 'login-form' }).results.map((hit) => hit.messageId)
        ).toContain(1)
      } finally {
        db.close()
      }
    }
  )
})

describe('backups', () => {
  it('backs up a database before migrating it, with the old version inside', async () => {
    const dir = tempDir('safety-')
    databaseAt(dir, 1)
    const core = await start(dir)
    expect((await core.handlers.getHistoryStatus(undefined)).state).toBe('ok')
    const before = listBackups(join(dir, BACKUP_DIR)).find((b) => b.reason === 'before-migration-2')
    expect(before).toBeDefined()
    const copy = new Database(join(dir, BACKUP_DIR, before!.name), { readonly: true })
    expect(copy.pragma('user_version', { simple: true })).toBe(1)
    expect(copy.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(2)
    copy.close()
  })

  it('takes the daily backup at most once a day', async () => {
    const dir = tempDir('safety-')
    await (await start(dir, { firstBackupMs: 0 })).close()
    cores.length = 0
    await expect
      .poll(() => listBackups(join(dir, BACKUP_DIR)).filter((b) => b.reason === 'daily').length)
      .toBe(1)
    await start(dir, { firstBackupMs: 0 })
    await new Promise((done) => setTimeout(done, 200))
    expect(listBackups(join(dir, BACKUP_DIR)).filter((b) => b.reason === 'daily')).toHaveLength(1)
  })

  it('never takes the daily backup on the start path', async () => {
    const dir = tempDir('safety-')
    await start(dir)
    await new Promise((done) => setTimeout(done, 300))
    expect(listBackups(join(dir, BACKUP_DIR)).filter((b) => b.reason === 'daily')).toHaveLength(0)
  })

  it('keeps a few generations of each kind', async () => {
    const dir = tempDir('safety-')
    const db = openDatabase(join(dir, HISTORY_FILE))
    for (let day = 0; day < 5; day++)
      await backupDatabase(db, join(dir, BACKUP_DIR), 'daily', 1_000 + day)
    await backupDatabase(db, join(dir, BACKUP_DIR), 'before-migration-5', 2_000)
    db.close()
    const kept = listBackups(join(dir, BACKUP_DIR))
    expect(kept.map((b) => b.createdAt)).toEqual([2_000, 1_004, 1_003, 1_002])
    expect(readdirSync(join(dir, BACKUP_DIR)).some((name) => name.endsWith('.partial'))).toBe(false)
  })
})

describe('a database the app cannot use', () => {
  it('refuses one from a newer version, says why, and leaves the file as it was', async () => {
    const dir = tempDir('safety-')
    const file = databaseAt(dir, SCHEMA_VERSION)
    const db = new Database(file)
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    db.close()
    const before = readFileSync(file)
    const core = await start(dir)
    expect(await core.handlers.getHistoryStatus(undefined)).toMatchObject({
      state: 'refused',
      problem: 'newer'
    })
    await expect(core.handlers.listConversations({})).rejects.toMatchObject({
      code: 'history_unavailable'
    })
    // The key still works: the user is not locked out of settings.
    expect((await core.handlers.getKeyStatus(undefined)).keychain).toBe('available')
    await core.close()
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it.each([
    [
      'not a database at all',
      (file: string) => writeFileSync(file, 'this is not sqlite '.repeat(500))
    ],
    [
      'damaged pages',
      (file: string) => {
        const bytes = readFileSync(file)
        // Keep the header (first page), scribble over the rest.
        for (let i = 4096; i < bytes.length; i += 7) bytes[i] = 0xa5
        writeFileSync(file, bytes)
      }
    ]
  ])('refuses %s and restores a backup, keeping the damaged file aside', async (_what, damage) => {
    const dir = tempDir('safety-')
    const file = join(dir, HISTORY_FILE)
    // A good history with a backup of it.
    const good = openDatabase(file)
    for (let i = 0; i < 200; i++) {
      conversations.createConversation(good, {
        title: `conversation ${i} ${'x'.repeat(200)}`,
        model: 'm',
        now: i
      })
    }
    await backupDatabase(good, join(dir, BACKUP_DIR), 'daily', 5_000)
    good.pragma('wal_checkpoint(TRUNCATE)')
    good.close()
    damage(file)
    const damaged = readFileSync(file)

    const core = await start(dir)
    const status = await core.handlers.getHistoryStatus(undefined)
    expect(status).toMatchObject({ state: 'refused', problem: 'damaged' })
    expect(status.backups.map((b) => b.name)).toEqual(['history-5000-daily.sqlite'])
    expect(readFileSync(file).equals(damaged)).toBe(true)

    const restored = await core.handlers.restoreBackup({ name: 'history-5000-daily.sqlite' })
    expect(restored.state).toBe('ok')
    const page = await core.handlers.listConversations({ limit: 500 })
    expect(page.conversations).toHaveLength(200)
    const aside = readdirSync(dir).filter(
      (name) =>
        name.startsWith(`${HISTORY_FILE}.replaced-`) &&
        !name.endsWith('-wal') &&
        !name.endsWith('-shm')
    )
    expect(aside).toHaveLength(1)
    expect(readFileSync(join(dir, aside[0])).equals(damaged)).toBe(true)
  })
})

describe('conversations', () => {
  it('renames, pins to the top, and unpins', async () => {
    const core = await start(tempDir('safety-'))
    const db = core.services.db
    const [a, b, c] = ['a', 'b', 'c'].map((title, i) =>
      conversations.createConversation(db, { title, model: 'm', now: i })
    )
    await core.handlers.renameConversation({ id: a.id, title: 'Alpha' })
    await core.handlers.setConversationPinned({ id: a.id, pinned: true })
    const page = await core.handlers.listConversations({})
    expect(page.conversations.map((x) => [x.title, x.pinned])).toEqual([
      ['Alpha', true],
      ['c', false],
      ['b', false]
    ])
    await core.handlers.setConversationPinned({ id: a.id, pinned: false })
    expect((await core.handlers.listConversations({})).conversations.map((x) => x.id)).toEqual([
      c.id,
      b.id,
      a.id
    ])
    await expect(core.handlers.renameConversation({ id: 999, title: 'x' })).rejects.toMatchObject({
      code: 'not_found'
    })
  })
})

describe('export and import', () => {
  async function withHistory(): Promise<Core> {
    const core = await start(tempDir('safety-'))
    const db = core.services.db
    const first = conversations.createConversation(db, {
      title: 'Sorting 排序',
      model: 'doubao-seed-2.0-pro',
      now: 10
    })
    messages.insertMessage(db, {
      conversationId: first.id,
      role: 'user',
      content: 'How to sort?',
      status: 'done',
      model: null,
      now: 11
    })
    const reply = messages.insertMessage(db, {
      conversationId: first.id,
      role: 'assistant',
      content: 'Use `toSorted`.',
      status: 'streaming',
      model: 'doubao-seed-2.0-pro',
      now: 12
    })
    messages.appendToMessage(db, reply.id, { content: '', reasoning: 'Think about mutation.' })
    messages.finishMessage(db, reply.id, {
      status: 'done',
      finishReason: 'stop',
      usage: { promptTokens: 5, completionTokens: 6, reasoningTokens: 2 },
      error: null
    })
    const second = conversations.createConversation(db, {
      title: 'Second',
      model: 'glm-4-7-251222',
      now: 20
    })
    const greeting = messages.insertMessage(db, {
      conversationId: second.id,
      role: 'user',
      content: '你好',
      status: 'done',
      model: null,
      now: 21
    })
    attachToMessage(db, greeting.id, [
      {
        sha256: 'b'.repeat(64),
        kind: 'video',
        name: 'clip.mp4',
        mime: 'video/mp4',
        bytes: 1234,
        width: 64,
        height: 48,
        durationSeconds: 2,
        fps: 1.5
      }
    ])
    await core.handlers.setConversationPinned({ id: second.id, pinned: true })
    return core
  }

  it('round-trips everything, and importing twice adds nothing', async () => {
    const source = await withHistory()
    const file = await source.handlers.exportHistory(undefined)
    expect(file.mime).toBe('application/json')
    expect(file.fileName).toMatch(/^seed-chat-history-\d{4}-\d{2}-\d{2}\.json$/)

    const target = await start(tempDir('safety-'))
    expect(await target.handlers.importHistory({ text: file.text })).toEqual({
      conversationsAdded: 2,
      messagesAdded: 3,
      messagesSkipped: 0
    })
    expect(await target.handlers.importHistory({ text: file.text })).toEqual({
      conversationsAdded: 0,
      messagesAdded: 0,
      messagesSkipped: 3
    })
    expect(await source.handlers.importHistory({ text: file.text })).toMatchObject({
      messagesAdded: 0
    })

    const strip = async (core: Core) => {
      const page = await core.handlers.listConversations({})
      return Promise.all(
        page.conversations.map(async (c) => {
          const full = await core.handlers.getConversation({ id: c.id })
          return {
            title: c.title,
            model: c.model,
            pinned: c.pinned,
            messages: full.messages.map(({ id: _id, conversationId: _c, ...rest }) => rest)
          }
        })
      )
    }
    expect(await strip(target)).toEqual(await strip(source))
    // Imported text is searchable like anything written here, attachment names included.
    expect(searchMessages(target.services.db, { query: 'toSorted' }).results).toHaveLength(1)
    expect(
      searchMessages(target.services.db, { query: 'clip' }).results.map((hit) => hit.field)
    ).toEqual(['attachment'])
  })

  it('refuses a file that is not an export, adding nothing', async () => {
    const core = await start(tempDir('safety-'))
    await expect(core.handlers.importHistory({ text: '{"hello": 1}' })).rejects.toMatchObject({
      code: 'import_failed'
    })
    await expect(core.handlers.importHistory({ text: 'not json' })).rejects.toMatchObject({
      code: 'import_failed',
      message: 'The file is not JSON.'
    })
    expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
  })

  it('exports one conversation as Markdown and as JSON', async () => {
    const core = await withHistory()
    const [pinned, sorting] = (await core.handlers.listConversations({})).conversations
    expect(pinned.title).toBe('Second')
    const markdown = await core.handlers.exportConversation({ id: sorting.id, format: 'markdown' })
    expect(markdown.fileName).toBe('Sorting 排序.md')
    expect(markdown.text).toBe(
      [
        '# Sorting 排序',
        '',
        'Model: doubao-seed-2.0-pro',
        '',
        '## You',
        '',
        'How to sort?',
        '',
        '## Assistant (doubao-seed-2.0-pro)',
        '',
        '> **Thinking**',
        '>',
        '> Think about mutation.',
        '',
        'Use `toSorted`.',
        ''
      ].join('\n')
    )
    const json = JSON.parse(
      (await core.handlers.exportConversation({ id: sorting.id, format: 'json' })).text
    )
    expect(json.conversations).toHaveLength(1)
    expect(json.conversations[0].messages.map((m: { content: string }) => m.content)).toEqual([
      'How to sort?',
      'Use `toSorted`.'
    ])
  })
})

void existsSync
void mkdirSync

/** Overwrites one page in the middle of the file: the header and schema stay readable. */
function damagePage(file: string): void {
  const db = new Database(file, { readonly: true })
  const pageSize = db.pragma('page_size', { simple: true }) as number
  const pages = db.pragma('page_count', { simple: true }) as number
  db.close()
  const bytes = readFileSync(file)
  const page = Math.floor(pages / 2)
  bytes.fill(0x5a, page * pageSize + 8, (page + 1) * pageSize)
  writeFileSync(file, bytes)
}

/** A history with enough rows to span many pages, closed cleanly by the app. */
async function cleanlyClosedHistory(dir: string): Promise<string> {
  const core = await start(dir)
  const db = core.services.db
  const conversation = conversations.createConversation(db, { title: 'Pages', model: 'm', now: 1 })
  db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      messages.insertMessage(db, {
        conversationId: conversation.id,
        role: 'user',
        content: `message ${i} `.repeat(40),
        status: 'done',
        model: null,
        now: i
      })
    }
  })()
  await core.close()
  cores.length = 0
  return join(dir, HISTORY_FILE)
}

describe('the start path', () => {
  it('skips the full check after a clean shutdown, then finds damage in the background and refuses at the next start', async () => {
    const dir = tempDir('safety-')
    const file = await cleanlyClosedHistory(dir)
    expect(readFileSync(`${file}.state`, 'utf8')).toBe('closed')
    damagePage(file)
    const damaged: string[] = []
    const core = await createCore({
      dataDir: dir,
      secrets: createKeytarStore(`seed-chat-test-${randomUUID()}`),
      emit: (name, payload) => {
        if (name === 'historyDamaged') damaged.push((payload as { detail: string }).detail)
      },
      integrityCheckMs: 0
    })
    cores.push(core)
    // Opened without the 10-second check: the page is not read until someone needs it.
    expect((await core.handlers.getHistoryStatus(undefined)).state).toBe('ok')
    await expect.poll(() => damaged.length).toBe(1)
    expect(damaged[0]).toMatch(/check failed/)
    await core.close()
    cores.length = 0
    expect(readFileSync(`${file}.state`, 'utf8')).toBe('check')
    const next = await start(dir)
    const status = await next.handlers.getHistoryStatus(undefined)
    expect(status.state).toBe('refused')
    expect(status.state === 'refused' && status.problem).toBe('damaged')
  })

  it('runs the full check on the start path after a crash and refuses a damaged file', async () => {
    const dir = tempDir('safety-')
    const file = await cleanlyClosedHistory(dir)
    // A crash leaves the file marked open.
    writeFileSync(`${file}.state`, 'open')
    damagePage(file)
    const core = await start(dir)
    const status = await core.handlers.getHistoryStatus(undefined)
    expect(status.state === 'refused' && status.problem).toBe('damaged')
  })

  it('marks the history open while it is open, and closed after a clean close', async () => {
    const dir = tempDir('safety-')
    const core = await start(dir)
    const file = join(dir, HISTORY_FILE)
    expect(readFileSync(`${file}.state`, 'utf8')).toBe('open')
    await core.close()
    cores.length = 0
    expect(readFileSync(`${file}.state`, 'utf8')).toBe('closed')
  })
})
