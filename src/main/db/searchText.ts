// The text the full-text index holds: its index tokens from the folded form of a text
// (shared/textFold.ts), and the search_text SQL function the FTS triggers call (so it belongs with
// the database). The query side (history/searchQuery.ts) and the benchmark's plain scan fold the
// same way. docs/search.md states the semantics this file implements.

import type Database from 'better-sqlite3'
import { foldText, isCjkFolded, NOT_ASCII } from '../../shared/textFold'

export { foldText, foldWithOffsets, isCjkFolded } from '../../shared/textFold'

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
