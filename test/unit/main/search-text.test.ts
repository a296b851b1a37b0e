// The search text functions on their own, against hand-computed expectations: folding with the
// original ranges, clusters (marks, conjoining jamo, surrogate pairs), tokens and common-word
// pairs, the MATCH expression, term positions and the snippet window. search.test.ts checks the
// same rules through the database.
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
  commonPairs,
  foldText,
  foldWithOffsets,
  indexText,
  isCjkFolded,
  registerSearchFunctions,
  tokenize
} from '../../../src/main/db/searchText'
import {
  buildSnippet,
  findTerm,
  ftsMatchExpression,
  parseQuery
} from '../../../src/main/history/searchQuery'

const EMOJI = '😀'
// Two CJK ideographs outside the BMP whose low surrogates are the first and the last one.
const LOW_FIRST = '\u{20000}' // D840 DC00
const LOW_LAST = '\u{203FF}' // D840 DFFF

describe('folding keeps the range of the original each folded character came from', () => {
  it('gives a gap of punctuation one space that spans the whole gap', () => {
    expect(foldWithOffsets('a, b')).toEqual({ folded: 'a b', starts: [0, 1, 3], ends: [1, 3, 4] })
    expect(foldWithOffsets(' a b')).toEqual({ folded: 'a b', starts: [1, 2, 3], ends: [2, 3, 4] })
    expect(foldWithOffsets('a—b')).toEqual({ folded: 'a b', starts: [0, 1, 2], ends: [1, 2, 3] })
  })

  it('drops the space between CJK and a Latin word, and invisible format characters', () => {
    expect(foldWithOffsets('中 a')).toEqual({ folded: '中a', starts: [0, 2], ends: [1, 3] })
    expect(foldWithOffsets('a\u200bb')).toEqual({ folded: 'ab', starts: [0, 2], ends: [1, 3] })
  })

  it('folds a letter with its combining marks as one cluster', () => {
    expect(foldWithOffsets('e\u0300x')).toEqual({ folded: 'ex', starts: [0, 2], ends: [2, 3] })
    expect(foldText('a\u{E0100}b')).toBe('ab')
  })

  it('composes conjoining jamo into a syllable, and only a leading jamo starts one', () => {
    expect(foldWithOffsets('\u1100\u1161')).toEqual({ folded: '가', starts: [0], ends: [2] })
    // The range ends of leading (U+1100–U+115F) and following (U+1160–U+11FF) jamo.
    for (const cluster of ['\u1100\u1160', '\u1100\u11ff', '\u115f\u1161']) {
      expect(foldWithOffsets(cluster).starts).toEqual([0, 0])
    }
    for (const pair of ['\u1160\u1161', '\u10ff\u1161', '\u1100\u1200', '\u1100\u115f']) {
      expect(foldWithOffsets(pair).starts).toEqual([0, 1])
    }
    expect(foldText('a\u1161')).toBe('aᅡ')
  })

  it('reads characters outside the BMP whole, and U+FFFF as one unit', () => {
    expect(foldText(`${LOW_FIRST}\u{20001}`)).toBe(`${LOW_FIRST}\u{20001}`)
    expect(foldText('\uffffa')).toBe('a')
  })

  it('folds the non-ASCII path as the ASCII one: gaps, controls, every character kept', () => {
    expect(foldText('é, b')).toBe('e b')
    expect(foldText('éb c')).toBe('eb c')
    expect(foldText('é—b')).toBe('e b')
    expect(foldText('a\u0080b')).toBe('a b')
    expect(foldText('ä\u0080b')).toBe('a b')
  })

  it('spells out CJK compatibility characters', () => {
    expect(foldText('㍻')).toBe('平成')
    expect(foldText('㍿')).toBe('株式会社')
    // Parenthesised ideographs keep the ideograph only.
    expect(foldText('㈱')).toBe('株')
    expect(foldText('㈠')).toBe('一')
  })

  it('knows CJK from the first Hangul jamo on, and other scripts as words', () => {
    expect(isCjkFolded('\u1100')).toBe(true)
    expect(isCjkFolded('ሀ')).toBe(false)
    expect(tokenize(foldText('ሀሁ ab'), false)).toEqual(['ሀሁ', 'ab'])
  })
})

