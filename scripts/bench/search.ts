// Search benchmark: npm run bench:search -- --messages 1000000 [--queries FILE] [--runs 20]
// [--rounds 3] [--rebuild]
//
// Builds (or reuses, from .bench/) a history database through the app's own history module, so
// the same triggers index it, then for every query times the app's search (first page with
// snippets) and compares its complete result set with a plain scan that implements the
// semantics of docs/search.md on its own: fold every row in JS, test each term with a regular
// expression, each filter in JS. A query line may hold filters (search/filters.ts). The whole
// query set is timed in --rounds rounds (at least 3); each figure is the median of the rounds'
// p95, with their spread. A run that did not happen as designed (a query that found nothing
// where the scan finds hits, a first page that is not the head of the complete result) is
// refused: exit code 1. The benchmark opens the history database only: no key store, no
// keychain. Progress goes to stderr, one JSON object to stdout.
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync
} from 'node:fs'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../../src/main/db/database'
import { searchAllMessageIds, searchMessages } from '../../src/main/history/search'
import queryGroups from './data/search-queries.json'
import { log, percentile, round } from './lib/measure'
import { buildCorpus, turnEventLoop } from './search/corpus'
import { parseFilteredQuery } from './search/filters'
import { scan } from './search/scan'

// Bump when the generator or the schema changes, so a stale cached database is rebuilt.
const CORPUS_VERSION = 4

