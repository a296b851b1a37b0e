// Pure helpers for the history UI: the sidebar's order, search groups, date filters and the
// pieces of text to highlight. No React, no window.api: the store and the components share them.
import type { Conversation } from '../../../shared/types'
import type { SearchGroup, SearchHit, SnippetPart } from '../../../shared/search'

export { groupByConversation } from '../../../shared/search'

/** The different matched strings of a snippet, longest first (so "数据模型" wins over "数据"). */
export function matchedTerms(snippet: readonly SnippetPart[]): string[] {
  const terms = new Set<string>()
  for (const part of snippet) if (part.match && part.text.trim() !== '') terms.add(part.text)
  return [...terms].sort((a, b) => b.length - a.length)
}

/** A piece of text, and whether it is one of the terms to highlight. */
export interface TextPiece {
  text: string
  match: boolean
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g

/**
 * A regex finding any of the terms, ignoring case. The terms are the snippet's own matched
 * pieces, cut from the original text, so a literal search finds them (CJK and accents included).
 */
export function termsPattern(terms: readonly string[]): RegExp | null {
  const usable = terms.filter((term) => term.trim() !== '')
  if (usable.length === 0) return null
  // The snippet turns runs of white space into one space: let a space match any run again.
  const alternatives = usable.map((term) =>
    term.replace(REGEX_SPECIAL, '\\$&').replace(/ +/g, '\\s+')
  )
  return new RegExp(alternatives.join('|'), 'giu')
}

/** Cuts text into pieces at every occurrence of the terms. */
export function splitByTerms(text: string, terms: readonly string[]): TextPiece[] {
  const pattern = termsPattern(terms)
  if (!pattern || text === '') return [{ text, match: false }]
  const pieces: TextPiece[] = []
  let last = 0
  for (const found of text.matchAll(pattern)) {
    const start = found.index
    if (found[0] === '') continue
    if (start > last) pieces.push({ text: text.slice(last, start), match: false })
    pieces.push({ text: found[0], match: true })
    last = start + found[0].length
  }
  if (last < text.length) pieces.push({ text: text.slice(last), match: false })
  return pieces
}

/** Midnight (local time) at the start of a yyyy-mm-dd day, in ms; null for an empty field. */
export function dayStart(date: string): number | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!parts) return null
  return new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])).getTime()
}

/** Midnight at the end of a yyyy-mm-dd day: "To" includes the whole day it names. */
export function dayEnd(date: string): number | null {
  const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!parts) return null
  return new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]) + 1).getTime()
}

/** The unpinned sidebar order: most recent activity first, then the higher id. */
function newerThan(a: Conversation, b: Conversation): boolean {
  return a.updatedAt > b.updatedAt || (a.updatedAt === b.updatedAt && a.id > b.id)
}

/**
 * The sidebar list with a conversation put where it belongs: pinned ones first (a newly pinned one
 * on top, as main lists the last pinned first), then the rest by last activity. `toTop` puts an
 * unpinned conversation first among the unpinned (it was just written to).
 */
export function placeConversation(
  conversations: readonly Conversation[],
  conversation: Conversation,
  toTop = false
): Conversation[] {
  const index = conversations.findIndex((c) => c.id === conversation.id)
  const previous = index === -1 ? null : conversations[index]
  // Still where it was: update in place (the pinned order is main's, by when each was pinned).
  const stays =
    previous !== null &&
    previous.pinned === conversation.pinned &&
    (conversation.pinned || (!toTop && previous.updatedAt === conversation.updatedAt))
  if (stays) {
    const copy = [...conversations]
    copy[index] = conversation
    return copy
  }
  const rest =
    index === -1 ? [...conversations] : conversations.filter((c) => c.id !== conversation.id)
  if (conversation.pinned) return [conversation, ...rest]
  let at = rest.findIndex((c) => !c.pinned)
  if (at === -1) at = rest.length
  if (!toTop) while (at < rest.length && !newerThan(conversation, rest[at])) at++
  rest.splice(at, 0, conversation)
  return rest
}

