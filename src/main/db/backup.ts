import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync
} from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../errors'
import { appLog } from '../log/logger'
import type { HistoryDatabase } from './database'

/** One backup file of the history database. */
export interface BackupInfo {
  name: string
  createdAt: number
  bytes: number
  /** 'daily', or 'before-migration-N'. */
  reason: string
}

/** How many backups of each kind are kept. */
export const BACKUP_GENERATIONS = 3
export const DAY_MS = 24 * 60 * 60 * 1000
/** How often a running app checks whether the daily backup is due. */
export const BACKUP_CHECK_MS = 60 * 60 * 1000
/** How long after the history opens the first daily-backup check runs. */
export const FIRST_BACKUP_CHECK_MS = 60 * 1000

const NAME = /^history-(\d+)-([a-z0-9-]+)\.sqlite$/

/** Backups in the folder, newest first. */
export function listBackups(dir: string): BackupInfo[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .map((name) => ({ name, match: NAME.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      name,
      createdAt: Number(match[1]),
      reason: match[2],
      bytes: statSync(join(dir, name)).size
    }))
    .sort((a, b) => b.createdAt - a.createdAt)
}

/**
 * Copies the database with SQLite's online backup API (a consistent snapshot while the app keeps
 * writing), then drops the oldest backups of the same kind past BACKUP_GENERATIONS.
 */
export async function backupDatabase(
  db: HistoryDatabase,
  dir: string,
  reason: string,
  now: number = Date.now()
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true })
  const name = `history-${now}-${reason}.sqlite`
  const partial = join(dir, `${name}.partial`)
  await db.backup(partial)
  // Only a finished copy gets a backup's name: a crash mid-backup leaves no half backup behind.
  renameSync(partial, join(dir, name))
  appLog.scope('history').info(`backup ${name} taken`)
  const kind = (backup: BackupInfo): string => (backup.reason === 'daily' ? 'daily' : 'migration')
  const sameKind = listBackups(dir).filter(
    (backup) => kind(backup) === kind({ reason } as BackupInfo)
  )
  for (const old of sameKind.slice(BACKUP_GENERATIONS)) rmSync(join(dir, old.name))
  return listBackups(dir).find((backup) => backup.name === name)!
}

/**
 * Takes the daily backup now if it is due, and checks again every BACKUP_CHECK_MS until stopped;
 * stop() waits for a backup under way.
 */
export function keepDailyBackups(
  db: HistoryDatabase,
  dir: string,
  firstCheckMs: number = FIRST_BACKUP_CHECK_MS
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve()
  const check = (): void => {
    running = backupIfDue(db, dir).catch((error) => console.error('Backup failed:', error))
  }
  // Never on the start path: copying a large history competes with the first screen.
  const first = setTimeout(check, firstCheckMs)
  first.unref()
  if (firstCheckMs <= 0) {
    clearTimeout(first)
    check()
  }
  const timer = setInterval(check, BACKUP_CHECK_MS)
  timer.unref()
  return {
    stop: async () => {
      clearTimeout(first)
      clearInterval(timer)
      await running
    }
  }
}

/** Takes the daily backup when the newest one is a day old or there is none. */
export async function backupIfDue(
  db: HistoryDatabase,
  dir: string,
  now: number = Date.now()
): Promise<BackupInfo | null> {
  const newest = listBackups(dir).find((backup) => backup.reason === 'daily')
  if (newest && now - newest.createdAt < DAY_MS) return null
  return backupDatabase(db, dir, 'daily', now)
}

/** Throws not_found unless `name` is a backup in the folder. */
export function requireBackup(dir: string, name: string): void {
  if (!NAME.test(name) || !existsSync(join(dir, name)))
    throw new AppError('not_found', `No backup named ${name}.`)
}

/**
 * Puts a backup in place of the database file. The file it replaces (and its WAL) is moved aside
 * under a new name, never deleted or overwritten.
 */
export function restoreBackup(
  file: string,
  dir: string,
  name: string,
  now: number = Date.now()
): string {
  requireBackup(dir, name)
  const aside = `${file}.replaced-${now}`
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix)
  }
  copyFileSync(join(dir, name), file)
  appLog.scope('history').info(`backup ${name} restored; the replaced file kept as ${aside}`)
  return aside
}
