// Code highlighting off the input path: in a worker where there is one (the app), else in a later
// task (jsdom in tests). Results are cached, so reopening a conversation does not highlight again.
import type { Root } from 'hast'

/** Blocks larger than this are shown plain until the user asks for highlighting. */
export const LARGE_BLOCK_CHARS = 100_000

const CACHE_ENTRIES = 300
const cache = new Map<string, Root | null>()
const waiting = new Map<number, (tree: Root | null) => void>()
let worker: Worker | null | undefined
let nextId = 1

const keyOf = (code: string, language: string): string => `${language}\u0000${code}`

function remember(key: string, tree: Root | null): void {
  cache.delete(key)
  cache.set(key, tree)
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string)
}

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./highlight.worker.ts', import.meta.url), { type: 'module' })
  } catch {
    worker = null
  }
  worker?.addEventListener('message', (event: MessageEvent<{ id: number; tree: Root | null }>) => {
    waiting.get(event.data.id)?.(event.data.tree)
    waiting.delete(event.data.id)
  })
  return worker
}

/** The highlighted tree if this code was highlighted before; undefined if not yet. */
export function cachedHighlight(code: string, language: string): Root | null | undefined {
  return cache.get(keyOf(code, language))
}

/** Highlights code; null when the language is unknown. */
export function highlightCode(code: string, language: string): Promise<Root | null> {
  const key = keyOf(code, language)
  if (cache.has(key)) return Promise.resolve(cache.get(key) ?? null)
  const done = (tree: Root | null): Root | null => {
    remember(key, tree)
    return tree
  }
  const target = getWorker()
  if (target) {
    const id = nextId++
    return new Promise<Root | null>((resolve) => {
      waiting.set(id, resolve)
      target.postMessage({ id, code, language })
    }).then(done)
  }
  return import('./highlightCore').then(
    ({ highlightToTree }) =>
      new Promise<Root | null>((resolve) =>
        setTimeout(() => resolve(done(highlightToTree(code, language))), 0)
      )
  )
}
