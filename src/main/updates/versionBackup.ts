// A backup of the history before the first start of another app version: peers lost histories
// right after updates. Runs before the history is opened for writing (before any migration).
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { backupDatabase, type BackupInfo } from '../db/backup'

/** The file in the data folder naming the app version that last opened the history. */
export const LAST_VERSION_FILE = 'last-version.json'

const recordSchema = z.object({ version: z.string() })

/** The backup reason for a start of `version` (backup names allow a-z, 0-9 and '-' only). */
export function versionBackupReason(version: string): string {
  const safe = version
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `before-version-${safe || 'unknown'}`
}

/** The version recorded in the data folder; null when none is (or it cannot be read). */
export function lastVersion(dataDir: string): string | null {
  try {
    const text = readFileSync(join(dataDir, LAST_VERSION_FILE), 'utf8')
    return recordSchema.parse(JSON.parse(text)).version
  } catch {
    return null
  }
}

/**
 * When `version` is not the version that last opened the history file, backs the file up
 * (reason before-version-X, through a read-only connection: nothing is written to it) and then
 * records `version`. Returns the backup, or null when none was due. A failed backup is not
 * recorded, so the next start tries again; the start goes on (the history's own checks refuse a
 * file that cannot be used, and migrations still take their own backup).
 */
export async function backupBeforeNewVersion(
  file: string,
  backupDir: string,
  version: string,
  now: number = Date.now()
): Promise<BackupInfo | null> {
  const dataDir = dirname(file)
  if (lastVersion(dataDir) === version) return null
  let backup: BackupInfo | null = null
  if (existsSync(file)) {
    let db: Database.Database | undefined
    try {
      db = new Database(file, { fileMustExist: true, readonly: true })
      backup = await backupDatabase(db, backupDir, versionBackupReason(version), now)
    } catch (error) {
      console.error(`Could not back up the history before version ${version}:`, error)
      return null
    } finally {
      db?.close()
    }
  }
  try {
    mkdirSync(dataDir, { recursive: true })
    const partial = join(dataDir, `${LAST_VERSION_FILE}.partial`)
    writeFileSync(partial, `${JSON.stringify({ version })}\n`)
    renameSync(partial, join(dataDir, LAST_VERSION_FILE))
  } catch (error) {
    // Only costs one more backup at the next start.
    console.error('Could not record the app version:', error)
  }
  return backup
}
