// A conversation's messages as a tree: writing them (a streaming reply included), the path the
// conversation shows (its leaf), the branches and versions of a message. Pages of the path are in
// messagePages.ts.
import type { AppErrorInfo } from '../../shared/errors'
import type { Message, MessageRole, MessageStatus, Usage } from '../../shared/types'
import { writeLightly, type HistoryDatabase } from '../db/database'
import { parseParams } from './params'
import { ownReply, repliesOfLiveProcesses } from './replyOwners'
import { prepared } from '../db/statements'

export interface MessageRow {
  id: number
  conversation_id: number
  parent_id: number | null
  role: MessageRole
  content: string
  reasoning: string
  status: MessageStatus
  model: string | null
  finish_reason: string | null
  prompt_tokens: number | null
  completion_tokens: number | null
  reasoning_tokens: number | null
  reasoning_ms: number | null
  error: string | null
  params: string | null
  created_at: number
}

const toMessage = (row: MessageRow, versions: number[]): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  parentId: row.parent_id,
  versions,
  role: row.role,
  content: row.content,
  reasoning: row.reasoning,
  status: row.status,
  model: row.model,
  finishReason: row.finish_reason,
  usage:
    row.prompt_tokens === null || row.completion_tokens === null
      ? null
      : {
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          reasoningTokens: row.reasoning_tokens
        },
  reasoningMs: row.reasoning_ms,
  error: row.error === null ? null : (JSON.parse(row.error) as AppErrorInfo),
  params: parseParams(row.params),
  // Filled in by the attachments module where a caller needs them.
  attachments: [],
  createdAt: row.created_at
})

/** The ids of a message and its siblings (its versions), oldest first. */
function versionsOf(db: HistoryDatabase, row: MessageRow): number[] {
  return prepared<[number, number | null], number>(
    db,
    'SELECT id FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY id'
  )
    .pluck()
    .all(row.conversation_id, row.parent_id)
}

export const withVersions = (db: HistoryDatabase, row: MessageRow): Message =>
  toMessage(row, versionsOf(db, row))

/**
 * Adds a message and returns it. It follows `parentId`, by default the conversation's current
 * leaf (the end of the conversation shown), and becomes the current leaf.
 */
export function insertMessage(
  db: HistoryDatabase,
  args: {
    conversationId: number
    role: MessageRole
    content: string
    status: MessageStatus
    model: string | null
    now: number
    parentId?: number | null
  }
): Message {
  const parentId =
    args.parentId === undefined ? currentLeaf(db, args.conversationId) : args.parentId
  const row = prepared<
    [number, number | null, MessageRole, string, MessageStatus, string | null, number],
    MessageRow
  >(
    db,
    `INSERT INTO messages (conversation_id, parent_id, role, content, status, model, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`
  ).get(args.conversationId, parentId, args.role, args.content, args.status, args.model, args.now)
  setCurrentLeaf(db, args.conversationId, row!.id)
  if (args.status === 'streaming') ownReply(db, row!.id)
  return withVersions(db, row!)
}

/** One message, or undefined. */
export function getMessage(db: HistoryDatabase, id: number): Message | undefined {
  const row = prepared<[number], MessageRow>(db, 'SELECT * FROM messages WHERE id = ?').get(id)
  return row && withVersions(db, row)
}

/** All messages of a conversation, every branch, in the order they were written. */
export function listMessages(db: HistoryDatabase, conversationId: number): Message[] {
  const rows = prepared<[number], MessageRow>(
    db,
    'SELECT * FROM messages WHERE conversation_id = ? ORDER BY id'
  ).all(conversationId)
  // Siblings share a parent: grouped here rather than asked for row by row.
  const byParent = new Map<number | null, number[]>()
  for (const row of rows) {
    const siblings = byParent.get(row.parent_id)
    if (siblings) siblings.push(row.id)
    else byParent.set(row.parent_id, [row.id])
  }
  return rows.map((row) => toMessage(row, byParent.get(row.parent_id)!))
}