// Markdown syntax that reads as noise in a one-line snippet: paired emphasis and code marks, and
// heading markers (the snippet has turned line breaks into spaces, so "## " after a space).
const PAIRED_MARKS = /(\*\*|__|~~|`)(?=\S)(.{1,200}?\S)\1/g
const BLOCK_MARKERS = /(?:^|\s)(#{1,6})(?= )/g

/**
 * A snippet of an assistant's Markdown as it reads when rendered: `**`, `~~`, backticks and
 * heading markers are dropped from the unmatched text (never from a match, so marks stay exact).
 */
export function readableSnippet(snippet: readonly SnippetPart[]): SnippetPart[] {
  const text = snippet.map((part) => part.text).join('')
  const drop = new Set<number>()
  for (const found of text.matchAll(PAIRED_MARKS)) {
    const open = found[1].length
    for (let i = 0; i < open; i++) {
      drop.add(found.index + i)
      drop.add(found.index + found[0].length - open + i)
    }
  }
  for (const found of text.matchAll(BLOCK_MARKERS)) {
    const start = found.index + found[0].length - found[1].length
    // The marker and the space after it.
    for (let i = 0; i <= found[1].length; i++) drop.add(start + i)
  }
  if (drop.size === 0) return [...snippet]
  let offset = 0
  const parts: SnippetPart[] = []
  for (const part of snippet) {
    let kept = part.text
    if (!part.match) {
      kept = ''
      for (let i = 0; i < part.text.length; i++) if (!drop.has(offset + i)) kept += part.text[i]
    }
    offset += part.text.length
    if (kept !== '') parts.push({ text: kept, match: part.match })
  }
  return parts
}

/** A title as compared with a question: white space folded, a trailing ellipsis dropped. */
function foldTitle(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/(…|\.\.\.)$/u, '')
    .trim()
    .toLocaleLowerCase()
}

/**
 * The groups without a title hit that only repeats a question shown beside it (a conversation is
 * titled after its first question, so both match): the question's hit opens at the message.
 */
export function withoutEchoedTitles(groups: readonly SearchGroup[]): SearchGroup[] {
  return groups.map((group) => {
    const questions = group.results
      .filter((hit) => hit.field === 'content' && hit.role === 'user')
      .map((hit) => foldTitle(hit.snippet.map((part) => part.text).join('')))
    const echoes = (hit: SearchHit): boolean => {
      if (hit.field !== 'title') return false
      const title = foldTitle(hit.snippet.map((part) => part.text).join(''))
      return title !== '' && questions.some((question) => question.startsWith(title))
    }
    return group.results.some(echoes)
      ? { ...group, results: group.results.filter((hit) => !echoes(hit)) }
      : group
  })
}

/** A run of a snippet: plain text, or math shown as its source in code style. */
export interface SnippetRun {
  code: boolean
  parts: SnippetPart[]
}

// Inline and display math as models write it: $…$, $$…$$, \(…\), \[…\].
const MATH = /\$\$(.+?)\$\$|\$(?=\S)([^$\n]*?\S)\$(?!\d)|\\\((.+?)\\\)|\\\[(.+?)\\\]/gu

/**
 * A snippet cut into runs: math becomes a code run holding its source without the delimiters
 * (never a formula: a snippet is a window of text and may cut one), the rest stays plain. Matches
 * stay marked in both.
 */
export function snippetRuns(snippet: readonly SnippetPart[]): SnippetRun[] {
  const text = snippet.map((part) => part.text).join('')
  // Each character: 0 plain, 1 math source, 2 a delimiter (dropped unless it is part of a match).
  const kind = new Uint8Array(text.length)
  for (const found of text.matchAll(MATH)) {
    const source = found[1] ?? found[2] ?? found[3] ?? found[4] ?? ''
    const open = found[0].indexOf(source)
    kind.fill(2, found.index, found.index + found[0].length)
    kind.fill(1, found.index + open, found.index + open + source.length)
  }
  const runs: SnippetRun[] = []
  const push = (code: boolean, piece: SnippetPart) => {
    const last = runs.at(-1)
    const lastPart = last?.parts.at(-1)
    if (last && last.code === code) {
      if (lastPart && lastPart.match === piece.match) lastPart.text += piece.text
      else last.parts.push({ ...piece })
    } else runs.push({ code, parts: [{ ...piece }] })
  }
  let offset = 0
  for (const part of snippet) {
    for (let i = 0; i < part.text.length; i++) {
      const k = kind[offset + i]
      if (k === 2 && !part.match) continue
      push(k === 1, { text: part.text[i], match: part.match })
    }
    offset += part.text.length
  }
  return runs
}
