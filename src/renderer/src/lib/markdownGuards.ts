// Guards in front of the Markdown parser and KaTeX: one linear look at the source decides whether
// parsing it could hold the window for more than a frame, and then it is shown as plain text (or a
// formula as its source). Pure functions on strings, usable by any pipeline.

/**
 * Deeper than this many nested lists, quotes or brackets, a block is plain text. Parsing grows
 * faster than the text with depth (600-deep indented lists took 13 s for 360 KB; 3,000 nested
 * links 1.7 s); legitimate answers stay far below.
 */
export const MAX_NESTING = 32
/** A run of emphasis delimiters (`*`, `_`, `~`) longer than this makes a block plain text. */
export const MAX_DELIMITER_RUN = 256
/**
 * More emphasis delimiters than this in one paragraph or table row makes the block plain text:
 * matching them is quadratic (2,000 `*a` took 0.3 s to parse, 10,000 took 4 s, 50,000 minutes).
 */
export const MAX_DELIMITERS = 1_000

/**
 * More list items than this in one block makes it plain text: the parser spends about half a
 * millisecond per item on a loaded machine (2,000 items of a 40 KB list took 1.3 s).
 */
export const MAX_LIST_ITEMS = 400

/** Why a block is shown as plain text rather than parsed: null when it is safe to parse. */
export type MarkdownHazard = 'nesting' | 'delimiters' | 'items' | null

/** Deeper than this, a Markdown parse takes seconds and turning it into HTML overflows the stack. */
export const MAX_MARKDOWN_NESTING = 100

// One block-container marker at the start of a line: a quote `>`, a bullet, or a numbered item.
const CONTAINER_MARKER = /^[ \t]{0,3}(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]?/

/**
 * Whether some line opens more than `MAX_MARKDOWN_NESTING` quotes or lists at once (`- - - x`,
 * `>>>> x`). Such text is shown as plain text: with 2,000 levels the parser takes seconds and
 * mdast-to-hast throws "Maximum call stack size exceeded".
 */
export function isTooDeepForMarkdown(text: string): boolean {
  // Cheap upper bound first: a line needs at least one character per level.
  if (text.length <= MAX_MARKDOWN_NESTING) return false
  for (const line of text.split('\n')) {
    if (line.length <= MAX_MARKDOWN_NESTING) continue
    let rest = line
    let depth = 0
    for (
      let found = CONTAINER_MARKER.exec(rest);
      found && found[0] !== '';
      found = CONTAINER_MARKER.exec(rest)
    ) {
      if (++depth > MAX_MARKDOWN_NESTING) return true
      rest = rest.slice(found[0].length)
    }
  }
  return false
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/
const MARGIN_LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])[ \t]/

/** A long list is cut into pieces of at least this many characters, each parsed on its own. */
export const LIST_PIECE_CHARS = 2_000

/**
 * A block that is a long tight list, cut before top-level items into pieces of at least
 * LIST_PIECE_CHARS characters (a numbered piece keeps its first number, so the numbering goes
 * on), so that no one parse takes long and pieces are formatted a few per task. Any other block
 * is returned whole. A text that grows at its end changes only its last piece.
 */
export function splitLongList(block: string): string[] {
  if (block.length < 2 * LIST_PIECE_CHARS || !MARGIN_LIST_ITEM.test(block)) return [block]
  const pieces: string[] = []
  let start = 0
  let position = block.indexOf('\n', LIST_PIECE_CHARS)
  while (position !== -1 && position < block.length - 1) {
    const next = position + 1
    if (MARGIN_LIST_ITEM.test(block.slice(next, next + 12))) {
      pieces.push(block.slice(start, next))
      start = next
      position = block.indexOf('\n', next + LIST_PIECE_CHARS)
    } else {
      position = block.indexOf('\n', next)
    }
  }
  pieces.push(block.slice(start))
  return pieces
}

/** Width of a line's leading white space, tabs to the next multiple of 4. */
function indentOf(line: string): number {
  let width = 0
  for (const char of line) {
    if (char === ' ') width++
    else if (char === '\t') width += 4 - (width % 4)
    else break
  }
  return width
}

/**
 * Whether parsing this Markdown block could take more than a frame: lists, quotes or links nested
 * deeper than MAX_NESTING (by markers on one line, by indentation, or by open brackets), or
 * emphasis delimiters in a run longer than MAX_DELIMITER_RUN or more than MAX_DELIMITERS in a
 * paragraph or table row.
 * Fenced code is skipped. Linear in the text's length.
 */
