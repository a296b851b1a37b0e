// Highlights code off the main thread: a message in, its hast tree (or null) out.
import { highlightToTree } from './highlightCore'

self.onmessage = (event: MessageEvent<{ id: number; code: string; language: string }>) => {
  const { id, code, language } = event.data
  let tree = null
  try {
    tree = highlightToTree(code, language)
  } catch {
    // A grammar that throws leaves the block plain.
  }
  self.postMessage({ id, tree })
}
