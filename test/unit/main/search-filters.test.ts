// Filtered search against a plain scan, on a generated history (the benchmark's corpus, small):
// every filter alone and combined, each plan on its own and the choice between them, every page;
// and the query plans, read with EXPLAIN QUERY PLAN: no filtered query reads all of messages.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCorpus } from '../../../scripts/bench/search/corpus'
import { type FilteredQuery, parseFilteredQuery } from '../../../scripts/bench/search/filters'
import { scan } from '../../../scripts/bench/search/scan'
import { type HistoryDatabase, openDatabase } from '../../../src/main/db/database'
import { setConversationPinned } from '../../../src/main/history/conversations'
import { searchAllMessageIds, searchMessages } from '../../../src/main/history/search'
import { findMessageIds, type PlanName } from '../../../src/main/history/searchPlan'
import { ftsMatchExpression, parseQuery } from '../../../src/main/history/searchQuery'
import { SEARCH_FILTER_NAMES, type SearchFilters } from '../../../src/shared/search'

let dir: string
let db: HistoryDatabase
let queries: FilteredQuery[]
let expected: Set<number>[]

// Days are UTC; the corpus starts on 2024-01-01 and 4,000 messages span about ten days.
const LINES = [
  'model:doubao-seed-2.0-pro the',
  'model:glm-4-7-251222 the',
  'model:doubao-seed-2.0-code 数据',
  'role:user 数据',
  'role:assistant python',
  'role:user useState',
  'after:2024-01-04 the',
  'before:2024-01-03 数据',
  'after:2024-01-02 before:2024-01-05 a',
  'in:3 the',
  'in:20 数据',
  'in:20 zyxwvut',
  'pinned:yes the',
  'pinned:yes 机器学习',
  'has:image the',
  'has:image 截图',
  'has:file 数据',
  'has:file report',
  'archived:yes 猫',
  'archived:yes the',
  'project:Work the',
  'project:"Taxes 2025" python',
  'project:论文 数据',
  'project:Work role:assistant pinned:yes the',
  'has:image role:user archived:yes the',
  'in:3 role:assistant a',
  'pinned:yes has:image 数据',
  'model:doubao-seed-2.0-pro after:2024-01-02 role:user "machine learning"',
  'project:论文 has:file archived:yes 数',
  'model:doubao-seed-2.0-lite role:user before:2024-01-06 prog',
  // The shapes of the benchmark's slowest: two sources intersected, an old range and a common word.
  'model:glm-4-7-251222 has:file the',
  'pinned:yes has:image the',
  'before:2024-01-02 数据',
  'after:2024-01-09 数据',
  'model:doubao-seed-2.0-lite role:user before:2024-01-08 python'
]

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'search-filters-'))
  db = openDatabase(join(dir, 'history.sqlite'))
  await buildCorpus(db, 4000, 7)
  // About 2% of conversations are pinned: at this size, maybe none.
  for (const id of [3, 11, 17]) setConversationPinned(db, id, true, 1)
  queries = LINES.map((line) => parseFilteredQuery(db, line))
  expected = scan(db, queries).ids
}, 120_000)

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

const newestFirst = (ids: Iterable<number>) => [...ids].sort((a, b) => b - a)

const bind = (filters: SearchFilters) =>
  Object.fromEntries(
    SEARCH_FILTER_NAMES.map((name) => [
      name,
      name === 'archived' || name === 'pinned' ? (filters[name] ? 1 : 0) : (filters[name] ?? null)
    ])
  ) as Parameters<typeof findMessageIds>[2]

function idsBy(
  plan: PlanName,
  { query, filters }: FilteredQuery,
  below: number | null = null,
  on: HistoryDatabase = db
) {
  const terms = parseQuery(query)
  const match = ftsMatchExpression(terms, () => null)!
  return findMessageIds(
    on,
    { match, terms },
    bind(filters ?? {}),
    below,
    { low: null, high: null },
    2 ** 31,
    plan
  )
}

