// The history's last known size, in a small file beside it (history.sqlite.size.json): how many
// conversations and messages it held and its newest message id. A filesystem that drops its last
// writes can leave an empty, valid database behind; this record is how a start notices that the
// history is far smaller than it was, and refuses it (offering the newest backup) instead of
// opening it silently. Written when the history opens, every RECORD_SIZE_MS after writes, and at
// a clean close; docs/durability.md.
import type Database from 'better-sqlite3'
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import type { HistorySize } from '../../shared/types'

/** How often an open history's record is brought up to date (when something was written). */
export const RECORD_SIZE_MS = 30_000

interface SizeRecord extends HistorySize {
  lastMessageId: number
  updatedAt: number
}

const fileOf = (historyFile: string): string => `${historyFile}.size.json`

/** What the history holds now; a database without the tables (a new or emptied file) holds nothing. */
export function measureHistory(db: Database.Database): SizeRecord & { changes: number } {
  const tables = db
    .prepare<[], string>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('conversations', 'messages')"
    )
    .pluck()
    .all()
  const changes = db.prepare<[], number>('SELECT total_changes()').pluck().get()!
  if (tables.length < 2) {
    return { conversations: 0, messages: 0, lastMessageId: 0, updatedAt: Date.now(), changes }
  }
  const size = db
    .prepare<[], { conversations: number; messages: number; lastMessageId: number }>(
      `SELECT (SELECT count(*) FROM conversations) AS conversations,
              (SELECT count(*) FROM messages) AS messages,
              (SELECT coalesce(max(id), 0) FROM messages) AS lastMessageId`
    )
    .get()!
  return { ...size, updatedAt: Date.now(), changes }
}

/** The record the last run left; undefined when there is none (a first start, an older version). */
export function readSizeRecord(historyFile: string): SizeRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(fileOf(historyFile), 'utf8')) as Partial<SizeRecord>
    if (typeof record.conversations !== 'number' || typeof record.messages !== 'number') return
    return {
      conversations: record.conversations,
      messages: record.messages,
      lastMessageId: record.lastMessageId ?? 0,
      updatedAt: record.updatedAt ?? 0
    }
  } catch {
    return undefined
  }
}

/**
 * Whether `found` is far less than the record: under half its messages or conversations, or
 * empty where the record had some. A few deletions since the last record are not a shrink.
 */
export function hasShrunk(record: HistorySize, found: HistorySize): boolean {
  const lost = (was: number, now: number): boolean => (now === 0 ? was > 0 : now < was / 2)
  return lost(record.messages, found.messages) || lost(record.conversations, found.conversations)
}

/** Writes the record (a new file renamed over the old: never half a record). */
export function writeSizeRecord(historyFile: string, size: SizeRecord): void {
  const record: SizeRecord = {
    conversations: size.conversations,
    messages: size.messages,
    lastMessageId: size.lastMessageId,
    updatedAt: size.updatedAt
  }
  try {
    writeFileSync(`${fileOf(historyFile)}.partial`, JSON.stringify(record))
    renameSync(`${fileOf(historyFile)}.partial`, fileOf(historyFile))
  } catch (error) {
    // Only a later shrink goes unnoticed.
    console.error('Could not record the history size:', error)
  }
}

/** Forgets the record: the user chose the history as it is now (kept it, or restored a backup). */
export function forgetSizeRecord(historyFile: string): void {
  rmSync(fileOf(historyFile), { force: true })
}

/**
 * Keeps the record of an open history current: now, every RECORD_SIZE_MS when something was
 * written since, and once more on stop (a clean close).
 */
export function keepSizeRecord(db: Database.Database, historyFile: string): { stop(): void } {
  let recorded = -1
  const record = (): void => {
    try {
      const size = measureHistory(db)
      if (size.changes === recorded) return
      writeSizeRecord(historyFile, size)
      recorded = size.changes
    } catch (error) {
      console.error('Could not measure the history:', error)
    }
  }
  record()
  const timer = setInterval(record, RECORD_SIZE_MS)
  timer.unref()
  return {
    stop: () => {
      clearInterval(timer)
      recorded = -1
      if (db.open) record()
    }
  }
}
