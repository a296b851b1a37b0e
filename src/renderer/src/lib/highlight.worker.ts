// Highlights code off the main thread: a message in, its highlighted pieces (or null) out. The page
// terminates this worker when one block takes longer than its budget (lib/highlight.ts).
import { highlightToChunks } from './highlightCore'

self.onmessage = (event: MessageEvent<{ id: number; code: string; language: string }>) => {
  const { id, code, language } = event.data
  let result = null
  try {
    result = highlightToChunks(code, language)
  } catch {
    // A grammar that throws leaves the block plain.
  }
  self.postMessage({ id, result })
}
