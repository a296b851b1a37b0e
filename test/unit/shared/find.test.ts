// Find in a chat's matcher: the same folding as search (case, width, diacritics, CJK), matches
// that never overlap, and positions mapped back to the unfolded text.
import { describe, expect, it } from 'vitest'
import {
  countFolded,
  findFolded,
  firstMatchFrom,
  foldQuery,
  locateMatch,
  matchRanges
} from '../../../src/shared/find'

/** The pieces of `text` that `query` matches, as the renderer would mark them. */
const marked = (text: string, query: string) =>
  matchRanges(text, foldQuery(query)).map(([start, end]) => text.slice(start, end))

describe('find in a chat: matching', () => {
  it('ignores case and width, and counts what it marks', () => {
    const text = 'Seed, SEED and ｓｅｅｄ (full width), then seeds.'
    expect(marked(text, 'seed')).toEqual(['Seed', 'SEED', 'ｓｅｅｄ', 'seed'])
    expect(marked(text, 'ＳＥＥＤ')).toEqual(['Seed', 'SEED', 'ｓｅｅｄ', 'seed'])
    expect(countFolded(foldQuery(text), foldQuery('seed'))).toBe(4)
  })

  it('folds diacritics and ligatures and marks the whole original characters', () => {
    // e + combining acute, ß that folds to two letters, the ﬁ ligature.
    expect(marked('Cafe\u0301 and café', 'cafe')).toEqual(['Cafe\u0301', 'café'])
    expect(marked('Die Straße, die STRASSE', 'strasse')).toEqual(['Straße', 'STRASSE'])
    expect(marked('a ﬁne day', 'fine')).toEqual(['ﬁne'])
  })

  it('treats punctuation and spacing as one gap, as search does', () => {
    expect(marked('foo-bar, foo   bar and foo.bar', 'foo bar')).toEqual([
      'foo-bar',
      'foo   bar',
      'foo.bar'
    ])
    expect(marked('foobar', 'foo bar')).toEqual([])
  })

  it('finds CJK anywhere, with or without spaces around Latin words, full-width forms folded', () => {
    const text = '我们用Python写数据分析，用 python 做数据清洗。数据！'
    expect(marked(text, '数据')).toEqual(['数据', '数据', '数据'])
    expect(marked(text, '用 Python')).toEqual(['用Python', '用 python'])
    expect(marked(text, 'python写')).toEqual(['Python写'])
    // Half-width katakana fold to full width; voicing marks stay part of their letter.
    expect(marked('ｶﾞｲﾄﾞとガイド', 'ガイド')).toEqual(['ｶﾞｲﾄﾞ', 'ガイド'])
    expect(marked('カイト', 'ガイド')).toEqual([])
    // A character outside the BMP is two UTF-16 units: marked whole.
    expect(marked('𠀋𠀋 and 𠀋', '𠀋')).toEqual(['𠀋', '𠀋', '𠀋'])
  })

  it('never overlaps matches, and finds nothing for a query of only punctuation', () => {
    expect(findFolded('aaaaa', 'aa')).toEqual([0, 2])
    expect(countFolded('aaaaa', 'aa')).toBe(2)
    expect(foldQuery(' ?! ')).toBe('')
    expect(matchRanges('anything', '')).toEqual([])
  })

  it('maps a match index over the branch to its message and its place there', () => {
    const hits = [
      { messageId: 4, count: 2 },
      { messageId: 9, count: 1 },
      { messageId: 30, count: 3 }
    ]
    expect(locateMatch(hits, 0)).toEqual({ messageId: 4, nth: 0 })
    expect(locateMatch(hits, 1)).toEqual({ messageId: 4, nth: 1 })
    expect(locateMatch(hits, 2)).toEqual({ messageId: 9, nth: 0 })
    expect(locateMatch(hits, 5)).toEqual({ messageId: 30, nth: 2 })
    expect(locateMatch(hits, 6)).toBeNull()
    // From the first message shown: the first match at or after it, else the very first.
    expect(firstMatchFrom(hits, 5)).toBe(2)
    expect(firstMatchFrom(hits, 9)).toBe(2)
    expect(firstMatchFrom(hits, 31)).toBe(0)
    expect(firstMatchFrom(hits, null)).toBe(0)
  })
})
