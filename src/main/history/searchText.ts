// The text side of full-text search, shared by the index (through the search_text SQL function),
// the query builder, the snippet highlighter and the benchmark's plain scan. docs/search.md
// states the semantics this file implements.
//
// Everything starts from the folded form of a text: every character is folded on its own
// (case, diacritics, width), letters and digits are kept, and every other run of characters
// (spaces, punctuation, symbols) becomes one space. A space between a CJK character and a Latin
// word is dropped, because CJK writing puts spaces around Latin words or not, at will.
// In the folded form a character is one of three kinds: a space, a CJK character (Han, kana,
// Hangul), or a word character (any other letter or digit).

import type Database from 'better-sqlite3'

enum Kind {
  Gap = 0,
  Word = 1,
  Cjk = 2,
  /** Marks and invisible format characters: part of the character before, never a gap. */
  Ignore = 3
}

interface Folded {
  kind: Kind
  /** The folded characters; a space inside separates words (½ → "1 2"). Empty for Gap, Ignore. */
  text: string
  /** A combining mark: it belongs to the cluster before it. */
  mark: boolean
  /** Marks after this character fold together with it (kana voicing, Indic vowel signs). */
  composes: boolean
}

const CJK = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u
const MARK = /^\p{M}$/u
const FORMAT = /^\p{Cf}$/u
// Scripts whose vowel signs are combining marks that carry meaning: keep their marks.
const KEEPS_MARKS =
  /^[\p{sc=Deva}\p{sc=Beng}\p{sc=Guru}\p{sc=Gujr}\p{sc=Orya}\p{sc=Taml}\p{sc=Telu}\p{sc=Knda}\p{sc=Mlym}\p{sc=Sinh}\p{sc=Thai}\p{sc=Laoo}\p{sc=Tibt}\p{sc=Mymr}\p{sc=Khmr}]$/u
// Letters that NFKD does not split into a base letter and a mark, folded by hand.
const EXTRA_FOLDS: Record<string, string> = {
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ħ: 'h',
  ŧ: 't',
  ı: 'i',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ς: 'σ'
}
// Half-width katakana voicing marks are letters, not combining marks, but compose like them.
const HALF_WIDTH_VOICING = new Set([0xff9e, 0xff9f])

const foldCache = new Map<number, Folded>()
const ASCII: Folded[] = Array.from({ length: 128 }, (_, code) => {
  const char = String.fromCharCode(code)
  const word = /[0-9A-Za-z]/.test(char)
  return {
    kind: word ? Kind.Word : Kind.Gap,
    text: word ? char.toLowerCase() : '',
    mark: false,
    composes: false
  }
})

/** Folds one code point, or a base code point with the marks that follow it. */
function foldCluster(cluster: string): Folded {
  const base = String.fromCodePoint(cluster.codePointAt(0)!)
  const code = base.codePointAt(0)!
  if (HALF_WIDTH_VOICING.has(code))
    return { kind: Kind.Ignore, text: '', mark: true, composes: false }
  if (CJK.test(base) && LETTER_OR_DIGIT.test(base)) {
    // Kana keep their voicing marks (か and が differ); width and compatibility forms fold.
    const text = [...cluster.normalize('NFKC')].filter((c) => LETTER_OR_DIGIT.test(c)).join('')
    return { kind: text ? Kind.Cjk : Kind.Ignore, text, mark: false, composes: true }
  }
  if (MARK.test(base)) return { kind: Kind.Ignore, text: '', mark: true, composes: false }
  if (FORMAT.test(base)) return { kind: Kind.Ignore, text: '', mark: false, composes: false }
  const keepMarks = KEEPS_MARKS.test(base)
  let text = ''
  let pendingSpace = false
  for (const c of cluster.toLowerCase().normalize(keepMarks ? 'NFC' : 'NFKD')) {
    if (MARK.test(c)) {
      if (keepMarks && text) text += c
    } else if (LETTER_OR_DIGIT.test(c)) {
      if (pendingSpace && text) text += ' '
      pendingSpace = false
      text += EXTRA_FOLDS[c] ?? c
    } else pendingSpace = true
  }
  if (!text) return { kind: Kind.Gap, text: '', mark: false, composes: false }
  // A compatibility character may fold to CJK (e.g. a CJK compatibility ideograph).
  const cjk = CJK.test(String.fromCodePoint(text.codePointAt(0)!))
  return { kind: cjk ? Kind.Cjk : Kind.Word, text, mark: false, composes: keepMarks }
}