/** The last message of the path the conversation shows; null when it has none. */
export function currentLeaf(db: HistoryDatabase, conversationId: number): number | null {
  return (
    prepared<[number], number | null>(db, 'SELECT current_leaf_id FROM conversations WHERE id = ?')
      .pluck()
      .get(conversationId) ?? null
  )
}

/** Makes a message the end of the path the conversation shows. */
export function setCurrentLeaf(
  db: HistoryDatabase,
  conversationId: number,
  leafId: number | null
): void {
  prepared(db, 'UPDATE conversations SET current_leaf_id = ? WHERE id = ?').run(
    leafId,
    conversationId
  )
}

/** A message and its ancestors up to the root, oldest first. */
export function pathTo(db: HistoryDatabase, messageId: number | null): Message[] {
  if (messageId === null) return []
  return prepared<[number], MessageRow>(
    db,
    `WITH RECURSIVE up(id) AS (
       SELECT ? UNION ALL SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL
     )
     SELECT messages.* FROM up CROSS JOIN messages ON messages.id = up.id ORDER BY messages.id`
  )
    .all(messageId)
    .map((row) => withVersions(db, row))
}

/** The conversation as shown: the path from the root to its current leaf, oldest first. */
export function currentPath(db: HistoryDatabase, conversationId: number): Message[] {
  return pathTo(db, currentLeaf(db, conversationId))
}

/** The newest message under `messageId` (itself included): a leaf, since children come after parents. */
export function newestLeafUnder(
  db: HistoryDatabase,
  conversationId: number,
  messageId: number
): number {
  return prepared<[number, number], number>(
    db,
    `WITH RECURSIVE below(id) AS (
       SELECT ? UNION ALL
       SELECT m.id FROM messages m JOIN below ON m.parent_id = below.id WHERE m.conversation_id = ?
     )
     SELECT max(id) FROM below`
  )
    .pluck()
    .get(messageId, conversationId)!
}

/**
 * Ids of the current path from its leaf up to `floorId`, newest first: the walk stops at the
 * first message not newer than `floorId` (ids shrink going up a path), which is `floorId` itself
 * when it is on the path. The cost grows with how far below the leaf `floorId` lies.
 */
export function pathIdsDownTo(
  db: HistoryDatabase,
  conversationId: number,
  floorId: number
): number[] {
  return prepared<[number, number, number], number>(
    db,
    `WITH RECURSIVE up(id) AS (
       SELECT current_leaf_id FROM conversations WHERE id = ? AND current_leaf_id >= ?
       UNION ALL
       SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id WHERE m.id > ? AND m.parent_id IS NOT NULL
     )
     SELECT id FROM up`
  )
    .pluck()
    .all(conversationId, floorId, floorId)
}

/** Whether a message is on the path the conversation shows. */
export function isOnCurrentPath(
  db: HistoryDatabase,
  conversationId: number,
  messageId: number
): boolean {
  return pathIdsDownTo(db, conversationId, messageId).at(-1) === messageId
}

/**
 * Shows the branch holding a message: when it is not on the current path, the newest leaf under
 * it becomes the current leaf. False if the conversation has no such message.
 */
export function showBranchOf(
  db: HistoryDatabase,
  conversationId: number,
  messageId: number
): boolean {
  const message = prepared<[number], { conversation_id: number }>(
    db,
    'SELECT conversation_id FROM messages WHERE id = ?'
  ).get(messageId)
  if (!message || message.conversation_id !== conversationId) return false
  if (!isOnCurrentPath(db, conversationId, messageId)) {
    setCurrentLeaf(db, conversationId, newestLeafUnder(db, conversationId, messageId))
  }
  return true
}

/**
 * Deletes a message and everything that followed it on its branches (a question takes its
 * replies; a reply takes the turns after it). When the current leaf went with them, the newest
 * remaining leaf beside them is shown. Returns the ids deleted.
 */
