// The message_attachments table: which stored files (by sha256) a message carries, in order.
// Plain synchronous queries with bound parameters, like the history modules.
import type Database from 'better-sqlite3'
import type { Attachment } from '../../shared/types'
import { prepared } from '../db/statements'

export type AttachmentKind = Attachment['kind']

/** What to record for a new attachment (the renderer's Attachment less its URL). */
export type NewAttachment = Omit<Attachment, 'thumbnailUrl'>

/** One attachment of one message, as stored; `ordinal` is its position in the message. */
export interface AttachmentRecord extends NewAttachment {
  messageId: number
  ordinal: number
}

interface AttachmentRow {
  message_id: number
  ordinal: number
  sha256: string
  kind: AttachmentKind
  name: string
  mime: string
  bytes: number
  width: number | null
  height: number | null
  duration_seconds: number | null
  fps: number | null
}

const toRecord = (row: AttachmentRow): AttachmentRecord => ({
  messageId: row.message_id,
  ordinal: row.ordinal,
  sha256: row.sha256,
  kind: row.kind,
  name: row.name,
  mime: row.mime,
  bytes: row.bytes,
  width: row.width,
  height: row.height,
  durationSeconds: row.duration_seconds,
  fps: row.fps
})

/** Records a message's attachments in the given order; returns them as stored. */
export function attachToMessage(
  db: Database.Database,
  messageId: number,
  attachments: readonly NewAttachment[]
): AttachmentRecord[] {
  const insert = prepared<
    [
      number,
      number,
      string,
      AttachmentKind,
      string,
      string,
      number,
      number | null,
      number | null,
      number | null,
      number | null
    ],
    AttachmentRow
  >(
    db,
    `INSERT INTO message_attachments
       (message_id, ordinal, sha256, kind, name, mime, bytes, width, height, duration_seconds, fps)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
  )
  return db.transaction(() =>
    attachments.map((a, ordinal) =>
      toRecord(
        insert.get(
          messageId,
          ordinal,
          a.sha256,
          a.kind,
          a.name,
          a.mime,
          a.bytes,
          a.width,
          a.height,
          a.durationSeconds,
          a.fps
        )!
      )
    )
  )()
}

/** Attachments of the given messages, keyed by message id, each list in order. */
export function listAttachments(
  db: Database.Database,
  messageIds: readonly number[]
): Map<number, AttachmentRecord[]> {
  // The id list travels as one bound JSON parameter, never spliced into the SQL.
  const rows = prepared<[string], AttachmentRow>(
    db,
    `SELECT * FROM message_attachments
       WHERE message_id IN (SELECT value FROM json_each(?))
       ORDER BY message_id, ordinal`
  ).all(JSON.stringify(messageIds))
  return groupByMessage(rows)
}

/** The stored record of a file some message already carries, for sending it again. */
export function findAttachment(
  db: Database.Database,
  sha256: string
): AttachmentRecord | undefined {
  const row = prepared<[string], AttachmentRow>(
    db,
    'SELECT * FROM message_attachments WHERE sha256 = ? LIMIT 1'
  ).get(sha256)
  return row && toRecord(row)
}

/** Attachments of every message in a conversation, keyed by message id. */
export function listConversationAttachments(
  db: Database.Database,
  conversationId: number
): Map<number, AttachmentRecord[]> {
  const rows = prepared<[number], AttachmentRow>(
    db,
    `SELECT a.* FROM message_attachments a JOIN messages m ON m.id = a.message_id
       WHERE m.conversation_id = ? ORDER BY a.message_id, a.ordinal`
  ).all(conversationId)
  return groupByMessage(rows)
}

/** The hashes a conversation's messages use (read these before deleting it). */
export function conversationHashes(db: Database.Database, conversationId: number): string[] {
  return prepared<[number], string>(
    db,
    `SELECT DISTINCT a.sha256 FROM message_attachments a JOIN messages m ON m.id = a.message_id
       WHERE m.conversation_id = ?`
  )
    .pluck()
    .all(conversationId)
}

/** Every hash some message or some project's files still use. */
export function referencedHashes(db: Database.Database): Set<string> {
  return new Set(
    prepared<[], string>(
      db,
      'SELECT sha256 FROM message_attachments UNION SELECT sha256 FROM project_files'
    )
      .pluck()
      .all()
  )
}

/** Of the given hashes, those no message and no project's files use any more. */
export function unreferencedHashes(db: Database.Database, hashes: Iterable<string>): string[] {
  const used = prepared<[string, string], number>(
    db,
    `SELECT EXISTS (SELECT 1 FROM message_attachments WHERE sha256 = ?)
       OR EXISTS (SELECT 1 FROM project_files WHERE sha256 = ?)`
  ).pluck()
  return [...new Set(hashes)].filter((sha256) => used.get(sha256, sha256) === 0)
}

function groupByMessage(rows: AttachmentRow[]): Map<number, AttachmentRecord[]> {
  const byMessage = new Map<number, AttachmentRecord[]>()
  for (const row of rows) {
    const list = byMessage.get(row.message_id) ?? []
    list.push(toRecord(row))
    byMessage.set(row.message_id, list)
  }
  return byMessage
}
