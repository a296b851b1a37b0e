import type { Conversation, ConversationPage } from '../../shared/types'
import type { ChatParams } from '../../shared/params'
import type { HistoryDatabase } from '../db/database'
import { parseParams } from './params'
import { prepared } from '../db/statements'

interface ConversationRow {
  id: number
  title: string
  model: string
  params: string
  pinned_at: number | null
  archived_at: number | null
  project_id: number | null
  created_at: number
  updated_at: number
}

const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  title: row.title,
  model: row.model,
  params: parseParams(row.params) ?? {},
  pinned: row.pinned_at !== null,
  archived: row.archived_at !== null,
  projectId: row.project_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at
})

/** Creates a conversation and returns it. */
export function createConversation(
  db: HistoryDatabase,
  args: { title: string; model: string; now: number; projectId?: number | null }
): Conversation {
  const row = prepared<[string, string, number, number, number | null], ConversationRow>(
    db,
    'INSERT INTO conversations (title, model, created_at, updated_at, project_id) VALUES (?, ?, ?, ?, ?) RETURNING *'
  ).get(args.title, args.model, args.now, args.now, args.projectId ?? null)
  return toConversation(row!)
}

/** One conversation, or undefined. */
export function getConversation(db: HistoryDatabase, id: number): Conversation | undefined {
  const row = prepared<[number], ConversationRow>(
    db,
    'SELECT * FROM conversations WHERE id = ?'
  ).get(id)
  return row && toConversation(row)
}

/**
 * A page of the conversations not archived, outside any project or of one project's
 * (`projectId`): the first page starts with every pinned one (last pinned first), then the rest by
 * most recent activity (keyset paging, no OFFSET scans).
 */
export function listConversations(
  db: HistoryDatabase,
  args: { limit: number; before?: { updatedAt: number; id: number }; projectId?: number }
): ConversationPage {
  const project = args.projectId ?? null
  // "IS ?" matches NULL (outside any project) as well as an id.
  const pinned = args.before
    ? []
    : prepared<[number | null], ConversationRow>(
        db,
        `SELECT * FROM conversations
           WHERE project_id IS ? AND pinned_at IS NOT NULL AND archived_at IS NULL
           ORDER BY pinned_at DESC, id DESC`
      ).all(project)
  const rows = args.before
    ? prepared<[number | null, number, number, number, number], ConversationRow>(
        db,
        `SELECT * FROM conversations
           WHERE project_id IS ? AND pinned_at IS NULL AND archived_at IS NULL
             AND (updated_at < ? OR (updated_at = ? AND id < ?))
           ORDER BY updated_at DESC, id DESC LIMIT ?`
      ).all(project, args.before.updatedAt, args.before.updatedAt, args.before.id, args.limit + 1)
    : prepared<[number | null, number], ConversationRow>(
        db,
        `SELECT * FROM conversations
           WHERE project_id IS ? AND pinned_at IS NULL AND archived_at IS NULL
           ORDER BY updated_at DESC, id DESC LIMIT ?`
      ).all(project, args.limit + 1)
  const unpinned = rows.slice(0, args.limit).map(toConversation)
  const last = unpinned.at(-1)
  return {
    conversations: [...pinned.map(toConversation), ...unpinned],
    next: rows.length > args.limit && last ? { updatedAt: last.updatedAt, id: last.id } : null
  }
}

/** Marks activity so the conversation sorts first. */
export function touchConversation(db: HistoryDatabase, id: number, now: number): void {
  prepared(db, 'UPDATE conversations SET updated_at = max(updated_at, ?) WHERE id = ?').run(now, id)
}

/** Remembers the model chosen for a conversation. */
export function setConversationModel(db: HistoryDatabase, id: number, model: string): boolean {
  return prepared(db, 'UPDATE conversations SET model = ? WHERE id = ?').run(model, id).changes > 0
}

/** Replaces a conversation's request parameters. */
export function setConversationParams(
  db: HistoryDatabase,
  id: number,
  params: ChatParams
): boolean {
  return (
    prepared(db, 'UPDATE conversations SET params = ? WHERE id = ?').run(JSON.stringify(params), id)
      .changes > 0
  )
}

/** Renames a conversation. */
export function renameConversation(db: HistoryDatabase, id: number, title: string): boolean {
  return prepared(db, 'UPDATE conversations SET title = ? WHERE id = ?').run(title, id).changes > 0
}

/** Pins a conversation to the top of the list, or unpins it. */
export function setConversationPinned(
  db: HistoryDatabase,
  id: number,
  pinned: boolean,
  now: number
): boolean {
  return (
    prepared(db, 'UPDATE conversations SET pinned_at = ? WHERE id = ?').run(pinned ? now : null, id)
      .changes > 0
  )
}

/** The archived conversations, most recently archived first. */
export function listArchivedConversations(db: HistoryDatabase): Conversation[] {
  return prepared<[], ConversationRow>(
    db,
    `SELECT * FROM conversations WHERE archived_at IS NOT NULL
       ORDER BY archived_at DESC, id DESC`
  )
    .all()
    .map(toConversation)
}

/** Archives a conversation (at `now`), or brings it back to the list. */
export function setConversationArchived(
  db: HistoryDatabase,
  id: number,
  archived: boolean,
  now: number
): boolean {
  return (
    prepared(
      db,
      'UPDATE conversations SET archived_at = CASE WHEN ? THEN coalesce(archived_at, ?) END WHERE id = ?'
    ).run(archived ? 1 : 0, now, id).changes > 0
  )
}

/**
 * Archives every conversation whose last activity is before `before` (ms), pinned ones excepted
 * (a pin says keep it at hand); returns how many were archived.
 */
export function archiveOlderThan(db: HistoryDatabase, before: number, now: number): number {
  return prepared(
    db,
    `UPDATE conversations SET archived_at = ?
       WHERE archived_at IS NULL AND pinned_at IS NULL AND updated_at < ?`
  ).run(now, before).changes
}

/** How many conversations archiveOlderThan(before) would archive. */
export function countOlderThan(db: HistoryDatabase, before: number): number {
  return prepared<[number], { n: number }>(
    db,
    `SELECT count(*) AS n FROM conversations
       WHERE archived_at IS NULL AND pinned_at IS NULL AND updated_at < ?`
  ).get(before)!.n
}

/** Deletes a conversation and (by cascade) its messages. */
export function deleteConversation(db: HistoryDatabase, id: number): boolean {
  return prepared(db, 'DELETE FROM conversations WHERE id = ?').run(id).changes > 0
}

const TITLE_LENGTH = 60

/** A conversation's first title: the first line of the first message, shortened. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].trim()
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line
}
