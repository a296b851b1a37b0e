// The folded form of a text, shared by full-text search (main/db/searchText.ts builds the index
// from it, main/history/searchQuery.ts the queries) and find in a chat (main/history/findInChat.ts
// counts matches, the renderer's components/find marks them in the rendered text), so that all
// of them agree on what matches. docs/search.md states the semantics.
//
// Every character is folded on its own (case, diacritics, width), letters and digits are kept,
// and every other run of characters (spaces, punctuation, symbols) becomes one space. A space
// between a CJK character and a Latin word is dropped, because CJK writing puts spaces around
// Latin words or not, at will. In the folded form a character is one of three kinds: a space, a
// CJK character (Han, kana, Hangul), or a word character (any other letter or digit).

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
export const NOT_ASCII = /[^\x00-\x7f]/
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
