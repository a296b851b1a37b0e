// Pages of a conversation's current path: the latest, the ones before or after a message, and
// the one around a search hit. The path itself (leaf, branches) is messages.ts.
import type { Message } from '../../shared/types'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { getMessage, pathIdsDownTo, withVersions, type MessageRow } from './messages'

/** The messages of the current path right after `messageId`, oldest first (one more than `limit`). */
function pathAfter(
  db: HistoryDatabase,
  conversationId: number,
  messageId: number,
  limit: number
): MessageRow[] {
  const row = prepared<[number], MessageRow>(db, 'SELECT * FROM messages WHERE id = ?')
  return pathIdsDownTo(db, conversationId, messageId)
    .filter((id) => id > messageId)
    .reverse()
    .slice(0, limit + 1)
    .map((id) => row.get(id)!)
}

/**
 * Up to `limit` messages of the conversation's current path before (or after) a message on it,
 * oldest first. Along a path ids only grow (a message is written after its parent).
 */
export function messagesBeside(
  db: HistoryDatabase,
  conversationId: number,
  side: { before: number } | { after: number },
  limit: number
): { messages: Message[]; hasMore: boolean } {
  // One more than asked tells whether there are more.
  const rows =
    'before' in side
      ? side.before === Number.MAX_SAFE_INTEGER
        ? // The latest page: up from the current leaf.
          prepared<[number, number, number], MessageRow>(
            db,
            `WITH RECURSIVE up(id) AS (
               SELECT current_leaf_id FROM conversations WHERE id = ? AND current_leaf_id IS NOT NULL
               UNION ALL
               SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL LIMIT ?
             )
             SELECT messages.* FROM up CROSS JOIN messages ON messages.id = up.id
             WHERE messages.conversation_id = ? ORDER BY messages.id`
          ).all(conversationId, limit + 1, conversationId)
        : // Up from the message's parent: only as far as the page goes.
          prepared<[number, number, number, number], MessageRow>(
            db,
            `WITH RECURSIVE up(id) AS (
               SELECT parent_id FROM messages WHERE id = ? AND conversation_id = ? AND parent_id IS NOT NULL
               UNION ALL
               SELECT m.parent_id FROM messages m JOIN up ON m.id = up.id WHERE m.parent_id IS NOT NULL LIMIT ?
             )
             SELECT messages.* FROM up CROSS JOIN messages ON messages.id = up.id
             WHERE messages.conversation_id = ? ORDER BY messages.id`
          ).all(side.before, conversationId, limit + 1, conversationId)
      : // Up from the current leaf until the message: the rest of the path after it.
        pathAfter(db, conversationId, side.after, limit)
  const hasMore = rows.length > limit
  const page = hasMore ? ('before' in side ? rows.slice(1) : rows.slice(0, limit)) : rows
  return { messages: page.map((row) => withVersions(db, row)), hasMore }
}

/**
 * A page of the conversation's current path, oldest first: the latest `limit` messages, or about
 * `limit` around the message `around` (for a search hit), with whether older and newer ones exist.
 * The caller shows the hit's branch first (showBranchOf) when it may be on another one.
 */
export function pageOfMessages(
  db: HistoryDatabase,
  conversationId: number,
  args: { around?: number; limit: number }
): { messages: Message[]; hasOlder: boolean; hasNewer: boolean } {
  if (args.around === undefined) {
    const older = messagesBeside(
      db,
      conversationId,
      { before: Number.MAX_SAFE_INTEGER },
      args.limit
    )
    return { messages: older.messages, hasOlder: older.hasMore, hasNewer: false }
  }
  const center = getMessage(db, args.around)
  // One walk from the leaf down to the message says whether it is on the path and what follows it.
  const below =
    center && center.conversationId === conversationId
      ? pathIdsDownTo(db, conversationId, center.id)
      : []
  if (!center || below.at(-1) !== center.id)
    return pageOfMessages(db, conversationId, { limit: args.limit })
  const half = Math.max(1, Math.floor(args.limit / 2))
  const older = messagesBeside(db, conversationId, { before: center.id }, half)
  const row = prepared<[number], MessageRow>(db, 'SELECT * FROM messages WHERE id = ?')
  const newerIds = below.slice(0, -1).reverse()
  return {
    messages: [
      ...older.messages,
      center,
      ...newerIds.slice(0, half).map((id) => withVersions(db, row.get(id)!))
    ],
    hasOlder: older.hasMore,
    hasNewer: newerIds.length > half
  }
}