function foldCodePoint(code: number): Folded {
  if (code < 128) return ASCII[code]
  let folded = foldCache.get(code)
  if (!folded) {
    folded = foldCluster(String.fromCodePoint(code))
    foldCache.set(code, folded)
  }
  return folded
}

const isLeadingJamo = (code: number) => code >= 0x1100 && code <= 0x115f
const isFollowingJamo = (code: number) => code >= 0x1160 && code <= 0x11ff
const isMark = (code: number) => code >= 0x300 && foldCodePoint(code).mark

/** Whether a folded character (one code point) is CJK. */
export function isCjkFolded(char: string): boolean {
  const code = char.codePointAt(0)!
  return code >= 0x1100 && foldCodePoint(code).kind === Kind.Cjk
}

/**
 * Walks `text` cluster by cluster, calling `emit` with each folded piece and the original range
 * it came from. A cluster is a code point with the combining marks after it, or a Hangul
 * syllable spelled as conjoining jamo.
 */
function walk(text: string, emit: (folded: Folded, start: number, end: number) => void): void {
  const length = text.length
  let i = 0
  while (i < length) {
    const start = i
    const code = text.codePointAt(i)!
    i += code > 0xffff ? 2 : 1
    let folded = foldCodePoint(code)
    let end = i
    while (end < length) {
      const next = text.codePointAt(end)!
      if (!(isMark(next) || (isLeadingJamo(code) && isFollowingJamo(next)))) break
      end += next > 0xffff ? 2 : 1
    }
    if (end > i) {
      // Marks after a Latin letter fold away (e + U+0301 → e); kana and Indic compose them.
      if (folded.composes || isLeadingJamo(code)) folded = foldCluster(text.slice(start, end))
      i = end
    }
    emit(folded, start, i)
  }
}

/**
 * The folded form of a text (see the top of this file), with, for every UTF-16 unit of the folded
 * string, the range of the original text it came from.
 */
