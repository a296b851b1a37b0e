// The plain scan the search benchmark checks the app against: the semantics of docs/search.md on
// folded text, with regular expressions, and the filters tested on every row in JavaScript, one
// pass over every message.
import { performance } from 'node:perf_hooks'
import type { HistoryDatabase } from '../../../src/main/db/database'
import { foldText } from '../../../src/main/db/searchText'
import { parseQuery, type SearchTerm } from '../../../src/main/history/searchQuery'
import type { SearchFilters } from '../../../src/shared/search'
import { log } from '../lib/measure'
import type { FilteredQuery } from './filters'

const CJK_CLASS = '\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}\\p{scx=Hangul}'
// In folded text a character is a space, a CJK character or a word character.
const NOT_WORD_BEFORE = `(?<![^ ${CJK_CLASS}])`
const NOT_WORD_AFTER = `(?![^ ${CJK_CLASS}])`
const IS_WORD = new RegExp(`^[^ ${CJK_CLASS}]$`, 'u')

interface ScanTerm {
  literal: string
  pattern: RegExp
}

function scanTerm(term: SearchTerm): ScanTerm {
  const chars = [...term.folded]
  const escaped = term.folded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const start = IS_WORD.test(chars[0]) ? NOT_WORD_BEFORE : '' // a word matches from a word's start
  const end = term.quoted && IS_WORD.test(chars.at(-1)!) ? NOT_WORD_AFTER : '' // quoted: whole word
  return { literal: term.folded, pattern: new RegExp(start + escaped + end, 'u') }
}

const scanHas = (folded: string, term: ScanTerm) =>
  folded.includes(term.literal) && term.pattern.test(folded)

export interface ScanResult {
  ids: Set<number>[]
  readMs: number
  foldMs: number
  testMs: number[]
}

interface Row {
  id: number
  content: string
  reasoning: string
  /** The attachments column's text: names, text read in images, documents' text. */
  files: string
  model: string
  role: string
  created_at: number
  conversation_id: number
  pinned: 0 | 1
  archived: 0 | 1
  project_id: number | null
  images: 0 | 1
  other_files: 0 | 1
}

/** Whether a row passes the filters, as docs/search.md states them. */
function passes(row: Row, filters: SearchFilters | null): boolean {
  if (!filters) return true
  const f = filters
  return (
    (f.archived === true || row.archived === 0) &&
    (f.model === undefined || row.model === f.model) &&
    (f.from === undefined || row.created_at >= f.from) &&
    (f.to === undefined || row.created_at < f.to) &&
    (f.project === undefined || row.project_id === f.project) &&
    (f.role === undefined || row.role === f.role) &&
    (f.conversation === undefined || row.conversation_id === f.conversation) &&
    (f.pinned !== true || row.pinned === 1) &&
    (f.has === undefined || (f.has === 'image' ? row.images : row.other_files) === 1)
  )
}

/** One pass over every message: read, fold, and test every query; each step timed. */
export function scan(db: HistoryDatabase, queries: FilteredQuery[]): ScanResult {
  const terms = queries.map((query) => parseQuery(query.query).map(scanTerm))
  const result: ScanResult = {
    ids: queries.map(() => new Set()),
    readMs: 0,
    foldMs: 0,
    testMs: queries.map(() => 0)
  }
  const read = db.prepare<[number, number], Row>(
    `SELECT m.id, m.content, m.reasoning,
            (SELECT coalesce(group_concat(a.name || coalesce(' ' || t.text, '')
               || coalesce(' ' || d.text, ''), ' '), '')
             FROM message_attachments a
             LEFT JOIN image_text t ON t.sha256 = a.sha256 AND t.status = 'done'
             LEFT JOIN document_text d ON d.sha256 = a.sha256
             WHERE a.message_id = m.id) AS files,
            coalesce(m.model, c.model) AS model, m.role, m.created_at, m.conversation_id,
            c.pinned_at IS NOT NULL AS pinned, c.archived_at IS NOT NULL AS archived, c.project_id,
            EXISTS (SELECT 1 FROM message_attachments a WHERE a.message_id = m.id
                    AND a.kind = 'image') AS images,
            EXISTS (SELECT 1 FROM message_attachments a WHERE a.message_id = m.id
                    AND a.kind <> 'image') AS other_files
     FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.id > ? ORDER BY m.id LIMIT ?`
  )
  let after = 0
  let done = 0
  let lastLog = performance.now()
  for (;;) {
    let t = performance.now()
    const rows = read.all(after, 20_000)
    result.readMs += performance.now() - t
    if (!rows.length) break
    after = rows.at(-1)!.id
    t = performance.now()
    const folded = rows.map((row) => [row.content, row.reasoning, row.files].map(foldText))
    result.foldMs += performance.now() - t
    for (let q = 0; q < queries.length; q++) {
      const queryTerms = terms[q]
      if (!queryTerms.length) continue
      const hits = result.ids[q]
      t = performance.now()
      const filters = queries[q].filters
      for (let i = 0; i < rows.length; i++) {
        if (!passes(rows[i], filters)) continue
        const fields = folded[i]
        if (queryTerms.every((term) => fields.some((field) => scanHas(field, term))))
          hits.add(rows[i].id)
      }
      result.testMs[q] += performance.now() - t
    }
    done += rows.length
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now()
      log(`  scanned ${done.toLocaleString('en')} messages`)
    }
  }
  return result
}
