// A history that silently became far smaller (a filesystem that dropped its last writes left an
// empty 4 KB file) is refused at start with the counts, both it and the backups left byte for
// byte as they were; the user restores the newest backup or keeps the history as it is.
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKUP_DIR, HISTORY_FILE, createCore, type Core } from '../../../src/main/core'
import { backupDatabase } from '../../../src/main/db/backup'
import * as conversations from '../../../src/main/history/conversations'
import * as messages from '../../../src/main/history/messages'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

const cores: Core[] = []
const services: string[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const service of services.splice(0)) await createKeytarStore(service).delete()
})

async function start(dataDir: string): Promise<Core> {
  const service = `seed-chat-test-${randomUUID()}`
  services.push(service)
  const core = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    emit: () => undefined,
    // No daily backup of its own: the test's backup is the newest.
    firstBackupMs: 60 * 60 * 1000
  })
  cores.push(core)
  return core
}

async function stop(core: Core): Promise<void> {
  cores.splice(cores.indexOf(core), 1)
  await core.close()
}

const record = (dataDir: string) =>
  JSON.parse(readFileSync(join(dataDir, `${HISTORY_FILE}.size.json`), 'utf8'))

/** A history of 3 conversations and 12 messages, its backup, closed cleanly. */
async function historyWithBackup(): Promise<{ dataDir: string; backup: string }> {
  const dataDir = tempDir('durability-')
  const core = await start(dataDir)
  const db = core.services.db
  for (let c = 1; c <= 3; c++) {
    const conversation = conversations.createConversation(db, {
      title: `Trip ${c}`,
      model: 'm',
      now: c
    })
    for (let m = 0; m < 4; m++) {
      messages.insertMessage(db, {
        conversationId: conversation.id,
        role: m % 2 ? 'assistant' : 'user',
        content: `message ${m} of trip ${c}`,
        status: 'done',
        model: null,
        now: c
      })
    }
  }
  const backup = await backupDatabase(db, join(dataDir, BACKUP_DIR), 'daily')
  await stop(core)
  expect(record(dataDir)).toMatchObject({ conversations: 3, messages: 12, lastMessageId: 12 })
  return { dataDir, backup: join(dataDir, BACKUP_DIR, backup.name) }
}

/** Puts an empty, valid 4 KB database where the history was (what a dropped journal leaves). */
function emptyHistory(dataDir: string): void {
  const file = join(dataDir, HISTORY_FILE)
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const db = new Database(file)
  db.exec('CREATE TABLE t (x); DROP TABLE t; VACUUM')
  db.close()
  expect(statSync(file).size).toBe(4096)
}

describe('a history far smaller than its record', () => {
  it('is refused with the counts, leaving it and the backup byte for byte; restoring the newest backup works', async () => {
    const { dataDir, backup } = await historyWithBackup()
    emptyHistory(dataDir)
    const file = join(dataDir, HISTORY_FILE)
    const before = { history: readFileSync(file), backup: readFileSync(backup) }

    const core = await start(dataDir)
    const status = await core.handlers.getHistoryStatus(undefined)
    expect(status).toMatchObject({
      state: 'refused',
      problem: 'shrunk',
      expected: { conversations: 3, messages: 12 },
      found: { conversations: 0, messages: 0 },
      backups: [{ name: backup.split('/').at(-1), reason: 'daily' }]
    })
    await expect(core.handlers.listConversations({ limit: 10 })).rejects.toMatchObject({
      code: 'history_unavailable'
    })
    await stop(core)
    expect(readFileSync(file).equals(before.history)).toBe(true)
    expect(readFileSync(backup).equals(before.backup)).toBe(true)
    expect(existsSync(`${file}-wal`)).toBe(false)
    expect(record(dataDir)).toMatchObject({ conversations: 3, messages: 12 })

    // The newest backup, restored: everything is back, and the record follows it.
    const again = await start(dataDir)
    const restored = await again.handlers.restoreBackup({ name: backup.split('/').at(-1)! })
    expect(restored.state).toBe('ok')
    const listed = await again.handlers.listConversations({ limit: 10 })
    expect(listed.conversations.map((c) => c.title).sort()).toEqual(['Trip 1', 'Trip 2', 'Trip 3'])
    expect(record(dataDir)).toMatchObject({ conversations: 3, messages: 12 })
  })

  it('"keep this history" opens it as it is and records its size anew', async () => {
    const { dataDir } = await historyWithBackup()
    emptyHistory(dataDir)
    const core = await start(dataDir)
    expect((await core.handlers.getHistoryStatus(undefined)).state).toBe('refused')
    expect((await core.handlers.keepHistory(undefined)).state).toBe('ok')
    expect((await core.handlers.listConversations({ limit: 10 })).conversations).toEqual([])
    expect(record(dataDir)).toMatchObject({ conversations: 0, messages: 0 })
    await stop(core)
    // Kept: the next start opens it without a word.
    const next = await start(dataDir)
    expect((await next.handlers.getHistoryStatus(undefined)).state).toBe('ok')
    // Only a history refused for its size can be kept.
    await expect(next.handlers.keepHistory(undefined)).rejects.toMatchObject({
      code: 'invalid_input'
    })
  })

  it('a history file that is gone is refused too, and not made anew', async () => {
    const { dataDir } = await historyWithBackup()
    const file = join(dataDir, HISTORY_FILE)
    rmSync(file)
    const core = await start(dataDir)
    expect(await core.handlers.getHistoryStatus(undefined)).toMatchObject({
      state: 'refused',
      problem: 'shrunk',
      found: { conversations: 0, messages: 0 }
    })
    await stop(core)
    expect(existsSync(file)).toBe(false)
  })

  it('a few deletions are no shrink: the next start opens the history', async () => {
    const { dataDir } = await historyWithBackup()
    const core = await start(dataDir)
    await core.handlers.deleteConversation({ id: 1 })
    await stop(core)
    const next = await start(dataDir)
    expect((await next.handlers.getHistoryStatus(undefined)).state).toBe('ok')
    expect(record(dataDir)).toMatchObject({ conversations: 2, messages: 8 })
  })
})