export function foldWithOffsets(text: string): {
  folded: string
  starts: number[]
  ends: number[]
} {
  let folded = ''
  const starts: number[] = []
  const ends: number[] = []
  let last: Kind = Kind.Gap // kind of the last character written (Gap: nothing or a space)
  let gapStart = -1 // where a pending gap began in the original, -1 if none
  walk(text, (piece, start, end) => {
    if (piece.kind === Kind.Ignore) return
    if (piece.kind === Kind.Gap || !piece.text) {
      if (gapStart < 0) gapStart = start
      return
    }
    if (gapStart >= 0) {
      // A space only between two words or two CJK characters: 中 abc and 中abc fold alike.
      if (last === piece.kind) {
        folded += ' '
        starts.push(gapStart)
        ends.push(start)
      }
      gapStart = -1
    }
    for (let k = 0; k < piece.text.length; k++) {
      starts.push(start)
      ends.push(end)
    }
    folded += piece.text
    last = piece.kind
  })
  return { folded, starts, ends }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
const NOT_ASCII = /[^\x00-\x7f]/
const ASCII_GAPS = /[^a-z0-9]+/g

/** The folded form of a text: see the top of this file and docs/search.md. */
export function foldText(text: string): string {
  if (!NOT_ASCII.test(text)) return text.toLowerCase().replace(ASCII_GAPS, ' ').trim()
  let folded = ''
  let last: Kind = Kind.Gap
  let gap = false
  walk(text, (piece) => {
    if (piece.kind === Kind.Ignore) return
    if (piece.kind === Kind.Gap || !piece.text) {
      gap = true
      return
    }
    if (gap && last === piece.kind) folded += ' '
    gap = false
    folded += piece.text
    last = piece.kind
  })
  return folded
}

/**
 * Splits a folded text into index tokens: every word is a token; a CJK run c1…cn gives one token
 * per character, the pair ci ci+1, and cn alone at the end of the run. So a CJK character is
 * found as the prefix of its token, two adjacent ones as one token, and longer runs as a phrase
 * of pairs; a pair never spans a space, so adjacency in the tokens is adjacency in the text.
 */
function tokenize(folded: string, openEnd: boolean): string[] {
  const tokens: string[] = []
  const chars = [...folded]
  let word = ''
  let run: string[] = []
  const endRun = (atEnd: boolean) => {
    for (let k = 0; k + 1 < run.length; k++) tokens.push(run[k] + run[k + 1])
    // At the open end of a query the text may continue the run: the last pair already says it.
    if (run.length && !(atEnd && openEnd && run.length > 1)) tokens.push(run[run.length - 1])
    run = []
  }
  for (const char of chars) {
    if (char === ' ') {
      if (word) tokens.push(word)
      word = ''
      endRun(false)
    } else if (isCjkFolded(char)) {
      if (word) tokens.push(word)
      word = ''
      run.push(char)
    } else {
      endRun(false)
      word += char
    }
  }
  if (word) tokens.push(word)
  endRun(true)
  return tokens
}

// The most frequent English words, single letters and digits. A phrase made only of them (say
// "the the") would make FTS5 compare the positions of these words in most messages; so the index
// also holds, after a column's tokens, one token per pair of them that stand side by side
// (·the·of), and a phrase query requires its pairs too. A phrase that does not occur then costs
// one lookup. Changing this list needs the index rebuilt.
const COMMON_WORDS = new Set(
  `the of and a to in is it you that for on with as be this are was i at or by not from we an but
  can if have has your my our will all so do what which there they he she his her its me no yes
  one more when how about up out then than also just into some any these those them their been
  were would should could may might must very too most other such only own same each few both
  after before over under again once here why who where while because until am being did does
  had s t d m ll re ve b c e f g h j k l n o p q r u v w x y z 0 1 2 3 4 5 6 7 8 9`.split(/\s+/)
)
// U+00B7 is punctuation, so folded text never holds it: a pair token cannot collide with a word.
const PAIR_MARK = '\u00b7'

/** The pair tokens of adjacent common words among `tokens` (the last one excluded if open). */
function commonPairs(tokens: readonly string[], openLast: boolean): string[] {
  const pairs = new Set<string>()
  const end = openLast ? tokens.length - 1 : tokens.length
  for (let i = 0; i + 1 < end; i++) {
    if (COMMON_WORDS.has(tokens[i]) && COMMON_WORDS.has(tokens[i + 1])) {
      pairs.add(PAIR_MARK + tokens[i] + PAIR_MARK + tokens[i + 1])
    }
  }
  return [...pairs]
}

/**
 * The text the FTS index holds for a column: the index tokens, then the common-word pairs,
 * separated by spaces. (No query phrase holds a pair token, so none can match across the two.)
 */
export function indexText(text: string | null): string {
  if (!text) return ''
  const folded = foldText(text)
  // Without CJK the words are the tokens.
  const tokens = NOT_ASCII.test(folded) ? tokenize(folded, false) : folded.split(' ')
  const pairs = commonPairs(tokens, false)
  return pairs.length ? `${tokens.join(' ')} ${pairs.join(' ')}` : tokens.join(' ')
}

/** Registers search_text(), which the FTS triggers call; needed on every connection. */
export function registerSearchFunctions(db: Database.Database): void {
  db.function('search_text', { deterministic: true }, (text: unknown) =>
    indexText(typeof text === 'string' ? text : text == null ? '' : String(text))
  )
}

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
  return findTerm(folded, term, true).length > 0
}

import type { SnippetPart } from '../../shared/search'

export type { SnippetPart }

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
