// Find in a chat's request and answer (contract.ts names the channel; find.ts does the matching,
// kept apart from the schema so the renderer's find code carries no zod).
import { z } from 'zod'

/**
 * findInConversation: a query's matches per message of the conversation's current branch; an
 * empty query finds nothing and prepares the branch (main folds it for the next).
 */
export const findRequestSchema = z
  .object({ conversationId: z.number().int().positive(), query: z.string().max(1000) })
  .strict()

/** What main found for a query in a conversation's current branch. */
export interface FindResult {
  /** The query as asked (the renderer drops an answer to an older one). */
  query: string
  /** All matches in the branch. */
  total: number
  /** The messages that hold matches, oldest first, with how many each holds. */
  hits: Array<{ messageId: number; count: number }>
}
