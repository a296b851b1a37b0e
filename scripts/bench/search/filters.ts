// The search benchmark's query syntax for filters: words of the form name:value before or among
// the query's words, e.g. `model:doubao-seed-2.0-pro after:2025-06-01 role:user 数据`.
//
//   model:ID  role:user|assistant  after:YYYY-MM-DD (from, inclusive)  before:YYYY-MM-DD (to,
//   exclusive)  in:CONVERSATION-ID  pinned:yes  has:image|file  archived:yes (include archived
//   chats)  project:NAME (quoted if it holds spaces)
//
// The days are UTC. Anything else is the query. A filtered query leaves archived chats out
// unless archived:yes, as the app does; a query without any filter is compared with the
// unfiltered index (every message).
import type { HistoryDatabase } from '../../../src/main/db/database'
import { findProjectByName } from '../../../src/main/projects/projects'
import { SEARCH_HAS, type SearchFilters } from '../../../src/shared/search'

export interface FilteredQuery {
  /** The line as written. */
  line: string
  /** The query without its filters. */
  query: string
  /** Null: no filter at all. */
  filters: SearchFilters | null
}

const FILTER = /^(model|role|after|before|in|pinned|has|archived|project):("[^"]*"|\S+)$/
const TOKEN = /[a-z]+:"[^"]*"|\S+/g

const day = (name: string, value: string): number => {
  const time = Date.parse(`${value}T00:00:00Z`)
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(time))
    throw new Error(`${name}: expected a day as YYYY-MM-DD, got ${value}`)
  return time
}

/** Parses one line of the query file; throws on a filter it cannot apply to this history. */
export function parseFilteredQuery(db: HistoryDatabase, line: string): FilteredQuery {
  const words: string[] = []
  const filters: SearchFilters = {}
  let any = false
  for (const token of line.match(TOKEN) ?? []) {
    const match = FILTER.exec(token)
    if (!match) {
      words.push(token)
      continue
    }
    any = true
    const [, name, raw] = match
    const value = raw.replace(/^"|"$/g, '')
    if (name === 'model') filters.model = value
    else if (name === 'role') {
      if (value !== 'user' && value !== 'assistant')
        throw new Error(`role: user or assistant, not ${value}`)
      filters.role = value
    } else if (name === 'after') filters.from = day(name, value)
    else if (name === 'before') filters.to = day(name, value)
    else if (name === 'in') {
      const id = Number(value)
      if (!db.prepare('SELECT 1 FROM conversations WHERE id = ?').get(id))
        throw new Error(`in:${value}: no such conversation in this history`)
      filters.conversation = id
    } else if (name === 'pinned' || name === 'archived') {
      if (value !== 'yes') throw new Error(`${name}: only ${name}:yes`)
      filters[name] = true
    } else if (name === 'has') {
      const has = SEARCH_HAS.find((kind) => kind === value)
      if (!has) throw new Error(`has: image or file, not ${value}`)
      filters.has = has
    } else {
      const project = findProjectByName(db, value)
      if (!project) throw new Error(`project:${value}: no such project in this history`)
      filters.project = project.id
    }
  }
  return { line, query: words.join(' '), filters: any ? filters : null }
}
