// Find in a chat, the marks: a message's rendered text (Markdown, code, the user's bubble) is read
// from the DOM, folded as search folds (shared/textFold.ts), and its matches become DOM Ranges
// painted through the CSS Custom Highlight API: nothing is re-rendered and no element is added,
// so highlighted code and Markdown stay as React made them.
import { matchRanges } from '../../../../shared/find'

/** The names the stylesheet paints (FindBar.css): every match, and the current one. */
export const MATCH_HIGHLIGHT = 'find-match'
export const CURRENT_HIGHLIGHT = 'find-current'

// Where a message's own text is: the user's bubble, the answer's Markdown (or plain fallback).
const TEXT_ROOTS = '.message-bubble, .markdown'
// Text that is not the message's: controls, labels, KaTeX's MathML twin of what it draws.
const NOT_TEXT =
  'button, .code-block-header, .visually-hidden, .katex-mathml, .note, .find-bar, [role="status"]'
// Elements that start a new line: text on both sides of one never runs together.
const BLOCK =
  'p, li, pre, td, th, h1, h2, h3, h4, h5, h6, blockquote, tr, dt, dd, div, table, ul, ol, hr'

interface TextMap {
  text: string
  nodes: Text[]
  /** Where each node's text starts in `text`. */
  starts: number[]
}

/** A message element's text as the reader sees it, with the text nodes it comes from. */
export function readText(element: Element): TextMap {
  const map: TextMap = { text: '', nodes: [], starts: [] }
  let lastBlock: Element | null = null
  const roots = [...element.querySelectorAll(TEXT_ROOTS)].filter(
    (root) => !root.parentElement?.closest(TEXT_ROOTS)
  )
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement
      if (!parent || parent.closest(NOT_TEXT) || !node.nodeValue) continue
      const block = parent.closest(BLOCK)
      // A new block starts a new line: its words never join the last block's.
      if (map.nodes.length && block !== lastBlock) map.text += '\n'
      lastBlock = block
      map.nodes.push(node as Text)
      map.starts.push(map.text.length)
      map.text += node.nodeValue
    }
  }
  return map
}

/** The node holding offset `at` of the text (the last one starting at or before it). */
function nodeAt(map: TextMap, at: number): number {
  let low = 0
  let high = map.starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if (map.starts[middle] <= at) low = middle
    else high = middle - 1
  }
  return low
}

// The matches last found in a row's text: the list re-marks on every change under it (a row
// scrolled in, code highlighted, a reply growing), and folding a long answer again each time
// would cost more than reading its text.
const lastFound = new WeakMap<
  Element,
  { text: string; needle: string; found: Array<[number, number]> }
>()

/** The Ranges of a message element's matches of a folded query, in reading order. */
export function matchesIn(element: Element, needle: string): Range[] {
  const map = readText(element)
  if (!map.nodes.length) return []
  let last = lastFound.get(element)
  if (!last || last.text !== map.text || last.needle !== needle) {
    last = { text: map.text, needle, found: matchRanges(map.text, needle) }
    lastFound.set(element, last)
  }
  const ranges: Range[] = []
  for (const [start, end] of last.found) {
    const first = nodeAt(map, start)
    const last = nodeAt(map, end - 1)
    const range = document.createRange()
    range.setStart(map.nodes[first], start - map.starts[first])
    range.setEnd(map.nodes[last], Math.min(end - map.starts[last], map.nodes[last].length))
    ranges.push(range)
  }
  return ranges
}

/** Paints the matches and the current one (or clears both with empty lists). */
export function paintHighlights(matches: Range[], current: Range | null): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return
  if (matches.length) CSS.highlights.set(MATCH_HIGHLIGHT, new Highlight(...matches))
  else CSS.highlights.delete(MATCH_HIGHLIGHT)
  if (current) CSS.highlights.set(CURRENT_HIGHLIGHT, new Highlight(current))
  else CSS.highlights.delete(CURRENT_HIGHLIGHT)
}
