// Which messages a filtered search finds, newest first: the plans behind searchMessages
// (search.ts). docs/search.md, "Filters: which side drives", explains the choice between them.
//
// FTS5 walks a word's hits newest first cheaply (well under a microsecond a hit) and seeks a
// bound on rowid (given as an integer: rowidBounds), and a hit checked against the filters costs
// about a microsecond more. So:
//
// - A broad filter (or none): walk the word's hits, check each against the filters in SQL, stop
//   after a page (`walkWithFilters`). A filter that keeps 1% of the history costs ~100 hits a
//   result.
// - A narrow filter (one conversation, pinned chats, a project, a model used rarely, messages
//   with files or images), or several together: its candidates, at most 16,000 message ids, come
//   from indexes (searchCandidates.ts). Two exact plans then race (each stepped in turn while it
//   has used less time than the other; once both have stepped, the one that looks sooner to
//   finish runs ahead, nextToStep), and the first to finish answers: walk the word's hits and
//   keep the candidates among them, or take the candidates newest first and test the query on
//   their folded text. A rare word finishes the first, a common word the second; neither reads
//   both sides whole.
import { performance } from 'node:perf_hooks'
import type { HistoryDatabase } from '../db/database'
import { foldText } from '../db/searchText'
import { prepared } from '../db/statements'
import {
  type BoundFilters,
  type Candidates,
  type IdBounds,
  narrowCandidates
} from './searchCandidates'
import { hasTerm, type SearchTerm } from './searchQuery'

// Every filter, on a message m of conversation c.
const FILTERS = `(@archived = 1 OR c.archived_at IS NULL)
  AND (@model IS NULL OR coalesce(m.model, c.model) = @model)
  AND (@from IS NULL OR m.created_at >= @from)
  AND (@to IS NULL OR m.created_at < @to)
  AND (@project IS NULL OR c.project_id = @project)
  AND (@role IS NULL OR m.role = @role)
  AND (@conversation IS NULL OR m.conversation_id = @conversation)
  AND (@pinned = 0 OR c.pinned_at IS NOT NULL)
  AND (@has IS NULL OR EXISTS (SELECT 1 FROM message_attachments a
    WHERE a.message_id = m.id AND (a.kind = 'image') = (@has = 'image')))`

/** Whether any filter other than the date range (served by id bounds) and archived is set. */
const hasNarrowingFilter = (f: BoundFilters): boolean =>
  f.model !== null ||
  f.project !== null ||
  f.role !== null ||
  f.conversation !== null ||
  f.pinned === 1 ||
  f.has !== null

/** One plan alone instead of the choice (tests compare each with a scan). */
export type PlanName = 'broad' | 'walk' | 'check'

/**
 * Up to `count` ids of messages that match the FTS expression and the filters, below `below`
 * (exclusive) and within the date bounds, newest first.
 */
export function findMessageIds(
  db: HistoryDatabase,
  query: { match: string; terms: SearchTerm[] },
  filters: BoundFilters,
  below: number | null,
  bounds: IdBounds,
  count: number,
  only?: PlanName
): number[] {
  // Both ends of the range are exclusive below, inclusive above: fold `below` into `high`.
  const high = below === null ? bounds.high : Math.min(below - 1, bounds.high ?? below - 1)
  const range = { low: bounds.low, high }
  if (range.low !== null && range.high !== null && range.low > range.high) return []
  const candidates =
    hasNarrowingFilter(filters) && only !== 'broad' ? narrowCandidates(db, filters, range) : null
  if (!candidates) return walkWithFilters(db, query.match, filters, range, count)
  return race(db, query, filters, candidates, range, count, only)
}

