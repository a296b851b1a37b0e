// Offline full-text search over message text, reasoning and titles (migration 2); semantics in
// docs/search.md, the text side in searchQuery.ts and db/searchText.ts.
import {
  SEARCH_FILTER_NAMES,
  type MessageHit,
  type SearchCursor,
  type SearchFilters,
  type SearchHit,
  type SearchPage,
  type SnippetPart,
  type TitleHit
} from '../../shared/search'
import type { MessageRole } from '../../shared/types'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'
import { idRange } from './searchDates'
import type { BoundFilters } from './searchCandidates'
import { findMessageIds } from './searchPlan'
import { buildSnippet, ftsMatchExpression, parseQuery, type SearchTerm } from './searchQuery'
import { runToEnd } from './searchRuns'
import { prefixExpander } from './searchVocab'

export type { SearchCursor, SearchHit, SearchPage }
export { groupByConversation } from '../../shared/search'

/**
 * A query, the contract's filters (model, from inclusive, to exclusive, archived conversations
 * included), and a page.
 */
export interface SearchArgs extends SearchFilters {
  /** What the user typed. Blank (or no letter or digit) gives an empty page at once. */
  query: string
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
  archived: 0 | 1
  attachment_names: string | null
  /** JSON: [{sha256, name, text}] of the message's images whose text was read. */
  image_texts: string | null
  /** JSON: [{sha256, name, text}] of the message's documents. */
  document_texts: string | null
}

interface TitleHitRow {
  id: number
  title: string
  model: string
  updated_at: number
  archived: 0 | 1
  last_message_id: number
}

const boundFilters = (args: SearchFilters): BoundFilters =>
  Object.fromEntries(
    SEARCH_FILTER_NAMES.map((name) => [
      name,
      name === 'archived' || name === 'pinned' ? (args[name] ? 1 : 0) : (args[name] ?? null)
    ])
  ) as BoundFilters

const SNIPPET_WIDTH = 100

/** One page of hits for a query, newest first, with snippets (keyset paging). */
export const searchMessages = (db: HistoryDatabase, args: SearchArgs): SearchPage =>
  runToEnd(searchSteps(db, args))

/** Hits whose snippets are built in one step of searchSteps. */
const SNIPPETS_PER_STEP = 10

/** searchMessages in steps (yields): after the messages, the titles, each SNIPPETS_PER_STEP hits. */
export function* searchSteps(
  db: HistoryDatabase,
  args: SearchArgs
): Generator<void, SearchPage, void> {
  const terms = parseQuery(args.query)
  if (!terms.length) return { results: [], next: null }
  const limit = Math.min(
    MAX_SEARCH_LIMIT,
    Math.max(1, Math.floor(args.limit ?? DEFAULT_SEARCH_LIMIT))
  )
  const filters = boundFilters(args)
  const messageMatch = ftsMatchExpression(terms, prefixExpander(db, 'message_search'))
  const messageRows = messageMatch
    ? findMessageRows(db, { match: messageMatch, terms }, filters, args.before, limit + 1)
    : []
  yield
  // A title is not a message: it has no role and carries no files.
  const titleMatch =
    filters.role === null && filters.has === null
      ? ftsMatchExpression(terms, prefixExpander(db, 'conversation_search'))
      : null
  const titleRows = titleMatch
    ? pageTitleRows(db, titleMatch, filters, args.before, messageRows, limit)
    : []
  yield

  // Merge the two newest-first lists.
  const page: Array<{ message: MessageHitRow } | { title: TitleHitRow }> = []
  let m = 0
  let t = 0
  while (page.length < limit + 1 && (m < messageRows.length || t < titleRows.length)) {
    const takeTitle =
      t < titleRows.length &&
      (m >= messageRows.length ||
        compareKeys(titleKey(titleRows[t]), messageKey(messageRows[m])) > 0)
    page.push(takeTitle ? { title: titleRows[t++] } : { message: messageRows[m++] })
  }
  const shown = page.slice(0, limit)
  const last = shown.at(-1)
  const results: SearchHit[] = []
  for (const item of shown) {
    if (results.length > 0 && results.length % SNIPPETS_PER_STEP === 0) yield
    results.push(
      'title' in item ? toTitleHit(item.title, terms) : toMessageHit(item.message, terms)
    )
  }
  return {
    results,
    next:
      page.length > limit && last
        ? 'title' in last
          ? titleKey(last.title)
          : messageKey(last.message)
        : null
  }
}