export function markdownHazard(text: string): MarkdownHazard {
  if (isTooDeepForMarkdown(text)) return 'nesting'
  let fence: string | null = null
  let brackets = 0
  let delimiters = 0
  let items = 0
  let position = 0
  while (position <= text.length) {
    const end = text.indexOf('\n', position)
    const lineEnd = end === -1 ? text.length : end
    const line = text.slice(position, lineEnd)
    position = lineEnd + 1
    const marker = FENCE.exec(line)?.[1]
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null
      continue
    }
    if (marker) {
      fence = marker
      continue
    }
    // A blank line ends a paragraph: brackets do not stay open across it, and delimiters are
    // matched within a paragraph or a table cell.
    if (line.trim() === '') brackets = 0
    if (line.trim() === '' || line.trimStart().startsWith('|')) delimiters = 0
    // A nested list item is indented by at least two columns per level.
    if (indentOf(line) > 2 * MAX_NESTING) return 'nesting'
    if (LIST_ITEM.test(line) && ++items > MAX_LIST_ITEMS) return 'items'
    let run = 0
    for (let index = 0; index < line.length; index++) {
      const char = line[index]
      if (char === '\\') {
        index++
        run = 0
        continue
      }
      if (char === '*' || char === '_' || char === '~') {
        if (++run > MAX_DELIMITER_RUN || ++delimiters > MAX_DELIMITERS) return 'delimiters'
        continue
      }
      run = 0
      if (char === '[' && ++brackets > MAX_NESTING) return 'nesting'
      if (char === ']' && brackets > 0) brackets--
    }
  }
  return null
}

/** A formula longer than this is shown as its source. */
export const MAX_MATH_SOURCE = 3_000
/** A formula whose macros would expand to more tokens than this is shown as its source. */
export const MAX_MATH_TOKENS = 10_000
/** Braces nested deeper than this (`\sqrt{\sqrt{…}}`) make a formula its source. */
export const MAX_MATH_DEPTH = 64

const TOKEN = /\\[a-zA-Z@]+|\\.|#\d|[\s\S]/g
const DEFINERS = new Set([
  '\\def',
  '\\gdef',
  '\\edef',
  '\\xdef',
  '\\newcommand',
  '\\renewcommand',
  '\\providecommand',
  '\\let',
  '\\futurelet'
])

/**
 * Whether KaTeX could spend long on this formula: too long, braces too deep, or macros that would
 * expand to more than MAX_MATH_TOKENS tokens (a 1.2 KB "macro bomb" expands to 160,000 atoms and
 * holds the window for seconds even with KaTeX's own `maxExpand`). The expansion is estimated,
 * not performed: a macro costs its body's tokens with each user macro in it replaced by its cost,
 * and each `#n` argument as if it were the whole formula.
 */
export function mathHazard(source: string): boolean {
  if (source.length > MAX_MATH_SOURCE) return true
  const tokens = source.match(TOKEN) ?? []
  let depth = 0
  for (const token of tokens) {
    if (token === '{' && ++depth > MAX_MATH_DEPTH) return true
    if (token === '}') depth--
  }
  if (!tokens.some((token) => DEFINERS.has(token))) return false
  const costs = new Map<string, number>()
  const costOf = (token: string): number => costs.get(token) ?? 1
  let total = 0
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (!DEFINERS.has(token)) {
      total += costOf(token)
      if (total > MAX_MATH_TOKENS) return true
      continue
    }
    // The name: `\def\x`, `\newcommand{\x}` or `\newcommand\x`.
    let at = index + 1
    let braced = false
    while (tokens[at] === '{' || tokens[at]?.trim() === '') braced ||= tokens[at++] === '{'
    const name = tokens[at]
    if (name === undefined) break
    if (braced && tokens[at + 1] === '}') at++
    // The body: everything up to the first brace group's end (parameters and `[n]` skipped).
    let body = 0
    let level = 0
    let opened = false
    for (at++; at < tokens.length; at++) {
      const part = tokens[at]
      if (part === '{') {
        if (level++ > 0) body++
        opened = true
      } else if (part === '}') {
        if (--level === 0 && opened) break
        if (level > 0) body++
      } else if (opened && level > 0) {
        body += part.startsWith('#') ? source.length : costOf(part)
      } else if (token === '\\let' || token === '\\futurelet') {
        body = costOf(part)
        if (part.trim() !== '' && part !== '=') break
      }
      if (body > MAX_MATH_TOKENS) return true
    }
    costs.set(name, Math.max(1, body))
    index = at
  }
  return false
}