describe('index tokens', () => {
  it('cuts CJK runs into pairs and a last character, words whole', () => {
    expect(tokenize('中文字 ab 中', false)).toEqual(['中文', '文字', '字', 'ab', '中'])
    expect(tokenize('ab中文cd', false)).toEqual(['ab', '中文', '文', 'cd'])
    expect(tokenize('中文字', true)).toEqual(['中文', '文字'])
    expect(tokenize('中', true)).toEqual(['中'])
    expect(tokenize('中文 ab', true)).toEqual(['中文', '文', 'ab'])
  })

  it('pairs adjacent common words once each, never the open last word', () => {
    expect(commonPairs(['the', 'of', 'cat', 'a', 'to'], false)).toEqual(['·the·of', '·a·to'])
    expect(commonPairs(['the', 'of', 'a'], true)).toEqual(['·the·of'])
    expect(commonPairs(['the', 'of', 'the', 'of'], false)).toEqual(['·the·of', '·of·the'])
    expect(commonPairs(['cat', 'the'], false)).toEqual([])
  })

  it('holds the tokens, then the pairs', () => {
    expect(indexText('The cat of the hat')).toBe('the cat of the hat ·of·the')
    expect(indexText('数据库 of the')).toBe('数据 据库 库 of the ·of·the')
    expect(indexText('plain words')).toBe('plain words')
    expect(indexText('the of cat a to')).toBe('the of cat a to ·the·of ·a·to')
    expect(indexText('')).toBe('')
    expect(indexText(null)).toBe('')
  })

  it('registers search_text as a deterministic SQL function of any value', () => {
    const db = new Database(':memory:')
    registerSearchFunctions(db)
    const row = db
      .prepare("SELECT search_text(NULL) AS a, search_text(42) AS b, search_text('The End') AS c")
      .get()
    expect(row).toEqual({ a: '', b: '42', c: 'the end' })
    // Only deterministic functions may index an expression.
    db.exec('CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (search_text(x))')
    db.close()
  })
})

describe('queries', () => {
  it('closes quotes, and an unquoted word after a quote is its own term', () => {
    expect(parseQuery('"a b"c d')).toEqual([
      { folded: 'a b', quoted: true },
      { folded: 'c', quoted: false },
      { folded: 'd', quoted: false }
    ])
    expect(parseQuery('x"y')).toEqual([
      { folded: 'x', quoted: false },
      { folded: 'y', quoted: true }
    ])
  })

  it('asks for a prefix only where the text may go on', () => {
    const match = (query: string) => ftsMatchExpression(parseQuery(query))
    expect(match('hello wor')).toBe('"hello"* AND "wor"*')
    expect(match('"hello wor"')).toBe('"hello wor"')
    expect(match('中文')).toBe('"中文"')
    expect(match('数据库')).toBe('"数据 据库"')
    expect(match('数')).toBe('"数"*')
    expect(match('ab中')).toBe('"ab 中"*')
    expect(match('"the of"')).toBe('"the of" AND "·the·of"')
  })

  it('names the words of a prefix longer than the prefix index, and only then', () => {
    const asked: string[] = []
    const expand = (prefix: string) => {
      asked.push(prefix)
      return prefix === 'none' ? [] : [`${prefix}e`, `${prefix}f`]
    }
    expect(ftsMatchExpression(parseQuery('abc'), expand)).toBe('"abc"*')
    expect(ftsMatchExpression(parseQuery('"abcd"'), expand)).toBe('"abcd"')
    expect(asked).toEqual([])
    expect(ftsMatchExpression(parseQuery('x abcd'), expand)).toBe('"x"* AND ("abcde" OR "abcdf")')
    expect(ftsMatchExpression(parseQuery('none'), expand)).toBeNull()
    expect(ftsMatchExpression(parseQuery('abcd'), () => null)).toBe('"abcd"*')
    expect(asked).toEqual(['abcd', 'none'])
  })

  it('matches a word at a word start, next to CJK inside and outside the BMP', () => {
    const ab = { folded: 'ab', quoted: false }
    expect(findTerm('\u1100ab', ab)).toEqual([[1, 3]])
    expect(findTerm(`${LOW_FIRST}ab`, ab)).toEqual([[2, 4]])
    expect(findTerm(`${LOW_LAST}ab`, ab)).toEqual([[2, 4]])
    expect(findTerm(`${EMOJI}ab`, ab)).toEqual([])
    expect(findTerm(`ab${LOW_FIRST}`, { folded: 'ab', quoted: true })).toEqual([[0, 2]])
  })
})

