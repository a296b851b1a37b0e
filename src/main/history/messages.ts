import type {
  AppErrorInfo,
  Message,
  MessageRole,
  MessageStatus,
  Usage
} from '../../shared/contract'
import type { HistoryDatabase } from './database'
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
