// The search and find requests' schemas (search.ts has the rest, without zod).
import { z } from 'zod'
import { modelIdSchema } from './modelSchemas'
import { SEARCH_HAS, type SearchFilters } from './search'

/** SearchFilters (search.ts), each checked; its fields are SEARCH_FILTER_NAMES. */
export const searchFiltersSchema = z
  .object({
    model: modelIdSchema.optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    archived: z.boolean().optional(),
    project: z.number().int().positive().optional(),
    role: z.enum(['user', 'assistant']).optional(),
    conversation: z.number().int().positive().optional(),
    pinned: z.boolean().optional(),
    has: z.enum(SEARCH_HAS).optional()
  })
  .strict() satisfies z.ZodType<SearchFilters>

/** A search request: its query and filters; the first page, or the one after `before`. */
export const searchRequestSchema = z
  .object({
    query: z.string().max(1000),
    ...searchFiltersSchema.shape,
    /** Hits on this page (default 50). */
    limit: z.number().int().min(1).max(200).optional(),
    /** The asking search box's id: its newer search abandons this one (`superseded`). */
    typing: z.string().min(1).max(64).optional(),
    before: z
      .object({
        key: z.number().int().min(0),
        rank: z.union([z.literal(0), z.literal(1)]),
        conversationId: z.number().int().positive()
      })
      .strict()
      .optional()
  })
  .strict()

/**
 * findInConversation: a query's matches per message of the conversation's current branch; an
 * empty query finds nothing and prepares the branch (main folds it for the next).
 */
export const findRequestSchema = z
  .object({ conversationId: z.number().int().positive(), query: z.string().max(1000) })
  .strict()
