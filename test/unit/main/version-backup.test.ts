// A backup of the history before the first start of another app version, on real SQLite files:
// through createCore (as the shell starts it) and through backupBeforeNewVersion itself.
import Database from 'better-sqlite3'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKUP_DIR, HISTORY_FILE, createCore, type Core } from '../../../src/main/core'
import { listBackups } from '../../../src/main/db/backup'
import { SCHEMA_VERSION } from '../../../src/main/db/migrations'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import {
  LAST_VERSION_FILE,
  backupBeforeNewVersion,
  lastVersion,
  versionBackupReason
} from '../../../src/main/updates/versionBackup'
import { freshDatabase, seedConversation } from '../../fixtures/history'
import { tempDir } from '../../fixtures/temp'

const cores: Core[] = []
const services: string[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const service of services.splice(0)) await createKeytarStore(service).delete()
})

async function start(dataDir: string, appVersion?: string): Promise<Core> {
  const service = `seed-chat-test-${randomUUID()}`
  services.push(service)
  const core = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    emit: () => undefined,
    ...(appVersion ? { appVersion } : {})
  })
  cores.push(core)
  return core
}

/** A data folder whose history holds one conversation written by an earlier start. */
async function historyWithOneConversation(): Promise<string> {
  const dir = tempDir('version-backup-')
  const core = await start(dir, '1.0.0')
  const sent = seedConversation(core.services.db, {
    title: 'Before the update',
    messages: [{ content: 'Keep me' }]
  })
  expect(sent.messages).toHaveLength(1)
  await core.close()
  cores.length = 0
  return dir
}

const versionBackups = (dir: string) =>
  listBackups(join(dir, BACKUP_DIR)).filter((backup) => backup.reason.startsWith('before-version-'))

describe('a backup before a new version first starts', () => {
  it('backs the history up once per new version, named for it and listed with the backups', async () => {
    const dir = await historyWithOneConversation()
    // The start of 1.0.0 above found no history yet: nothing to back up.
    expect(versionBackups(dir)).toEqual([])
    expect(lastVersion(dir)).toBe('1.0.0')

    const core = await start(dir, '1.2.0')
    const status = await core.handlers.getHistoryStatus(undefined)
    expect(status.backups.map((backup) => backup.reason)).toContain('before-version-1-2-0')
    const [backup] = versionBackups(dir)
    const copy = new Database(join(dir, BACKUP_DIR, backup!.name), { readonly: true })
    expect(copy.prepare('SELECT title FROM conversations').pluck().all()).toEqual([
      'Before the update'
    ])
    expect(copy.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    copy.close()
    await core.close()
    cores.length = 0

    // The same version again: no second backup.
    await start(dir, '1.2.0')
    expect(versionBackups(dir)).toHaveLength(1)
    expect(lastVersion(dir)).toBe('1.2.0')
  })

  it('backs up a history that no recorded version opened (from before the record existed)', async () => {
    const { db, dir, file } = freshDatabase('version-backup-')
    seedConversation(db, { title: 'Old', messages: [{ content: 'Hello' }] })
    db.close()
    const backup = await backupBeforeNewVersion(file, join(dir, BACKUP_DIR), '2.0.0-beta.1', 5_000)
    expect(backup).toMatchObject({ reason: 'before-version-2-0-0-beta-1', createdAt: 5_000 })
    expect(await backupBeforeNewVersion(file, join(dir, BACKUP_DIR), '2.0.0-beta.1')).toBeNull()
    expect(versionBackups(dir)).toHaveLength(1)
  })

  it('takes no backup on a fresh install, and records the version', async () => {
    const dir = tempDir('version-backup-')
    await start(dir, '1.0.0')
    expect(versionBackups(dir)).toEqual([])
    expect(JSON.parse(readFileSync(join(dir, LAST_VERSION_FILE), 'utf8'))).toEqual({
      version: '1.0.0'
    })
  })

  it('does nothing without an app version (dev, tests, the CLI)', async () => {
    const dir = await historyWithOneConversation()
    writeFileSync(join(dir, LAST_VERSION_FILE), '{"version":"0.9.0"}')
    await start(dir)
    expect(versionBackups(dir)).toEqual([])
    expect(lastVersion(dir)).toBe('0.9.0')
  })

  it('writes nothing to the history it backs up', async () => {
    const { db, dir, file } = freshDatabase('version-backup-')
    seedConversation(db, { title: 'Old', messages: [{ content: 'Hello' }] })
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    const before = readFileSync(file)
    await backupBeforeNewVersion(file, join(dir, BACKUP_DIR), '3.0.0')
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('leaves the version unrecorded when the backup fails, so the next start tries again', async () => {
    const dir = tempDir('version-backup-')
    const file = join(dir, HISTORY_FILE)
    writeFileSync(file, 'not a database, and long enough to look like one '.repeat(200))
    expect(await backupBeforeNewVersion(file, join(dir, BACKUP_DIR), '1.2.0')).toBeNull()
    expect(existsSync(join(dir, LAST_VERSION_FILE))).toBe(false)
  })

  it('still refuses a newer database after backing it up, and leaves it as it was', async () => {
    const dir = await historyWithOneConversation()
    const file = join(dir, HISTORY_FILE)
    const newer = new Database(file)
    newer.pragma(`user_version = ${SCHEMA_VERSION + 1}`)
    newer.close()
    const before = readFileSync(file)
    const core = await start(dir, '0.9.0')
    expect(await core.handlers.getHistoryStatus(undefined)).toMatchObject({
      state: 'refused',
      problem: 'newer'
    })
    expect(versionBackups(dir).map((backup) => backup.reason)).toEqual(['before-version-0-9-0'])
    await core.close()
    cores.length = 0
    expect(readFileSync(file).equals(before)).toBe(true)
  })

  it('names a backup for any version string with the characters backups allow', () => {
    expect(versionBackupReason('1.2.3')).toBe('before-version-1-2-3')
    expect(versionBackupReason('1.2.3+Build.7')).toBe('before-version-1-2-3-build-7')
    expect(versionBackupReason('..')).toBe('before-version-unknown')
  })
})
