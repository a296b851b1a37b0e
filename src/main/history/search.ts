// Offline full-text search over message text, reasoning and conversation titles (migration 2).
// The semantics are written down in docs/search.md; searchText.ts implements the text side.
import type {
  MessageHit,
  MessageRole,
  SearchCursor,
  SearchGroup,
  SearchHit,
  SearchPage,
  SnippetPart,
  TitleHit
} from '../../shared/contract'
import type { HistoryDatabase } from './database'
import { buildSnippet, ftsMatchExpression, parseQuery, type SearchTerm } from './searchText'

export type { MessageHit, SearchCursor, SearchGroup, SearchHit, SearchPage, SnippetPart, TitleHit }

export interface SearchArgs {
  /** What the user typed. Blank (or no letter or digit) gives an empty page at once. */
  query: string
  /** Only hits of this model id. */
  model?: string
  /** Only hits at or after this time (ms since the epoch, inclusive). */
  from?: number
  /** Only hits before this time (ms since the epoch, exclusive). */
  to?: number
  /** Page size, 1–200; default 50. */
  limit?: number
  /** The `next` of the previous page. */
  before?: SearchCursor
}

export const DEFAULT_SEARCH_LIMIT = 50
export const MAX_SEARCH_LIMIT = 200

interface MessageHitRow {
  id: number
  conversation_id: number
  role: MessageRole
  model: string
  content: string
  reasoning: string
  created_at: number
  title: string
  attachment_names: string | null
}

interface TitleHitRow {
  id: number
  title: string
  model: string
  updated_at: number
  last_message_id: number
}

interface Filters {
  match: string
  model: string | null
  from: number | null
  to: number | null
}

const SNIPPET_WIDTH = 100

/** One page of hits for a query, newest first, with snippets (keyset paging). */
export function searchMessages(db: HistoryDatabase, args: SearchArgs): SearchPage {
  const terms = parseQuery(args.query)
  if (!terms.length) return { results: [], next: null }
  const limit = Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(args.limit ?? DEFAULT_SEARCH_LIMIT)))
  const filters: Filters = {
    match: ftsMatchExpression(terms),
    model: args.model ?? null,
    from: args.from ?? null,
    to: args.to ?? null
  }
  const before = args.before

  // Message ids below this bound come after the cursor (a title hit at key k sorts above message k).
  const below = before ? (before.rank === 1 ? before.key + 1 : before.key) : null
  const messageRows = db
    .prepare<Filters & { below: number | null; limit: number }, MessageHitRow>(
      // CROSS JOIN keeps the FTS table outermost, so it walks its hits newest first and stops.
      `SELECT m.id, m.conversation_id, m.role, coalesce(m.model, c.model) AS model, m.content,
              m.reasoning, m.created_at, c.title,
              (SELECT group_concat(a.name, ' ') FROM message_attachments a WHERE a.message_id = m.id)
                AS attachment_names
       FROM message_search s
       CROSS JOIN messages m ON m.id = s.rowid
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE message_search MATCH @match
         AND (@below IS NULL OR s.rowid < @below)
         AND (@model IS NULL OR coalesce(m.model, c.model) = @model)
         AND (@from IS NULL OR m.created_at >= @from)
         AND (@to IS NULL OR m.created_at < @to)
       ORDER BY s.rowid DESC
       LIMIT @limit`
    )
    .all({ ...filters, below, limit: limit + 1 })

  const titleRows = db
    .prepare<Filters, TitleHitRow>(
      `SELECT c.id, c.title, c.model, c.updated_at,
              coalesce((SELECT max(m.id) FROM messages m WHERE m.conversation_id = c.id), 0)
                AS last_message_id
       FROM conversation_search s
       CROSS JOIN conversations c ON c.id = s.rowid
       WHERE conversation_search MATCH @match
         AND (@model IS NULL OR c.model = @model)
         AND (@from IS NULL OR c.updated_at >= @from)
         AND (@to IS NULL OR c.updated_at < @to)`
    )
    .all(filters)
    .filter((row) => !before || compareKeys(titleKey(row), before) < 0)
    .sort((a, b) => compareKeys(titleKey(b), titleKey(a)))

  // Merge the two newest-first lists.
  const page: Array<{ message: MessageHitRow } | { title: TitleHitRow }> = []
  let m = 0
  let t = 0
  while (page.length < limit + 1 && (m < messageRows.length || t < titleRows.length)) {
    const takeTitle =
      t < titleRows.length &&
      (m >= messageRows.length || compareKeys(titleKey(titleRows[t]), messageKey(messageRows[m])) > 0)
    page.push(takeTitle ? { title: titleRows[t++] } : { message: messageRows[m++] })
  }
  const hasMore = page.length > limit
  const shown = page.slice(0, limit)
  const results = shown.map((item) =>
    'title' in item ? toTitleHit(item.title, terms) : toMessageHit(item.message, terms)
  )
  const last = shown.at(-1)
  return {
    results,
    next:
      hasMore && last ? ('title' in last ? titleKey(last.title) : messageKey(last.message)) : null
  }
}