/** Up to `count` matching messages after the cursor, newest first. */
function findMessageRows(
  db: HistoryDatabase,
  query: { match: string; terms: SearchTerm[] },
  filters: BoundFilters,
  before: SearchCursor | undefined,
  count: number
): MessageHitRow[] {
  // Message ids below this bound come after the cursor (a title hit at key k sorts above message k).
  const below = before ? (before.rank === 1 ? before.key + 1 : before.key) : null
  const ids = findMessageIds(db, query, filters, below, idRange(db, filters), count)
  if (!ids.length) return []
  const rows = db
    .prepare<[string], MessageHitRow>(
      `SELECT m.id, m.conversation_id, m.role, coalesce(m.model, c.model) AS model, m.content,
              m.reasoning, m.created_at, c.title, c.archived_at IS NOT NULL AS archived,
              (SELECT group_concat(a.name, ' ') FROM message_attachments a WHERE a.message_id = m.id)
                AS attachment_names,
              (SELECT json_group_array(json_object('sha256', a.sha256, 'name', a.name, 'text', t.text))
               FROM message_attachments a JOIN image_text t ON t.sha256 = a.sha256
               WHERE a.message_id = m.id AND t.status = 'done' AND t.text <> '') AS image_texts,
              (SELECT json_group_array(json_object('sha256', a.sha256, 'name', a.name, 'text', d.text))
               FROM message_attachments a JOIN document_text d ON d.sha256 = a.sha256
               WHERE a.message_id = m.id) AS document_texts
       FROM json_each(?) j
       CROSS JOIN messages m ON m.id = j.value
       CROSS JOIN conversations c ON c.id = m.conversation_id
       ORDER BY m.id DESC`
    )
    .all(JSON.stringify(ids))
  return rows
}

/**
 * The title hits a page can hold, in result order. A title sorts by its conversation's last
 * message. With more than a page of message hits within the last RECENT_SPAN messages, a title
 * can enter the page only if its conversation has a message at or above the last of them: only
 * those conversations are matched. Otherwise, when the conversations written to in the last
 * RECENT_SPAN messages (above the cursor) have, with the message hits there, more than a page of
 * hits, no other title can enter the page. Tried before ranking every title hit (a word in
 * 70,000 titles: 100 ms at 1M).
 */
const RECENT_SPAN = 16_000
function pageTitleRows(
  db: HistoryDatabase,
  match: string,
  filters: BoundFilters,
  before: SearchCursor | undefined,
  messageRows: MessageHitRow[],
  limit: number
): TitleHitRow[] {
  const top =
    before?.key ?? db.prepare<[], number | null>('SELECT max(id) FROM messages').pluck().get() ?? 0
  const lowest = messageRows.length > limit ? (messageRows.at(-1)?.id ?? null) : null
  if (lowest !== null && top - lowest < RECENT_SPAN) {
    return findTitleRows(db, match, filters, before, lowest)
  }
  const since = top - RECENT_SPAN
  if (since > 0) {
    const rows = findTitleRows(db, match, filters, before, since)
    if (rows.length + messageRows.filter((row) => row.id >= since).length > limit) return rows
  }
  return findTitleRows(db, match, filters, before, null)
}

