import type {
  AppErrorInfo,
  Message,
  MessageRole,
  MessageStatus,
  Usage
} from '../../shared/contract'
import type { HistoryDatabase } from './database'
import { parseParams } from './params'
import { prepared } from './statements'

interface MessageRow {
  id: number
  conversation_id: number
  role: MessageRole
  content: string
  reasoning: string
  status: MessageStatus
  model: string | null
  finish_reason: string | null
  prompt_tokens: number | null
  completion_tokens: number | null
  reasoning_tokens: number | null
  error: string | null
  params: string | null
  created_at: number
}

const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
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
  error: row.error === null ? null : (JSON.parse(row.error) as AppErrorInfo),
  params: parseParams(row.params),
  // Filled in by the attachments module where a caller needs them.
  attachments: [],
  createdAt: row.created_at
})

/** Adds a message and returns it. */
export function insertMessage(
  db: HistoryDatabase,
  args: {
    conversationId: number
    role: MessageRole
    content: string
    status: MessageStatus
    model: string | null
    now: number
  }
): Message {
  const row = prepared<[number, MessageRole, string, MessageStatus, string | null, number], MessageRow>(db, 
      `INSERT INTO messages (conversation_id, role, content, status, model, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`
    )
    .get(args.conversationId, args.role, args.content, args.status, args.model, args.now)
  return toMessage(row!)
}

/** One message, or undefined. */
export function getMessage(db: HistoryDatabase, id: number): Message | undefined {
  const row = prepared<[number], MessageRow>(db, 'SELECT * FROM messages WHERE id = ?').get(id)
  return row && toMessage(row)
}

/** All messages of a conversation in the order they were written. */
export function listMessages(db: HistoryDatabase, conversationId: number): Message[] {
  return prepared<[number], MessageRow>(db, 'SELECT * FROM messages WHERE conversation_id = ? ORDER BY id')
    .all(conversationId)
    .map(toMessage)
}

/** Appends streamed text to a reply that is still streaming. */
export function appendToMessage(
  db: HistoryDatabase,
  id: number,
  text: { content: string; reasoning: string }
): void {
  prepared(db, 
    'UPDATE messages SET content = content || ?, reasoning = reasoning || ? WHERE id = ?'
  ).run(text.content, text.reasoning, id)
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
  }
): Message {
  const row = prepared<
      [string, string | null, number | null, number | null, number | null, string | null, number],
      MessageRow
    >(db, 
      `UPDATE messages SET status = ?, finish_reason = ?, prompt_tokens = ?, completion_tokens = ?,
       reasoning_tokens = ?, error = ? WHERE id = ? RETURNING *`
    )
    .get(
      end.status,
      end.finishReason,
      end.usage?.promptTokens ?? null,
      end.usage?.completionTokens ?? null,
      end.usage?.reasoningTokens ?? null,
      end.error && JSON.stringify(end.error),
      id
    )
  return toMessage(row!)
}

/** Deletes one message. */
export function deleteMessage(db: HistoryDatabase, id: number): void {
  prepared(db, 'DELETE FROM messages WHERE id = ?').run(id)
}

/** Replies left 'streaming' by a crash or quit become 'interrupted'; their text stays. */
export function markInterrupted(db: HistoryDatabase): number {
  return prepared(db, "UPDATE messages SET status = 'interrupted' WHERE status = 'streaming'").run()
    .changes
}

/** Up to `limit` messages before (or after) a message of the conversation, oldest first. */
export function messagesBeside(
  db: HistoryDatabase,
  conversationId: number,
  side: { before: number } | { after: number },
  limit: number
): { messages: Message[]; hasMore: boolean } {
  // One more than asked tells whether there are more.
  const rows =
    'before' in side
      ? prepared<[number, number, number], MessageRow>(
          db,
          'SELECT * FROM messages WHERE conversation_id = ? AND id < ? ORDER BY id DESC LIMIT ?'
        )
          .all(conversationId, side.before, limit + 1)
          .reverse()
      : prepared<[number, number, number], MessageRow>(
          db,
          'SELECT * FROM messages WHERE conversation_id = ? AND id > ? ORDER BY id LIMIT ?'
        ).all(conversationId, side.after, limit + 1)
  const hasMore = rows.length > limit
  const page = hasMore ? ('before' in side ? rows.slice(1) : rows.slice(0, limit)) : rows
  return { messages: page.map(toMessage), hasMore }
}

/**
 * A page of a conversation's messages, oldest first: the latest `limit`, or about `limit` around
 * the message `around` (for a search hit), with whether older and newer ones exist.
 */
export function pageOfMessages(
  db: HistoryDatabase,
  conversationId: number,
  args: { around?: number; limit: number }
): { messages: Message[]; hasOlder: boolean; hasNewer: boolean } {
  if (args.around === undefined) {
    const older = messagesBeside(db, conversationId, { before: Number.MAX_SAFE_INTEGER }, args.limit)
    return { messages: older.messages, hasOlder: older.hasMore, hasNewer: false }
  }
  const center = getMessage(db, args.around)
  if (!center || center.conversationId !== conversationId) return pageOfMessages(db, conversationId, { limit: args.limit })
  const half = Math.max(1, Math.floor(args.limit / 2))
  const older = messagesBeside(db, conversationId, { before: center.id }, half)
  const newer = messagesBeside(db, conversationId, { after: center.id }, half)
  return {
    messages: [...older.messages, center, ...newer.messages],
    hasOlder: older.hasMore,
    hasNewer: newer.hasMore
  }
}
