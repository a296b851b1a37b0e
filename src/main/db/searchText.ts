// The text the full-text index holds: the folded form of a text, its index tokens, and the
// search_text SQL function the FTS triggers call (so it belongs with the database). The query
// side (history/searchQuery.ts) and the benchmark's plain scan fold the same way. docs/search.md
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
    // Stryker disable next-line StringLiteral: an ignored piece's text is never read
    return { kind: Kind.Ignore, text: '', mark: true, composes: false }
  if (CJK.test(base) && LETTER_OR_DIGIT.test(base)) {
    // Kana keep their voicing marks (か and が differ); width and compatibility forms fold.
    const text = [...cluster.normalize('NFKC')].filter((c) => LETTER_OR_DIGIT.test(c)).join('')
    return { kind: text ? Kind.Cjk : Kind.Ignore, text, mark: false, composes: true }
  }
  // Stryker disable next-line StringLiteral: an ignored piece's text is never read
  if (MARK.test(base)) return { kind: Kind.Ignore, text: '', mark: true, composes: false }
  if (FORMAT.test(base)) return { kind: Kind.Ignore, text: '', mark: false, composes: false }
  const keepMarks = KEEPS_MARKS.test(base)
  let text = ''
  // Stryker disable next-line BooleanLiteral: a space is only written between letters
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
  // Stryker disable next-line ObjectLiteral,StringLiteral: a gap's text is never read
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
  // Stryker disable next-line UnaryOperator: no space is written before the first letter
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
  // Stryker disable next-line BooleanLiteral: no space is written before the first letter
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
export function tokenize(folded: string, openEnd: boolean): string[] {
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
export function commonPairs(tokens: readonly string[], openLast: boolean): string[] {
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
