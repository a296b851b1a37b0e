// The query side of full-text search: parsing what the user typed into terms, the FTS5 match
// expression, finding terms in a folded text and the snippet around a match. The index side
// (folding, tokens) is db/searchText.ts; docs/search.md states the semantics.
import type { SnippetPart } from '../../shared/search'
import { commonPairs, foldText, foldWithOffsets, isCjkFolded, tokenize } from '../db/searchText'

/** One search term: a word, a CJK string, or a quoted phrase, already folded. */
export interface SearchTerm {
  /** The folded form of the term (never empty, no leading or trailing space). */
  folded: string
  /** Quoted: the last word must be whole. Unquoted: the last word may be a word's beginning. */
  quoted: boolean
}

const QUOTE_OPEN = new Set(['"', '“', '”', '＂'])
const QUOTE_CLOSE = new Set(['"', '“', '”', '＂'])
const SPACE = /\s/u

/**
 * Splits what the user typed into terms: runs of non-space characters, and "quoted phrases"
 * (straight, curly or full-width quotes; an unclosed quote runs to the end). Terms with no
 * letter or digit are dropped.
 */
export function parseQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = []
  const push = (raw: string, quoted: boolean) => {
    const folded = foldText(raw)
    if (folded) terms.push({ folded, quoted })
  }
  let current = ''
  let inQuote = false
  for (const char of query) {
    if (inQuote) {
      if (QUOTE_CLOSE.has(char)) {
        push(current, true)
        current = ''
        inQuote = false
      } else current += char
    } else if (QUOTE_OPEN.has(char)) {
      push(current, false)
      current = ''
      inQuote = true
    } else if (SPACE.test(char)) {
      push(current, false)
      current = ''
    } else current += char
  }
  push(current, inQuote)
  return terms
}

/**
 * Lists the indexed words that start with `prefix` (null: too many to list). Lets a query name
 * the words instead of asking FTS5 for a prefix its prefix index does not cover: FTS5 merges such
 * a prefix's whole doclist before returning the first row, while named words are read lazily.
 */
export type ExpandPrefix = (prefix: string) => string[] | null

/** Prefixes up to this many characters have their own FTS5 prefix index (prefix = '1 2 3'). */
export const INDEXED_PREFIX_LENGTH = 3

/**
 * The FTS5 MATCH expression for the terms: each term one quoted phrase of index tokens, all ANDed.
 * Tokens hold only letters, digits and CJK, so no user character reaches FTS5 syntax. Null when
 * `expand` shows that nothing can match.
 */
export function ftsMatchExpression(
  terms: readonly SearchTerm[],
  expand?: ExpandPrefix
): string | null {
  const parts: string[] = []
  for (const term of terms) {
    const chars = [...term.folded]
    const endsInWord = !isCjkFolded(chars.at(-1)!)
    const endsInSingleCjk = !endsInWord && (chars.length < 2 || !isCjkFolded(chars.at(-2)!))
    const tokens = tokenize(term.folded, true)
    const prefix = endsInWord ? !term.quoted : endsInSingleCjk
    const quote = (words: readonly string[]) => `"${words.join(' ').replaceAll('"', '""')}"`
    let phrase = `${quote(tokens)}${prefix ? '*' : ''}`
    const last = tokens.at(-1)!
    if (prefix && endsInWord && expand && [...last].length > INDEXED_PREFIX_LENGTH) {
      const words = expand(last)
      if (words && !words.length) return null
      if (words)
        phrase = `(${words.map((word) => quote([...tokens.slice(0, -1), word])).join(' OR ')})`
    }
    parts.push(phrase, ...commonPairs(tokens, prefix).map((pair) => quote([pair])))
  }
  return parts.join(' AND ')
}

const isWordChar = (folded: string, index: number): boolean => {
  if (index < 0 || index >= folded.length) return false
  const code = folded.charCodeAt(index)
  if (code === 32) return false
  if (code < 0x1100) return true
  const char = String.fromCodePoint(folded.codePointAt(index)!)
  // index may point at the low half of a surrogate pair: look at the pair.
  if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
    return !isCjkFolded(String.fromCodePoint(folded.codePointAt(index - 1)!))
  }
  return !isCjkFolded(char)
}

/**
 * Where a term occurs in a folded text, as [start, end) ranges of the folded string (overlapping
 * occurrences included). A term starting with a word must start at a word's start; a quoted term
 * ending with a word must end at a word's end; CJK matches anywhere.
 */
export function findTerm(folded: string, term: SearchTerm, first = false): Array<[number, number]> {
  const found: Array<[number, number]> = []
  const needle = term.folded
  const startsWord = isWordChar(needle, 0)
  const endsWholeWord = term.quoted && isWordChar(needle, needle.length - 1)
  for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
    if (startsWord && isWordChar(folded, at - 1)) continue
    const end = at + needle.length
    if (endsWholeWord && isWordChar(folded, end)) continue
    found.push([at, end])
    if (first) break
  }
  return found
}

/** Whether a term occurs in a folded text (see findTerm). */
export function hasTerm(folded: string, term: SearchTerm): boolean {
  // Stryker disable next-line BooleanLiteral: finding them all answers the same
  return findTerm(folded, term, true).length > 0
}

/**
 * A window of about `width` characters of `text` around its first match, cut into plain and
 * matched pieces. Every occurrence of every term inside the window is marked. Null if no term
 * occurs in the text.
 */
export function buildSnippet(
  text: string,
  terms: readonly SearchTerm[],
  width = 100
): SnippetPart[] | null {
  const { folded, starts, ends } = foldWithOffsets(text)
  const ranges: Array<[number, number]> = []
  for (const term of terms) {
    for (const [s, e] of findTerm(folded, term)) ranges.push([starts[s], ends[e - 1]])
  }
  if (!ranges.length) return null
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: Array<[number, number]> = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([...range])
  }

  const [firstStart, firstEnd] = merged[0]
  let start = Math.max(0, firstStart - Math.floor(width / 3))
  let end = Math.min(text.length, Math.max(start + width, firstEnd))
  if (end - start < width) start = Math.max(0, end - width)
  // Start at a word's start when one is close; never cut a surrogate pair in two.
  if (start > 0) {
    const space = text.slice(start, firstStart).search(/\s/)
    if (space >= 0 && space < 15) start += space + 1
    if (isLowSurrogate(text, start)) start++
  }
  if (end < text.length && isLowSurrogate(text, end)) end++

  const parts: SnippetPart[] = []
  const add = (from: number, to: number, match: boolean) => {
    if (to <= from) return
    const piece = text.slice(from, to).replace(/\s+/g, ' ')
    const last = parts.at(-1)
    if (last && last.match === match) last.text += piece
    else parts.push({ text: piece, match })
  }
  if (start > 0) parts.push({ text: '…', match: false })
  let at = start
  for (const [s, e] of merged) {
    if (e <= start || s >= end) continue
    add(at, Math.max(s, start), false)
    add(Math.max(s, start), Math.min(e, end), true)
    at = Math.min(e, end)
  }
  add(at, end, false)
  if (end < text.length) {
    const last = parts.at(-1)!
    if (last.match) parts.push({ text: '…', match: false })
    else last.text += '…'
  }
  return parts
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  return code >= 0xdc00 && code <= 0xdfff
}
