// The plain scan the search benchmark checks the app against: the semantics of docs/search.md on
// folded text, with regular expressions, one pass over every message.
import { performance } from 'node:perf_hooks'
import type { HistoryDatabase } from '../../../src/main/db/database'
import { foldText } from '../../../src/main/db/searchText'
import { parseQuery, type SearchTerm } from '../../../src/main/history/searchQuery'
import { log } from '../lib/measure'

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

/** One pass over every message: read, fold, and test every query; each step timed. */
export function scan(db: HistoryDatabase, queries: string[]): ScanResult {
  const terms = queries.map((query) => parseQuery(query).map(scanTerm))
  const result: ScanResult = {
    ids: queries.map(() => new Set()),
    readMs: 0,
    foldMs: 0,
    testMs: queries.map(() => 0)
  }
  const read = db.prepare<[number, number], { id: number; content: string; reasoning: string }>(
    'SELECT id, content, reasoning FROM messages WHERE id > ? ORDER BY id LIMIT ?'
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
    const folded = rows.map((row) => [foldText(row.content), foldText(row.reasoning)] as const)
    result.foldMs += performance.now() - t
    for (let q = 0; q < queries.length; q++) {
      const queryTerms = terms[q]
      if (!queryTerms.length) continue
      const hits = result.ids[q]
      t = performance.now()
      for (let i = 0; i < rows.length; i++) {
        const [content, reasoning] = folded[i]
        if (queryTerms.every((term) => scanHas(content, term) || scanHas(reasoning, term)))
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