/** The word's hits newest first, each checked against the filters in SQL, until `count`. */
function walkWithFilters(
  db: HistoryDatabase,
  match: string,
  filters: BoundFilters,
  range: IdBounds,
  count: number
): number[] {
  return prepared<BoundFilters & IdBounds & { match: string; count: number }, number>(
    db,
    // CROSS JOIN keeps the FTS table outermost, so it walks its hits newest first and stops;
    // the covering index answers every filter on the message without reading its text.
    `SELECT s.rowid FROM message_search s
       CROSS JOIN messages m INDEXED BY messages_search_facets ON m.id = s.rowid
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE message_search MATCH @match
         AND ${rowidBounds('s.rowid', range)}
         AND ${FILTERS}
       ORDER BY s.rowid DESC
       LIMIT @count`
  )
    .pluck()
    .all({ ...filters, match, ...range, count })
}

/**
 * The SQL for the id bounds that are set, written so that FTS5 seeks them in the doclist (a
 * fraction of a millisecond) instead of walking down to them: a plain comparison (FTS5 is not
 * given `(@high IS NULL OR rowid <= @high)`) with an INTEGER value (better-sqlite3 binds a
 * JavaScript number as REAL, and FTS5 ignores a bound that is not an integer).
 */
const rowidBounds = (column: string, range: IdBounds): string =>
  [
    range.low === null ? '1' : `${column} >= CAST(@low AS INTEGER)`,
    range.high === null ? '1' : `${column} <= CAST(@high AS INTEGER)`
  ].join(' AND ')

/** Of `ids`, those every filter keeps (order kept). */
function keptByFilters(db: HistoryDatabase, filters: BoundFilters, ids: number[]): number[] {
  if (!ids.length) return []
  const kept = new Set(
    prepared<BoundFilters & { ids: string }, number>(
      db,
      `SELECT m.id FROM json_each(@ids) j
       CROSS JOIN messages m INDEXED BY messages_search_facets ON m.id = j.value
       CROSS JOIN conversations c ON c.id = m.conversation_id
       WHERE ${FILTERS}`
    )
      .pluck()
      .all({ ...filters, ids: JSON.stringify(ids) })
  )
  return ids.filter((id) => kept.has(id))
}

interface Searchable {
  id: number
  content: string
  reasoning: string
  files: string
}

/** Of `ids`, those whose text, reasoning or files hold every term (order kept). */
function matchedInText(db: HistoryDatabase, terms: SearchTerm[], ids: number[]): number[] {
  if (!ids.length) return []
  // The attachments column of the index: names, the text read in images, documents' text.
  const rows = prepared<[string], Searchable>(
    db,
    `SELECT m.id, m.content, m.reasoning,
              (SELECT coalesce(group_concat(a.name || coalesce(' ' || t.text, '')
                 || coalesce(' ' || d.text, ''), ' '), '')
               FROM message_attachments a
               LEFT JOIN image_text t ON t.sha256 = a.sha256 AND t.status = 'done'
               LEFT JOIN document_text d ON d.sha256 = a.sha256
               WHERE a.message_id = m.id) AS files
       FROM json_each(?) j CROSS JOIN messages m ON m.id = j.value`
  ).all(JSON.stringify(ids))
  const matched = new Set<number>()
  for (const row of rows) {
    const fields = [row.content, row.reasoning, row.files].map(foldText)
    if (terms.every((term) => fields.some((field) => hasTerm(field, term)))) matched.add(row.id)
  }
  return ids.filter((id) => matched.has(id))
}

/** One of the racing plans: `step` does a bounded piece of work; `result` once it is done. */
interface Plan {
  spentMs: number
  result: number[] | null
  step(): void
  /** The share of its work still ahead at most (0–1), from what it has covered so far. */
  left(): number
}

/** Most hits the walking plan reads in one step: a step cannot be cut short in the race. */
const MAX_WALK_STEP = 16_384

/**
 * Walks the word's hits, keeping the candidates (and then the filters), twice as many each step
 * up to MAX_WALK_STEP.
 */
