// Search filters and results as they cross the boundary, and grouping results by conversation.
// No zod here: the first screen loads it (the requests' schemas are in searchSchemas.ts).
import type { MessageRole } from './types'

/** What a message carries, for the `has` filter: an image, or a file (a document or video). */
export const SEARCH_HAS = ['image', 'file'] as const

/**
 * What narrows a search besides its query: a model, a time range in milliseconds (`from`
 * inclusive, `to` exclusive), a project (its id), who wrote the message, one conversation (its
 * id), pinned conversations only, and messages that carry an image or a file. Absent means no
 * filter. Archived conversations are left out unless `archived` is true. A title is not a
 * message: with `role` or `has` set, no title hits come back.
 */
export interface SearchFilters {
  model?: string
  from?: number
  to?: number
  archived?: boolean
  project?: number
  role?: 'user' | 'assistant'
  conversation?: number
  pinned?: boolean
  has?: (typeof SEARCH_HAS)[number]
}

export type SearchFilterName = keyof SearchFilters
// Every filter once (searchFiltersSchema in searchSchemas.ts has these fields, in this order).
const FILTERS: Record<SearchFilterName, true> = {
  model: true,
  from: true,
  to: true,
  archived: true,
  project: true,
  role: true,
  conversation: true,
  pinned: true,
  has: true
}
export const SEARCH_FILTER_NAMES = Object.keys(FILTERS) as SearchFilterName[]

/** A piece of a search snippet; `match` pieces are what the query matched, to highlight. */
export interface SnippetPart {
  text: string
  match: boolean
}

/**
 * Where a hit was found: a message's text, its reasoning, its attachments' names, the text read
 * in one of its images, or a title.
 */
export type SearchField = 'content' | 'reasoning' | 'attachment' | 'image' | 'document' | 'title'

/**
 * Position in the result order, passed back as `before` for the next page. Results run newest
 * first: a message by its id (the order messages were written); a title hit sits just above the
 * latest message of its conversation (key = that message's id, 0 for an empty conversation).
 */
export interface SearchCursor {
  key: number
  /** 1 for a title hit, 0 for a message hit: a title sorts above a message with the same key. */
  rank: 0 | 1
  conversationId: number
}

export interface HitBase {
  conversationId: number
  conversationTitle: string
  /** The message's model; a user message (which has none) gets its conversation's model. */
  model: string
  /** Milliseconds: when the message was written; for a title hit, the conversation's last activity. */
  createdAt: number
  /** The conversation is archived (only found with the `archived` filter). */
  archived: boolean
  /** A window of the matched text (~100 characters) with every match marked. */
  snippet: SnippetPart[]
}

/** The image whose recognized text matched (field 'image'): show it, highlight it on opening. */
export interface HitImage {
  sha256: string
  name: string
  /** Its thumbnail's URL (main fills it in; null where none is served). */
  thumbnailUrl: string | null
}

/** A match in a message: open the conversation scrolled to messageId. */
export interface MessageHit extends HitBase {
  field: 'content' | 'reasoning' | 'attachment' | 'image' | 'document'
  messageId: number
  role: MessageRole
  /** For a match inside an image's text, or a document's (field 'document'): that file. */
  image?: HitImage
}

/** A match in a conversation's title: open the conversation where it opens by default. */
export interface TitleHit extends HitBase {
  field: 'title'
  messageId: null
  role: null
}

export type SearchHit = MessageHit | TitleHit

export interface SearchPage {
  results: SearchHit[]
  /** Pass back as `before` for the next page; null when there is none. */
  next: SearchCursor | null
  /** A newer search from the same search box (`typing`) came first: this one was abandoned. */
  superseded?: true
}

/** A conversation's hits, in result order. */
export interface SearchGroup {
  conversationId: number
  conversationTitle: string
  results: SearchHit[]
}

/**
 * Groups search hits by conversation: groups in the order of their newest hit, hits in result
 * order. Pass every page loaded so far; a conversation's hits may arrive on several pages.
 */
export function groupByConversation(results: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<number, SearchGroup>()
  for (const hit of results) {
    let group = groups.get(hit.conversationId)
    if (!group) {
      group = {
        conversationId: hit.conversationId,
        conversationTitle: hit.conversationTitle,
        results: []
      }
      groups.set(hit.conversationId, group)
    }
    group.results.push(hit)
  }
  return [...groups.values()]
}

// Find in a chat's answer (find.ts does the matching, searchSchemas.ts has the request).
/** What main found for a query in a conversation's current branch. */
export interface FindResult {
  /** The query as asked (the renderer drops an answer to an older one). */
  query: string
  /** All matches in the branch. */
  total: number
  /** The messages that hold matches, oldest first, with how many each holds. */
  hits: Array<{ messageId: number; count: number }>
}