/** Every message id matching the query (content or reasoning), newest first; no snippets. */
export function searchAllMessageIds(db: HistoryDatabase, query: string): number[] {
  const terms = parseQuery(query)
  if (!terms.length) return []
  return db
    .prepare<[string], number>(
      'SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC'
    )
    .pluck()
    .all(ftsMatchExpression(terms))
}

/**
 * Groups hits by conversation: groups in the order of their newest hit, hits in result order.
 * Pass every page loaded so far; a conversation's hits may arrive on several pages.
 */
export function groupByConversation(results: readonly SearchHit[]): SearchGroup[] {
  const groups = new Map<number, SearchGroup>()
  for (const hit of results) {
    let group = groups.get(hit.conversationId)
    if (!group) {
      group = { conversationId: hit.conversationId, conversationTitle: hit.conversationTitle, results: [] }
      groups.set(hit.conversationId, group)
    }
    group.results.push(hit)
  }
  return [...groups.values()]
}

const messageKey = (row: MessageHitRow): SearchCursor => ({
  key: row.id,
  rank: 0,
  conversationId: row.conversation_id
})
const titleKey = (row: TitleHitRow): SearchCursor => ({
  key: row.last_message_id,
  rank: 1,
  conversationId: row.id
})
const compareKeys = (a: SearchCursor, b: SearchCursor): number =>
  a.key - b.key || a.rank - b.rank || a.conversationId - b.conversationId

function toMessageHit(row: MessageHitRow, terms: SearchTerm[]): MessageHit {
  const inContent = buildSnippet(row.content, terms, SNIPPET_WIDTH)
  const inReasoning = inContent ? null : buildSnippet(row.reasoning, terms, SNIPPET_WIDTH)
  const inNames =
    inContent || inReasoning ? null : buildSnippet(row.attachment_names ?? '', terms, SNIPPET_WIDTH)
  const field = inReasoning ? 'reasoning' : inNames ? 'attachment' : 'content'
  return {
    field,
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    role: row.role,
    model: row.model,
    createdAt: row.created_at,
    // Terms split between text and reasoning: the text's own matches, or its start.
    snippet: inContent ?? inReasoning ?? inNames ?? plainSnippet(row.content)
  }
}

function toTitleHit(row: TitleHitRow, terms: SearchTerm[]): TitleHit {
  return {
    field: 'title',
    messageId: null,
    conversationId: row.id,
    conversationTitle: row.title,
    role: null,
    model: row.model,
    createdAt: row.updated_at,
    snippet: buildSnippet(row.title, terms, SNIPPET_WIDTH) ?? plainSnippet(row.title)
  }
}

function plainSnippet(text: string): SnippetPart[] {
  const cut = text.length > SNIPPET_WIDTH
  return [{ text: text.slice(0, SNIPPET_WIDTH).replace(/\s+/g, ' ') + (cut ? '…' : ''), match: false }]
}