describe('filtered search finds what a plain scan finds', () => {
  it('has a corpus where every filter keeps some and leaves out some', () => {
    const share = (sql: string) => db.prepare(sql).pluck().get() as number
    expect(share('SELECT avg(pinned_at IS NOT NULL) FROM conversations')).toBeGreaterThan(0)
    expect(share('SELECT avg(archived_at IS NOT NULL) FROM conversations')).toBeGreaterThan(0.1)
    expect(share('SELECT avg(project_id IS NOT NULL) FROM conversations')).toBeGreaterThan(0.1)
    expect(share("SELECT count(*) FROM message_attachments WHERE kind = 'image'")).toBeGreaterThan(
      0
    )
    expect(
      share("SELECT count(*) FROM message_attachments WHERE kind = 'document'")
    ).toBeGreaterThan(0)
    // Most filtered queries find something, and none finds everything the word finds.
    const found = expected.filter((ids) => ids.size > 0).length
    expect(found).toBeGreaterThan(LINES.length * 0.7)
  })

  it.each(LINES.map((line, index) => [line, index] as const))('%s', (_line, index) => {
    const want = newestFirst(expected[index])
    const query = queries[index]
    // The choice between the plans, through the app's entry point.
    expect(searchAllMessageIds(db, query.query, query.filters ?? {})).toEqual(want)
    // Each plan on its own.
    for (const plan of ['broad', 'walk', 'check'] as const) {
      expect(idsBy(plan, query), plan).toEqual(want)
    }
    // From the middle: below a cursor.
    if (want.length > 2) {
      const cursor = want[Math.floor(want.length / 2)]
      const rest = want.filter((id) => id < cursor)
      for (const plan of ['broad', 'walk', 'check'] as const) {
        expect(idsBy(plan, query, cursor), `${plan} below ${cursor}`).toEqual(rest)
      }
    }
  })

  it('pages through every result in order, title hits only where a title can match', () => {
    for (const [index, query] of queries.entries()) {
      if (expected[index].size > 400) continue
      const seen: number[] = []
      let before: ReturnType<typeof searchMessages>['next'] = null
      let pages = 0
      do {
        const page = searchMessages(db, {
          query: query.query,
          ...query.filters,
          limit: 7,
          ...(before ? { before } : {})
        })
        for (const hit of page.results) {
          if (hit.messageId !== null) seen.push(hit.messageId)
          else expect(query.filters?.role ?? query.filters?.has).toBeUndefined()
        }
        before = page.next
        pages++
      } while (before && pages < 200)
      expect(seen, query.line).toEqual(newestFirst(expected[index]))
    }
  })
})

describe('filtered search reads indexes, never all of messages', () => {
  it('plans every statement of a filtered search on an index', () => {
    // A connection of its own: its statement cache starts empty, so every statement is seen.
    const db = openDatabase(join(dir, 'history.sqlite'))
    const seen = new Set<string>()
    const prepare = db.prepare.bind(db)
    const spy = ((sql: string) => {
      seen.add(sql)
      return prepare(sql)
    }) as typeof db.prepare
    db.prepare = spy
    try {
      for (const { query, filters } of queries) {
        searchMessages(db, { query, ...filters })
        for (const plan of ['broad', 'walk', 'check'] as const)
          idsBy(plan, { line: '', query, filters }, 10 ** 9, db)
      }
    } finally {
      db.prepare = prepare
    }
    db.close()
    const explain = openDatabase(join(dir, 'history.sqlite'))
    const plans = [...seen]
      .filter((sql) => /\b(messages|message_attachments)\b/.test(sql) && !/^\s*PRAGMA/.test(sql))
      .map((sql) => {
        const names = [...new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]))]
        const statement = explain.prepare(`EXPLAIN QUERY PLAN ${sql}`)
        const rows = (
          names.length
            ? statement.all(Object.fromEntries(names.map((name) => [name, null])))
            : statement.all(...Array((sql.match(/\?/g) ?? []).length).fill(null))
        ) as Array<{ detail: string }>
        return { sql, plan: rows.map((row) => row.detail) }
      })
    explain.close()
    // The walk over FTS hits, the candidates of each narrow filter and the checks all ran.
    expect(plans.length).toBeGreaterThanOrEqual(8)
    for (const { sql, plan } of plans) {
      const where = `${sql}\n${plan.join('\n')}`
      // No full scan of messages or attachments (a SCAN of FTS or json_each is a walk of hits).
      expect(
        plan.filter((line) => /^SCAN (m|messages|a|message_attachments)\b/.test(line)),
        where
      ).toEqual([])
    }
    const walk = plans.find(({ sql }) => /FROM message_search s\s+CROSS JOIN messages m/.test(sql))
    expect(walk?.plan[0]).toMatch(/^SCAN s VIRTUAL TABLE/)
    expect(walk?.plan).toContain('SEARCH m USING COVERING INDEX messages_search_facets (id=?)')
    // A bound on the walk's ids reaches FTS5 as an integer, so that it seeks (a REAL it ignores).
    const bounded = plans.filter(({ sql }) => /MATCH @match[\s\S]*rowid [<>]=/.test(sql))
    expect(bounded.length).toBeGreaterThan(0)
    for (const { sql } of bounded) expect(sql).toMatch(/rowid [<>]= CAST\(@(high|low) AS INTEGER\)/)
    const kinds = plans.find(({ sql }) => /FROM message_attachments WHERE kind/.test(sql))
    expect(kinds?.plan.join()).toMatch(/message_attachments_by_kind \(kind=\?\)/)
    const models = plans.find(({ sql }) => /FROM messages WHERE model = \?/.test(sql))
    expect(models?.plan.join()).toMatch(/messages_by_model \(model=\?\)/)
  })
})
