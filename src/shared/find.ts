// Find in a chat: what a query matches in a message's text, with the same folding as search
// (textFold.ts), so "3 of 41" counted by main over the stored text and the marks the renderer
// puts on the rendered text agree. A match is the folded query as a substring of the folded
// text (as a browser's find does), left to right, never overlapping.
import type { FindResult } from './search'
import { foldText, foldWithOffsets } from './textFold'

export type { FindResult } from './search'

/** The folded form of what was typed in the find bar; '' when it holds nothing to find. */
export function foldQuery(query: string): string {
  return foldText(query)
}

/** Where `needle` (a folded query, not empty) occurs in a folded text: start offsets, in order. */
export function findFolded(folded: string, needle: string): number[] {
  const found: number[] = []
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length))
    found.push(at)
  return found
}

/** How many times `needle` occurs in a folded text (as findFolded counts them). */
export function countFolded(folded: string, needle: string): number {
  let count = 0
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + needle.length))
    count++
  return count
}

/**
 * The matches of `needle` (a folded query) in an unfolded text, as [start, end) ranges of that
 * text in UTF-16 units: a match covers every original character a matched folded one came from
 * (ﬁ, ß and a letter with its combining marks whole).
 */
export function matchRanges(text: string, needle: string): Array<[number, number]> {
  if (!needle) return []
  const { folded, starts, ends } = foldWithOffsets(text)
  return findFolded(folded, needle).map((at) => [starts[at], ends[at + needle.length - 1]])
}

/** The message holding the match at `index` (in the branch's order) and which of its matches. */
export function locateMatch(
  hits: FindResult['hits'],
  index: number
): { messageId: number; nth: number } | null {
  let before = 0
  for (const hit of hits) {
    if (index < before + hit.count) return { messageId: hit.messageId, nth: index - before }
    before += hit.count
  }
  return null
}

/** The first match in a message at or after `messageId` (ids grow along a branch); else 0. */
export function firstMatchFrom(hits: FindResult['hits'], messageId: number | null): number {
  let before = 0
  for (const hit of hits) {
    if (messageId !== null && hit.messageId >= messageId) return before
    before += hit.count
  }
  return 0
}