// Queries in groups (English words, phrases, diacritics, Chinese, mixed, Japanese and Korean,
// no hit, and filtered ones); the group names only document them.
const DEFAULT_QUERIES = Object.values(queryGroups).flat()

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv: string[]) {
  const args = {
    messages: 1_000_000,
    queries: null as string | null,
    runs: 20,
    rounds: 3,
    rebuild: false,
    seed: 1
  }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    const value = () => {
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} needs a value`)
      return next
    }
    if (flag === '--messages')
      args.messages = Math.max(10, Number.parseInt(value().replaceAll('_', ''), 10))
    else if (flag === '--queries') args.queries = value()
    else if (flag === '--runs') args.runs = Math.max(1, Number.parseInt(value(), 10))
    else if (flag === '--rounds') args.rounds = Math.max(3, Number.parseInt(value(), 10))
    else if (flag === '--seed') args.seed = Number.parseInt(value(), 10)
    else if (flag === '--rebuild') args.rebuild = true
    else if (flag === '--') continue
    else throw new Error(`unknown argument ${flag}`)
  }
  if (!Number.isFinite(args.messages)) throw new Error('--messages must be a number')
  return args
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  const queries = args.queries
    ? readFileSync(args.queries, 'utf8')
        .split(/\r?\n/)
        .filter((line) => line.trim())
    : DEFAULT_QUERIES

  const dir = resolve('.bench')
  mkdirSync(dir, { recursive: true })
  const base = join(dir, `search-${args.messages}-s${args.seed}-v${CORPUS_VERSION}`)
  const file = `${base}.sqlite`
  const metaFile = `${base}.json`
  let buildSeconds: number
  if (!args.rebuild && existsSync(file) && existsSync(metaFile)) {
    buildSeconds = (JSON.parse(readFileSync(metaFile, 'utf8')) as { buildSeconds: number })
      .buildSeconds
    log(`reusing ${file} (built in ${buildSeconds} s)`)
  } else {
    const partial = `${base}.building.sqlite`
    for (const stale of [partial, `${partial}-wal`, `${partial}-shm`])
      rmSync(stale, { force: true })
    log(`building ${args.messages.toLocaleString('en')} messages into ${file}`)
    const started = performance.now()
    const db = openDatabase(partial)
    await buildCorpus(db, args.messages, args.seed)
    db.pragma('wal_checkpoint(TRUNCATE)')
    db.close()
    buildSeconds = round((performance.now() - started) / 1000, 1)
    renameSync(partial, file)
    writeFileSync(
      metaFile,
      JSON.stringify({ buildSeconds, messages: args.messages, seed: args.seed })
    )
    log(`built in ${buildSeconds} s`)
  }

  const db = openDatabase(file)
  const messageCount = db.prepare('SELECT count(*) FROM messages').pluck().get() as number
  const dbBytes = statSync(file).size

  const parsed = queries.map((line) => parseFilteredQuery(db, line))
  log(`scanning ${messageCount.toLocaleString('en')} messages for ${queries.length} queries`)
  const plain = scan(db, parsed)
  log(
    `  scan: read ${Math.round(plain.readMs)} ms, fold ${Math.round(plain.foldMs)} ms (shared by every query)`
  )

  const refused: string[] = []
  const checked = []
  for (const [index, { line, query, filters }] of parsed.entries()) {
    await turnEventLoop()
    const found = searchAllMessageIds(db, query, filters ?? undefined)
    const expected = plain.ids[index]
    let common = 0
    for (const id of found) if (expected.has(id)) common++
    if (expected.size > 0 && found.length === 0)
      refused.push(`${line}: found nothing, the scan finds ${expected.size}`)
    if (filters) {
      // The first page is the head of the complete result (title hits aside).
      const page = searchMessages(db, { query, ...filters, limit: 50 })
      const pageIds = page.results.flatMap((hit) => (hit.messageId === null ? [] : [hit.messageId]))
      if (pageIds.join() !== found.slice(0, pageIds.length).join())
        refused.push(`${line}: the first page is not the head of the complete result`)
    }
    checked.push({
      q: line,
      filtered: filters !== null,
      hits: found.length,
      scanHits: expected.size,
      recall: expected.size ? common / expected.size : found.length ? 0 : 1,
      precision: found.length ? common / found.length : 1,
      scanMs: round(plain.readMs + plain.foldMs + plain.testMs[index], 0)
    })
  }

  // Rounds over the whole query set, so that a burst of load hits one round, not one query.
  const p95s: number[][] = parsed.map(() => [])
  const p50s: number[][] = parsed.map(() => [])
  for (let roundNo = 0; roundNo < args.rounds; roundNo++) {
    log(`round ${roundNo + 1} of ${args.rounds}`)
    for (const [index, { query, filters }] of parsed.entries()) {
      await turnEventLoop()
      const request = { query, ...(filters ?? {}) }
      searchMessages(db, request) // warm up
      const times: number[] = []
      for (let run = 0; run < args.runs; run++) {
        const t = performance.now()
        searchMessages(db, request)
        times.push(performance.now() - t)
      }
      p95s[index].push(percentile(times, 95))
      p50s[index].push(percentile(times, 50))
    }
  }
  db.close()

  const median = (values: number[]) => percentile(values, 50)
  const report = checked.map((entry, index) => {
    const p95Ms = round(median(p95s[index]), 2)
    const full = {
      ...entry,
      p50Ms: round(median(p50s[index]), 2),
      p95Ms,
      p95SpreadMs: [round(Math.min(...p95s[index]), 2), round(Math.max(...p95s[index]), 2)]
    }
    log(
      `  ${JSON.stringify(entry.q).padEnd(44)} hits ${String(entry.hits).padStart(7)} scan ${String(entry.scanHits).padStart(7)}` +
        `  p95 ${p95Ms} ms (${full.p95SpreadMs.join('–')})`
    )
    return full
  })
  const summarize = (entries: typeof report) => ({
    p95Ms: Math.max(...entries.map((entry) => entry.p95Ms)),
    minRecall: Math.min(...entries.map((entry) => entry.recall)),
    minPrecision: Math.min(...entries.map((entry) => entry.precision))
  })
  const unfiltered = report.filter((entry) => !entry.filtered)
  const filtered = report.filter((entry) => entry.filtered)
  const summary = {
    messages: messageCount,
    dbBytes,
    buildSeconds,
    rounds: args.rounds,
    runs: args.runs,
    ...(unfiltered.length ? summarize(unfiltered) : {}),
    minSpeedup: round(
      Math.min(...report.map((entry) => entry.scanMs / Math.max(entry.p95Ms, 0.01))),
      1
    ),
    filtered: filtered.length ? summarize(filtered) : null,
    refused,
    queries: report
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`)
  if (refused.length) {
    process.stderr.write(
      `Refused: the run did not happen as designed:\n  ${refused.join('\n  ')}\n`
    )
    process.exitCode = 1
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  )
  process.exitCode = 1
})
