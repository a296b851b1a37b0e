// Code highlighting off the input path: in a worker where there is one (the app), else in a later
// task (jsdom in tests). Results are cached, so reopening a conversation does not highlight again.
// Each block has a time budget: a block the worker has not finished within it stays plain, and
// the worker is terminated and replaced so the blocks after it are highlighted all the same.
import type { HighlightedCode } from './highlightCore'

/** Blocks larger than this are shown plain until the user asks for highlighting. */
export const LARGE_BLOCK_CHARS = 100_000

/** How long the worker may take on one block: 1 s, plus 1 s per 100 KB, at most 2 s. */
export const highlightBudgetMs = (length: number): number => Math.min(2_000, 1_000 + length / 100)

/** What became of a block: its pieces, null for a language not known, 'gave-up' past its budget. */
export type HighlightResult = HighlightedCode | null | 'gave-up'

interface Job {
  code: string
  language: string
  resolve: (result: HighlightResult) => void
}

const CACHE_ENTRIES = 300
const cache = new Map<string, HighlightResult>()
const queue: Job[] = []
let worker: Worker | null | undefined
let running: { id: number; job: Job; timer: ReturnType<typeof setTimeout> } | null = null
let nextId = 1

const keyOf = (code: string, language: string): string => `${language}\u0000${code}`

function remember(key: string, result: HighlightResult): void {
  cache.delete(key)
  cache.set(key, result)
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
}

function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL('./highlight.worker.ts', import.meta.url), {
      type: 'module'
    })
    started.addEventListener(
      'message',
      (event: MessageEvent<{ id: number; result: HighlightedCode | null }>) => {
        if (running?.id !== event.data.id) return
        finish(event.data.result)
      }
    )
    return started
  } catch {
    return null
  }
}

function getWorker(): Worker | null {
  if (worker === undefined) worker = typeof Worker === 'undefined' ? null : startWorker()
  return worker
}

function finish(result: HighlightResult): void {
  if (!running) return
  clearTimeout(running.timer)
  const { job } = running
  running = null
  remember(keyOf(job.code, job.language), result)
  job.resolve(result)
  runNext()
}

/** One block at a time, so each one's budget measures its own work. */
function runNext(): void {
  const target = getWorker()
  let job = queue.shift()
  // The same code asked for twice: the second one is served from the cache.
  while (job && cache.has(keyOf(job.code, job.language))) {
    job.resolve(cache.get(keyOf(job.code, job.language)) ?? null)
    job = queue.shift()
  }
  if (!target || !job) return
  const id = nextId++
  const timer = setTimeout(() => {
    // Past the budget: this worker may be busy for minutes; a new one serves the next blocks.
    target.terminate()
    worker = undefined
    finish('gave-up')
  }, highlightBudgetMs(job.code.length))
  running = { id, job, timer }
  target.postMessage({ id, code: job.code, language: job.language })
}

/** The result if this code was highlighted (or given up on) before; undefined if not yet. */
export function cachedHighlight(code: string, language: string): HighlightResult | undefined {
  return cache.get(keyOf(code, language))
}

/** Highlights code, within its time budget where there is a worker. */
export function highlightCode(code: string, language: string): Promise<HighlightResult> {
  const key = keyOf(code, language)
  if (cache.has(key)) return Promise.resolve(cache.get(key) ?? null)
  if (getWorker()) {
    return new Promise<HighlightResult>((resolve) => {
      queue.push({ code, language, resolve })
      if (!running) runNext()
    })
  }
  return import('./highlightCore').then(
    ({ highlightToChunks }) =>
      new Promise<HighlightResult>((resolve) =>
        setTimeout(() => {
          const result = highlightToChunks(code, language)
          remember(key, result)
          resolve(result)
        }, 0)
      )
  )
}