function walkPlan(
  db: HistoryDatabase,
  match: string,
  filters: BoundFilters,
  candidates: Candidates,
  range: IdBounds,
  count: number
): Plan {
  const lowest = candidates.lowest
  let limit = 2048
  // Each step seeks below the last hit walked, so no hit is read twice.
  let high = range.high
  // The ids it walks: from the highest candidate down to the lowest.
  const top = candidates.highest
  const found: number[] = []
  const plan: Plan = {
    spentMs: 0,
    result: null,
    left: () =>
      high === null || top <= lowest
        ? 1
        : Math.min(1, Math.max(0, (high - lowest) / (top - lowest))),
    step() {
      const hits = prepared<{ match: string; high?: number; limit: number }, number>(
        db,
        `SELECT rowid FROM message_search WHERE message_search MATCH @match
           AND ${rowidBounds('rowid', { low: null, high })}
           ORDER BY rowid DESC LIMIT @limit`
      )
        .pluck()
        .all({ match, limit, ...(high === null ? {} : { high }) })
      found.push(
        ...keptByFilters(
          db,
          filters,
          hits.filter((id) => candidates.has(id))
        )
      )
      const last = hits.at(-1) ?? 0
      if (found.length >= count || hits.length < limit || last < lowest) {
        plan.result = found.slice(0, count)
      }
      high = last - 1
      limit = Math.min(limit * 2, MAX_WALK_STEP)
    }
  }
  return plan
}

/** Takes the candidates newest first, keeps those the filters keep and the query matches. */
function checkPlan(
  db: HistoryDatabase,
  terms: SearchTerm[],
  filters: BoundFilters,
  candidates: Candidates,
  count: number
): Plan {
  let next = 0
  let size = 32
  const found: number[] = []
  const plan: Plan = {
    spentMs: 0,
    result: null,
    left: () => (candidates.size - next) / candidates.size,
    step() {
      const batch = candidates.take(next, size)
      next += batch.length
      size = Math.min(size * 2, 1024)
      found.push(...matchedInText(db, terms, keptByFilters(db, filters, batch)))
      if (found.length >= count || next >= candidates.size || !batch.length)
        plan.result = found.slice(0, count)
    }
  }
  return plan
}

/** Runs the two exact plans in turn (nextToStep chooses), until one finishes. */
function race(
  db: HistoryDatabase,
  query: { match: string; terms: SearchTerm[] },
  filters: BoundFilters,
  candidates: Candidates,
  range: IdBounds,
  count: number,
  only: PlanName | undefined
): number[] {
  if (!candidates.size) return []
  const plans = [
    walkPlan(db, query.match, filters, candidates, range, count),
    checkPlan(db, query.terms, filters, candidates, count)
  ]
  if (only === 'walk') plans[1].spentMs = Number.POSITIVE_INFINITY
  if (only === 'check') plans[0].spentMs = Number.POSITIVE_INFINITY
  for (;;) {
    const plan = nextToStep(plans[0], plans[1])
    const started = performance.now()
    plan.step()
    plan.spentMs += performance.now() - started
    if (plan.result) return plan.result
  }
}

/** How far ahead in time the plan that looks sooner to finish may run of the other. */
const LEAD = 4

/**
 * The plan to step next: the one that has used less time, until both have stepped; then the one
 * whose work left, at its pace so far, ends sooner, as long as it has used under LEAD times the
 * other's time (both are exact, so this only decides which finishes first; each `left` is an
 * upper bound, a plan may finish once it has a page, and the lead keeps a wrong guess within
 * LEAD + 1 times the other plan's time).
 */
function nextToStep(walk: Plan, check: Plan): Plan {
  const fair = walk.spentMs <= check.spentMs ? walk : check
  if (!(walk.spentMs > 0 && check.spentMs > 0)) return fair
  const ahead = (plan: Plan) => {
    const left = plan.left()
    return left >= 1 ? Number.POSITIVE_INFINITY : (plan.spentMs * left) / (1 - left)
  }
  const [walkAhead, checkAhead] = [ahead(walk), ahead(check)]
  if (!Number.isFinite(walkAhead) && !Number.isFinite(checkAhead)) return fair
  const sooner = walkAhead <= checkAhead ? walk : check
  const other = sooner === walk ? check : walk
  return sooner.spentMs < LEAD * other.spentMs ? sooner : other
}
