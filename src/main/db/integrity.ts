// SQLite's quick_check reads every page: about 10 s for a million messages. It runs on the start
// path only after an unclean shutdown; otherwise in a worker thread, off the main process's event
// loop, on a read-only connection of its own.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// __filename: this runs as CommonJS in Electron's bundle, under tsx and Playwright, and vitest defines it.
const requireHere = createRequire(__filename)

// Runs inside the worker: no imports but better-sqlite3, whose path it is given.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.module)
let db
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true })
  parentPort.postMessage({ result: db.pragma('quick_check', { simple: true }) })
} catch (error) {
  parentPort.postMessage({ result: String(error && error.message ? error.message : error) })
} finally {
  if (db) db.close()
}
`

/** quick_check's answer for the file ('ok' when sound), computed in a worker thread. */
export function quickCheckInWorker(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, module: requireHere.resolve('better-sqlite3') }
    })
    worker.once('message', (message: { result: string }) => resolve(message.result))
    worker.once('error', reject)
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`The integrity check stopped (exit code ${code}).`))
    })
  })
}
