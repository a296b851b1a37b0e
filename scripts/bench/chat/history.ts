// A large history for the startup benchmark: many conversations of a few messages each, written
// through the app's own openDatabase (migrations, search triggers) and cached under .bench/.
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openDatabase } from '../../../src/main/db/database'

// Bump when the generator changes, so a stale cached database is rebuilt.
export const STARTUP_CORPUS_VERSION = 1

const WORDS = [
  'the',
  'model',
  'answer',
  'python',
  'database',
  'render',
  'stream',
  'token',
  'window',
  'search',
  'memory',
  'thread',
  'error',
  'value',
  'function',
  'return',
  'request',
  'server',
  'client',
  'index'
]
const HAN = [
  '数据',
  '模型',
  '我们',
  '性能',
  '优化',
  '搜索',
  '窗口',
  '消息',
  '回答',
  '问题',
  '代码',
  '测试'
]

function sentence(seed: number, words: number): string {
  let text = ''
  let x = seed
  for (let i = 0; i < words; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff
    text += (x & 7) === 0 ? HAN[x % HAN.length] : `${WORDS[x % WORDS.length]} `
  }
  return text
}

/** Builds (or reuses) a database with `conversationCount` conversations and `messageCount` messages. */
export function buildStartupHistory(
  file: string,
  conversationCount: number,
  messageCount: number
): void {
  if (existsSync(file)) return
  mkdirSync(dirname(file), { recursive: true })
  const partial = `${file}.partial`
  rmSync(partial, { force: true })
  rmSync(`${partial}-wal`, { force: true })
  const db = openDatabase(partial)
  const addConversation = db.prepare(
    'INSERT INTO conversations (title, model, created_at, updated_at) VALUES (?, ?, ?, ?)'
  )
  const addMessage = db.prepare(
    `INSERT INTO messages (conversation_id, role, content, reasoning, status, model, finish_reason,
       prompt_tokens, completion_tokens, created_at) VALUES (?, ?, ?, '', 'done', ?, ?, ?, ?, ?)`
  )
  const start = Date.now() - messageCount * 60_000
  let written = 0
  const perConversation = Math.max(1, Math.floor(messageCount / conversationCount))
  const batch = db.transaction((from: number, to: number) => {
    for (let c = from; c < to; c++) {
      const count = c === conversationCount - 1 ? messageCount - written : perConversation
      const at = start + written * 60_000
      const id = Number(
        addConversation.run(sentence(c, 4).trim(), 'doubao-seed-2.0-pro', at, at + count * 60_000)
          .lastInsertRowid
      )
      for (let m = 0; m < count; m++) {
        const user = m % 2 === 0
        addMessage.run(
          id,
          user ? 'user' : 'assistant',
          sentence(written * 7 + m, user ? 12 : 40),
          user ? null : 'doubao-seed-2.0-pro',
          user ? null : 'stop',
          user ? null : 120,
          user ? null : 300,
          at + m * 60_000
        )
        written++
      }
    }
  })
  for (let c = 0; c < conversationCount; c += 1000) {
    batch(c, Math.min(conversationCount, c + 1000))
    if (c % 10_000 === 0) process.stderr.write(`startup history: ${written} messages\n`)
  }
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
  renameSync(partial, file)
}

if (process.argv[1]?.endsWith('history.ts')) {
  const [file, conversations, messages] = process.argv.slice(2)
  buildStartupHistory(file, Number(conversations), Number(messages))
}
