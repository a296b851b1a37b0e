// The candidates of a filtered search (searchPlan.ts): the message ids that the narrow filters'
// indexes list, intersected, within the date range. docs/search.md, "Filters: which side
// drives".
import type { SearchFilters } from '../../shared/search'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

/**
 * The filters as the SQL binds them: every one present, null for "no filter"; SQLite has no
 * booleans (archived: 1 includes archived conversations; pinned: 1 keeps to pinned ones).
 */
export type BoundFilters = {
  [K in Exclude<keyof SearchFilters, 'archived' | 'pinned'>]-?: Exclude<
    SearchFilters[K],
    undefined
  > | null
} & { archived: 0 | 1; pinned: 0 | 1 }

/** Bounds on message ids (inclusive; null for none) that the date filter allows. */
export interface IdBounds {
  low: number | null
  high: number | null
}

/**
 * A narrow filter's candidate message ids, newest first: a superset of what the filters keep.
 * `take(at, n)` gives the n candidates from position `at`.
 */
export interface Candidates {
  size: number
  /** The lowest candidate id: a walked hit below it cannot match. */
  lowest: number
  /** The highest candidate id: hits above it are walked past. */
  highest: number
  has(id: number): boolean
  take(at: number, n: number): number[]
}

const listed = (ids: number[]): Candidates => {
  const set = new Set(ids)
  return {
    size: ids.length,
    lowest: ids.at(-1) ?? 0,
    highest: ids[0] ?? 0,
    has: (id) => set.has(id),
    take: (at, n) => ids.slice(at, at + n)
  }
}

/** Most candidates a narrow filter may have; more, and the filter is checked on walked hits. */
const NARROW_CANDIDATES = 16_000
/**
 * Most candidates a source may list when there are others to intersect it with: two filters
 * that each keep 2–5% of the history may keep 0.1% together. Listing reads index entries only,
 * some 0.1 µs each, so a source listed in vain costs a few milliseconds at most.
 */
const INTERSECTED_CANDIDATES = 50_000

/**
 * The candidate ids of the narrowest filter set, newest first, from its index (a superset of
 * the messages every filter keeps): the intersection of the sources that list at most
 * NARROW_CANDIDATES (INTERSECTED_CANDIDATES when there are several; a source of conversations
 * that would hold twice as many at their average length is not listed); null when it has more
 * than NARROW_CANDIDATES. Reads only index entries.
 */
export function narrowCandidates(
  db: HistoryDatabase,
  filters: BoundFilters,
  range: IdBounds
): Candidates | null {
  // null: more than the cap, known without listing them.
  const sources: Array<() => number[] | null> = []
  let cap = NARROW_CANDIDATES
  const ids = (sql: string, ...params: unknown[]) =>
    prepared<unknown[], number>(db, sql)
      .pluck()
      .all(...params, cap + 1)
  if (filters.conversation !== null) {
    const id = filters.conversation
    sources.push(() =>
      ids('SELECT id FROM messages WHERE conversation_id = ? ORDER BY id DESC LIMIT ?', id)
    )
  }
  if (filters.has !== null) {
    const kinds = filters.has === 'image' ? ['image'] : ['document', 'video']
    sources.push(() =>
      kinds.flatMap((kind) =>
        ids('SELECT DISTINCT message_id FROM message_attachments WHERE kind = ? LIMIT ?', kind)
      )
    )
  }
  // The messages of the conversations that `where` keeps; null, without listing them, when the
  // conversations are so many that at the average length they would hold twice the cap.
  const inConversations = (where: string, ...params: unknown[]) => {
    const most = Math.ceil((2 * cap) / messagesPerConversation(db))
    const chats = prepared<unknown[], number>(
      db,
      `SELECT count(*) FROM (SELECT 1 FROM conversations c WHERE ${where} LIMIT ?)`
    )
      .pluck()
      .get(...params, most + 1)!
    if (chats > most) return null
    return ids(
      `SELECT m.id FROM conversations c
       CROSS JOIN messages m INDEXED BY messages_by_conversation ON m.conversation_id = c.id
       WHERE ${where} LIMIT ?`,
      ...params
    )
  }
  if (filters.project !== null) {
    const project = filters.project
    sources.push(() => inConversations('c.project_id = ?', project))
  }
  if (filters.pinned === 1) sources.push(() => inConversations('c.pinned_at IS NOT NULL'))
  if (filters.model !== null) {
    const model = filters.model
    // Its replies, and every message of the conversations set to it (their questions).
    sources.push(() => {
      const replies = ids('SELECT id FROM messages WHERE model = ? LIMIT ?', model)
      const questions = replies.length > cap ? null : inConversations('c.model = ?', model)
      return questions && [...replies, ...questions]
    })
  }
  // Every source small enough, intersected: two filters that each keep 2% may keep 0.04%.
  if (sources.length > 1) cap = INTERSECTED_CANDIDATES
  let best: number[] | null = null
  for (const source of sources) {
    const found = source()
    if (!found || found.length > cap) continue
    best = best ? intersect(best, found) : found
    if (!best.length) break
  }
  // A source alone beyond NARROW_CANDIDATES, or an intersection as large, is broad after all.
  if (!best || best.length > NARROW_CANDIDATES) return null
  // Within the date range (or below a cursor). A range alone lists nothing: the walk seeks its
  // bounds in the word's hits.
  const unique = [...new Set(best)].filter(
    (id) => (range.low === null || id >= range.low) && (range.high === null || id <= range.high)
  )
  return listed(unique.sort((a, b) => b - a))
}

/**
 * Messages per conversation on average, by their highest ids (ids are never reused, so
 * deletions count on both sides): what a list of conversations holds, told before listing it.
 */
function messagesPerConversation(db: HistoryDatabase): number {
  const top = (table: 'messages' | 'conversations') =>
    prepared<[], number | null>(db, `SELECT max(id) FROM ${table}`).pluck().get() ?? 0
  return Math.max(1, top('messages') / Math.max(1, top('conversations')))
}

/**
 * The ids of `a` that are in `b` (order of `a` kept), through a bitmap over the ids of `b` (a Set
 * where the ids run far beyond the lists' lengths).
 */
function intersect(a: number[], b: number[]): number[] {
  let top = 0
  for (const id of b) if (id > top) top = id
  if (top > 16 * (a.length + b.length) + 1_000_000) {
    const inB = new Set(b)
    return a.filter((id) => inB.has(id))
  }
  const inB = new Uint8Array(top + 1)
  for (const id of b) inB[id] = 1
  return a.filter((id) => id <= top && inB[id] === 1)
}