describe('snippets', () => {
  const greek =
    'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'

  it('shows a window around the first match, starting at a word, with ellipses', () => {
    expect(buildSnippet(greek, parseQuery('sigma'), 40)).toEqual([
      { text: '…pi rho ', match: false },
      { text: 'sigma', match: true },
      { text: ' tau upsilon phi chi p…', match: false }
    ])
    expect(buildSnippet(greek, parseQuery('omega'), 40)).toEqual([
      { text: '…rho sigma tau upsilon phi chi psi ', match: false },
      { text: 'omega', match: true }
    ])
    expect(buildSnippet(greek, parseQuery('alpha'), 40)).toEqual([
      { text: 'alpha', match: true },
      { text: ' beta gamma delta epsilon zeta eta …', match: false }
    ])
  })

  it('does not move the start past a long word, and ends after a match with an ellipsis', () => {
    const text = `${'a'.repeat(30)} target ${'b'.repeat(34)}`
    expect(buildSnippet(text, parseQuery('target'), 20)).toEqual([
      { text: '…', match: false },
      { text: 'target', match: true },
      { text: ` ${'b'.repeat(7)}…`, match: false }
    ])
    expect(buildSnippet('cat dog cat', parseQuery('cat'), 5)).toEqual([
      { text: 'cat', match: true },
      { text: ' d…', match: false }
    ])
    expect(buildSnippet('x cat dog', parseQuery('cat'), 3)).toEqual([
      { text: '…', match: false },
      { text: 'cat', match: true },
      { text: '…', match: false }
    ])
  })

  it('merges overlapping matches, marks each one, and collapses white space', () => {
    expect(buildSnippet('one  two\n\nthree', parseQuery('two'))).toEqual([
      { text: 'one ', match: false },
      { text: 'two', match: true },
      { text: ' three', match: false }
    ])
    const overlapping = [
      { folded: 'cdef', quoted: false },
      { folded: 'abcd', quoted: false },
      { folded: 'ab', quoted: false }
    ]
    expect(buildSnippet('abcdef ghij', overlapping)).toEqual([
      { text: 'abcd', match: true },
      { text: 'ef ghij', match: false }
    ])
    expect(buildSnippet('dog cat', parseQuery('cat dog'))).toEqual([
      { text: 'dog', match: true },
      { text: ' ', match: false },
      { text: 'cat', match: true }
    ])
    expect(buildSnippet('中文数据库连接超时', parseQuery('数据 据库连'))).toEqual([
      { text: '中文', match: false },
      { text: '数据库连', match: true },
      { text: '接超时', match: false }
    ])
    // Two matches ending together: the earlier start wins.
    expect(buildSnippet('数据库连', [parseQuery('库连')[0], parseQuery('数据库连')[0]])).toEqual([
      { text: '数据库连', match: true }
    ])
    expect(buildSnippet('nothing', parseQuery('zzz'))).toBeNull()
  })

  it('never cuts a surrogate pair at either end', () => {
    expect(buildSnippet(`a${EMOJI.repeat(30)}target`, parseQuery('target'), 21)).toEqual([
      { text: `…${EMOJI.repeat(7)}`, match: false },
      { text: 'target', match: true }
    ])
    for (const char of [LOW_FIRST, LOW_LAST]) {
      expect(buildSnippet(`a${char.repeat(30)} target`, parseQuery('target'), 22)).toEqual([
        { text: `…${char.repeat(7)} `, match: false },
        { text: 'target', match: true }
      ])
      expect(buildSnippet(`target ${char.repeat(20)}`, parseQuery('target'), 10)).toEqual([
        { text: 'target', match: true },
        { text: ` ${char.repeat(2)}…`, match: false }
      ])
    }
  })
})
