// npm run bench:durability — what SQLite's `synchronous` level costs on this machine's disk, for
// the history's three kinds of write (docs/durability.md records the numbers and the decision):
//   action: a user action's transaction (a send: conversation touched, a question, an empty reply)
//   save:   a streaming reply's periodic save (a few hundred characters appended)
//   finish: a reply's final write (the last save, the conversation touched, the status)
// each at NORMAL and at FULL, in WAL mode, through the app's own table code; and as the app does
// it ("app": FULL, saves through appendToMessage at NORMAL). Prints one JSON line on stdout:
// {"dir", "NORMAL": {"action": {"medianMs","p95Ms"}, ...}, "FULL": {...}, "app": {...}}.
// The database lives in BENCH_DIR (default .bench/durability/, on the repository's filesystem):
// point it at the data folder's disk to measure that one.
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import * as conversations from '../../src/main/history/conversations'
import { openDatabase } from '../../src/main/db/database'
import * as messages from '../../src/main/history/messages'
import { log, percentile, round } from './lib/measure'

const DIR = process.env.BENCH_DIR ?? join(__dirname, '..', '..', '.bench', 'durability')
const RUNS = 200
const TEXT = 'A streamed piece of an answer, about as long as a quarter second of tokens. '.repeat(
  4
)

type Level = 'NORMAL' | 'FULL' | 'app'

function measure(level: Level): Record<string, { medianMs: number; p95Ms: number }> {
  const file = join(DIR, `history-${level}.sqlite`)
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  const db = openDatabase(file)
  db.pragma(`synchronous = ${level === 'app' ? 'FULL' : level}`)
  const save =
    level === 'app'
      ? (id: number) => messages.appendToMessage(db, id, { content: TEXT, reasoning: '' })
      : (id: number) =>
          db.prepare('UPDATE messages SET content = content || ? WHERE id = ?').run(TEXT, id)
  const times = { action: [] as number[], save: [] as number[], finish: [] as number[] }
  const timed = (into: number[], write: () => void): void => {
    const start = performance.now()
    write()
    into.push(performance.now() - start)
  }
  const conversation = conversations.createConversation(db, { title: 'bench', model: 'm', now: 1 })
  for (let run = 0; run < RUNS; run++) {
    let replyId = 0
    timed(times.action, () =>
      db.transaction(() => {
        conversations.touchConversation(db, conversation.id, run)
        messages.insertMessage(db, {
          conversationId: conversation.id,
          role: 'user',
          content: TEXT,
          status: 'done',
          model: null,
          now: run
        })
        replyId = messages.insertMessage(db, {
          conversationId: conversation.id,
          role: 'assistant',
          content: '',
          status: 'streaming',
          model: 'm',
          now: run
        }).id
      })()
    )
    for (let piece = 0; piece < 4; piece++) {
      timed(times.save, () => save(replyId))
    }
    timed(times.finish, () =>
      db.transaction(() => {
        messages.appendToMessage(db, replyId, { content: TEXT, reasoning: '' })
        conversations.touchConversation(db, conversation.id, run)
        messages.finishMessage(db, replyId, {
          status: 'done',
          finishReason: 'stop',
          usage: null,
          error: null
        })
      })()
    )
  }
  db.close()
  return Object.fromEntries(
    Object.entries(times).map(([kind, values]) => [
      kind,
      { medianMs: round(percentile(values, 50), 3), p95Ms: round(percentile(values, 95), 3) }
    ])
  )
}

mkdirSync(DIR, { recursive: true })
log(`measuring in ${DIR} (${RUNS} sends, 4 saves and a finish each) ...`)
// Twice each, alternating, so that a disk busy with something else does not favour one level.
const pass = () => ({ NORMAL: measure('NORMAL'), FULL: measure('FULL'), app: measure('app') })
const first = pass()
const second = pass()
log('first pass:', JSON.stringify(first))
process.stdout.write(`${JSON.stringify({ dir: DIR, ...second })}\n`)
