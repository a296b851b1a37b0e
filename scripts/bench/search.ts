// Search benchmark: npm run bench:search -- --messages 1000000 [--queries FILE] [--runs 20] [--rebuild]
//
// Builds (or reuses, from .bench/) a history database through the app's own history module, so
// the same triggers index it, then for every query times the app's search (first page with
// snippets) and compares its complete result set with a plain scan that implements the
// semantics of docs/search.md on its own: fold every row in JS, test each term with a regular
// expression. Progress goes to stderr, one JSON object to stdout.
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
import { scan } from './search/scan'

// Bump when the generator or the schema changes, so a stale cached database is rebuilt.
const CORPUS_VERSION = 3

// 41 queries in groups (English words, phrases, diacritics, Chinese, mixed, Japanese and Korean,
// no hit); the group names only document them.
const DEFAULT_QUERIES = Object.values(queryGroups).flat()

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv: string[]) {
  const args = {
    messages: 1_000_000,
    queries: null as string | null,
    runs: 20,
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

  log(`scanning ${messageCount.toLocaleString('en')} messages for ${queries.length} queries`)
  const plain = scan(db, queries)
  log(
    `  scan: read ${Math.round(plain.readMs)} ms, fold ${Math.round(plain.foldMs)} ms (shared by every query)`
  )

  const report = []
  for (const [index, q] of queries.entries()) {
    await turnEventLoop()
    // Warm up, then time the first page with snippets.
    searchMessages(db, { query: q })
    const times: number[] = []
    for (let run = 0; run < args.runs; run++) {
      const t = performance.now()
      searchMessages(db, { query: q })
      times.push(performance.now() - t)
    }
    times.sort((a, b) => a - b)
    const found = new Set(searchAllMessageIds(db, q))
    const expected = plain.ids[index]
    let common = 0
    for (const id of found) if (expected.has(id)) common++
    const scanMs = plain.readMs + plain.foldMs + plain.testMs[index]
    const entry = {
      q,
      hits: found.size,
      scanHits: expected.size,
      recall: expected.size ? common / expected.size : found.size ? 0 : 1,
      precision: found.size ? common / found.size : 1,
      p50Ms: round(percentile(times, 50), 2),
      p95Ms: round(percentile(times, 95), 2),
      scanMs: round(scanMs, 0)
    }
    log(
      `  ${JSON.stringify(q).padEnd(20)} hits ${String(entry.hits).padStart(7)} scan ${String(entry.scanHits).padStart(7)}` +
        `  p50 ${entry.p50Ms} ms  p95 ${entry.p95Ms} ms`
    )
    report.push(entry)
  }
  db.close()

  const summary = {
    messages: messageCount,
    dbBytes,
    buildSeconds,
    p95Ms: Math.max(...report.map((entry) => entry.p95Ms)),
    minSpeedup: round(
      Math.min(...report.map((entry) => entry.scanMs / Math.max(entry.p95Ms, 0.01))),
      1
    ),
    minRecall: Math.min(...report.map((entry) => entry.recall)),
    minPrecision: Math.min(...report.map((entry) => entry.precision)),
    queries: report
  }
  process.stdout.write(`${JSON.stringify(summary)}\n`)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`
  )
  process.exitCode = 1
})