export function deleteMessageTree(
  db: HistoryDatabase,
  conversationId: number,
  messageId: number
): number[] {
  const message = getMessage(db, messageId)
  if (!message || message.conversationId !== conversationId) return []
  const ids = prepared<[number, number], number>(
    db,
    `WITH RECURSIVE below(id) AS (
       SELECT ? UNION ALL
       SELECT m.id FROM messages m JOIN below ON m.parent_id = below.id WHERE m.conversation_id = ?
     )
     SELECT id FROM below`
  )
    .pluck()
    .all(messageId, conversationId)
  const leaf = currentLeaf(db, conversationId)
  for (const id of ids) deleteMessage(db, id)
  if (leaf !== null && ids.includes(leaf)) {
    const next =
      message.parentId !== null
        ? newestLeafUnder(db, conversationId, message.parentId)
        : (prepared<[number], number | null>(
            db,
            'SELECT max(id) FROM messages WHERE conversation_id = ?'
          )
            .pluck()
            .get(conversationId) ?? null)
    setCurrentLeaf(db, conversationId, next)
  }
  return ids
}

/** Appends streamed text to a reply that is still streaming (a periodic save: writeLightly). */
export function appendToMessage(
  db: HistoryDatabase,
  id: number,
  text: { content: string; reasoning: string }
): void {
  writeLightly(db, () =>
    prepared(
      db,
      'UPDATE messages SET content = content || ?, reasoning = reasoning || ? WHERE id = ?'
    ).run(text.content, text.reasoning, id)
  )
}

/** Replaces a reply's text (a reply kept in memory, saved again after the disk refused it). */
export function setMessageText(
  db: HistoryDatabase,
  id: number,
  text: { content: string; reasoning: string }
): void {
  prepared(db, 'UPDATE messages SET content = ?, reasoning = ? WHERE id = ?').run(
    text.content,
    text.reasoning,
    id
  )
}

/** Records how a reply ended. */
export function finishMessage(
  db: HistoryDatabase,
  id: number,
  end: {
    status: Exclude<MessageStatus, 'streaming'>
    finishReason: string | null
    usage: Usage | null
    error: AppErrorInfo | null
    /** How long the model reasoned; null when it did not. */
    reasoningMs?: number | null
  }
): Message {
  const row = prepared<
    [
      string,
      string | null,
      number | null,
      number | null,
      number | null,
      number | null,
      string | null,
      number
    ],
    MessageRow
  >(
    db,
    `UPDATE messages SET status = ?, finish_reason = ?, prompt_tokens = ?, completion_tokens = ?,
       reasoning_tokens = ?, reasoning_ms = ?, error = ? WHERE id = ? RETURNING *`
  ).get(
    end.status,
    end.finishReason,
    end.usage?.promptTokens ?? null,
    end.usage?.completionTokens ?? null,
    end.usage?.reasoningTokens ?? null,
    end.reasoningMs ?? null,
    end.error && JSON.stringify(end.error),
    id
  )
  return withVersions(db, row!)
}

/** A reply streams again (Continue): its text stays, the way it ended is cleared. */
export function reopenMessage(db: HistoryDatabase, id: number): Message {
  const row = prepared<[number], MessageRow>(
    db,
    "UPDATE messages SET status = 'streaming', finish_reason = NULL, error = NULL WHERE id = ? RETURNING *"
  ).get(id)
  ownReply(db, id)
  return withVersions(db, row!)
}

/** Deletes one message. */
export function deleteMessage(db: HistoryDatabase, id: number): void {
  prepared(db, 'DELETE FROM messages WHERE id = ?').run(id)
}

/**
 * Replies left 'streaming' by a crash or quit become 'interrupted'; their text stays. A reply that
 * another live process (the CLI on the same folder) is streaming is left alone.
 */
export function markInterrupted(db: HistoryDatabase): number {
  return db.transaction(() => {
    const live = repliesOfLiveProcesses(db)
    const streaming = prepared<[], number>(db, "SELECT id FROM messages WHERE status = 'streaming'")
      .pluck()
      .all()
    const mark = prepared<[number]>(
      db,
      "UPDATE messages SET status = 'interrupted' WHERE id = ? AND status = 'streaming'"
    )
    return streaming
      .filter((id) => !live.includes(id))
      .reduce((n, id) => n + mark.run(id).changes, 0)
  })()
}