/** Every conversation whose title matches, after the cursor, in result order. */
function findTitleRows(
  db: HistoryDatabase,
  match: string,
  filters: BoundFilters,
  before: SearchCursor | undefined,
  since: number | null
): TitleHitRow[] {
  // With `since`: the conversations written to since then (from the covering index: the rows
  // would bring their text), against the ids of the matching titles between the lowest and the
  // highest of them (FTS5 seeks the bounds; recent messages are mostly in recent conversations,
  // and a word in 30,000 titles costs milliseconds to list whole).
  const recent =
    since === null
      ? []
      : prepared<[number], number>(
          db,
          `SELECT DISTINCT conversation_id FROM messages INDEXED BY messages_search_facets
           WHERE id >= ?`
        )
          .pluck()
          .all(since)
  const source =
    since === null
      ? `conversation_search s CROSS JOIN conversations c ON c.id = s.rowid
         WHERE conversation_search MATCH @match`
      : `json_each(@recent) r CROSS JOIN conversations c ON c.id = r.value
         WHERE c.id IN (SELECT rowid FROM conversation_search WHERE conversation_search MATCH @match
           AND rowid >= CAST(@low AS INTEGER) AND rowid <= CAST(@high AS INTEGER))`
  const bounds = recent.length
    ? { low: Math.min(...recent), high: Math.max(...recent) }
    : { low: 0, high: -1 }
  return db
    .prepare<
      BoundFilters & { match: string; recent?: string; low?: number; high?: number },
      TitleHitRow
    >(
      `SELECT c.id, c.title, c.model, c.updated_at, c.archived_at IS NOT NULL AS archived,
              coalesce((SELECT max(m.id) FROM messages m WHERE m.conversation_id = c.id), 0)
                AS last_message_id
       FROM ${source}
         AND (@archived = 1 OR c.archived_at IS NULL)
         AND (@model IS NULL OR c.model = @model)
         AND (@from IS NULL OR c.updated_at >= @from)
         AND (@to IS NULL OR c.updated_at < @to)
         AND (@project IS NULL OR c.project_id = @project)
         AND (@conversation IS NULL OR c.id = @conversation)
         AND (@pinned = 0 OR c.pinned_at IS NOT NULL)`
    )
    .all({
      ...filters,
      match,
      ...(since === null ? {} : { recent: JSON.stringify(recent), ...bounds })
    })
    .filter((row) => !before || compareKeys(titleKey(row), before) < 0)
    .sort((a, b) => compareKeys(titleKey(b), titleKey(a)))
}

/**
 * Every message id the query matches (text, reasoning, attachment names), newest first; with
 * filters, through the same plans as a page.
 */
export function searchAllMessageIds(
  db: HistoryDatabase,
  query: string,
  filters?: SearchFilters
): number[] {
  const terms = parseQuery(query)
  if (!terms.length) return []
  const match = ftsMatchExpression(terms, prefixExpander(db, 'message_search'))
  if (!match) return []
  if (filters) {
    const bound = boundFilters(filters)
    return findMessageIds(db, { match, terms }, bound, null, idRange(db, bound), 2 ** 31)
  }
  return db
    .prepare<[string], number>(
      'SELECT rowid FROM message_search WHERE message_search MATCH ? ORDER BY rowid DESC'
    )
    .pluck()
    .all(match)
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
  const inImage = inContent || inReasoning || inNames ? null : fileSnippet(row.image_texts, terms)
  const inDocument =
    inContent || inReasoning || inNames || inImage ? null : fileSnippet(row.document_texts, terms)
  const field = inReasoning
    ? 'reasoning'
    : inNames
      ? 'attachment'
      : inImage
        ? 'image'
        : inDocument
          ? 'document'
          : 'content'
  const inFile = inImage ?? inDocument
  return {
    field,
    ...(inFile ? { image: inFile.image } : {}),
    messageId: row.id,
    conversationId: row.conversation_id,
    conversationTitle: row.title,
    archived: row.archived === 1,
    role: row.role,
    model: row.model,
    createdAt: row.created_at,
    // Terms split between text and reasoning: the text's own matches, or its start.
    snippet: inContent ?? inReasoning ?? inNames ?? inFile?.snippet ?? plainSnippet(row.content)
  }
}

/** The first of the message's images (or documents) whose text holds a term, with the snippet. */
function fileSnippet(
  texts: string | null,
  terms: SearchTerm[]
): { image: NonNullable<MessageHit['image']>; snippet: SnippetPart[] } | null {
  const images = JSON.parse(texts ?? '[]') as Array<{
    sha256: string
    name: string
    text: string
  }>
  for (const { sha256, name, text } of images) {
    const snippet = buildSnippet(text, terms, SNIPPET_WIDTH)
    if (snippet) return { image: { sha256, name, thumbnailUrl: null }, snippet }
  }
  return null
}

function toTitleHit(row: TitleHitRow, terms: SearchTerm[]): TitleHit {
  return {
    field: 'title',
    messageId: null,
    conversationId: row.id,
    conversationTitle: row.title,
    archived: row.archived === 1,
    role: null,
    model: row.model,
    createdAt: row.updated_at,
    snippet: buildSnippet(row.title, terms, SNIPPET_WIDTH) ?? plainSnippet(row.title)
  }
}

function plainSnippet(text: string): SnippetPart[] {
  const cut = text.length > SNIPPET_WIDTH
  return [
    { text: text.slice(0, SNIPPET_WIDTH).replace(/\s+/g, ' ') + (cut ? '…' : ''), match: false }
  ]
}
