// highlight.js through lowlight, with the common grammars: what the highlight worker runs.
import type { Root } from 'hast'
import { common, createLowlight } from 'lowlight'

const lowlight = createLowlight(common)

/** The code as highlight.js tokens (a hast tree of spans), or null for a language it does not know. */
export function highlightToTree(code: string, language: string): Root | null {
  if (!lowlight.registered(language)) return null
  return lowlight.highlight(language, code)
}
