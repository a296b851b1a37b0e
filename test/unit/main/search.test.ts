import Database from 'better-sqlite3'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as messages from '../../../src/main/history/messages'
import { SCHEMA_VERSION, migrateTo } from '../../../src/main/db/migrations'
import {
  groupByConversation,
  searchAllMessageIds,
  searchMessages,
  type SearchHit
} from '../../../src/main/history/search'
import { foldText } from '../../../src/main/db/searchText'
import { hasTerm, parseQuery } from '../../../src/main/history/searchQuery'
import { freshDatabase, reopenDatabase } from '../../fixtures/history'
import { tempDir } from '../../fixtures/temp'

let clock = 1_000
/** A conversation with the given messages (user, assistant, user, …), one clock tick apart. */
function conversationWith(
  db: HistoryDatabase,
  texts: string[],
  options: { title?: string; model?: string; reasoning?: string[] } = {}
) {
  const model = options.model ?? 'doubao-seed-2.0-pro'
  const conversation = conversations.createConversation(db, {
    title: options.title ?? 'Untitled',
    model,
    now: ++clock
  })
  const ids = texts.map((content, index) => {
    const role = index % 2 === 0 ? 'user' : 'assistant'
    const message = messages.insertMessage(db, {
      conversationId: conversation.id,
      role,
      content: role === 'user' ? content : '',
      status: role === 'user' ? 'done' : 'streaming',
      model: role === 'user' ? null : model,
      now: ++clock
    })
    if (role === 'assistant') {
      messages.appendToMessage(db, message.id, {
        content,
        reasoning: options.reasoning?.[index] ?? ''
      })
    }
    return message.id
  })
  return { conversation, ids }
}

const ids = (db: HistoryDatabase, query: string) =>
  searchAllMessageIds(db, query).sort((a, b) => a - b)
const hitIds = (hits: SearchHit[]) => hits.map((hit) => hit.messageId)
const marked = (hit: SearchHit) => hit.snippet.filter((part) => part.match).map((part) => part.text)
const snippetText = (hit: SearchHit) => hit.snippet.map((part) => part.text).join('')

describe('CJK text matches as a substring at any length', () => {
  it('finds one and two Chinese characters anywhere, never across a gap', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [a, b, c]
    } = conversationWith(db, ['我们今天讨论数据模型的设计', '模型很大，数 据很多', '另外一句话'])
    expect(ids(db, '数')).toEqual([a, b])
    expect(ids(db, '数据')).toEqual([a])
    expect(ids(db, '据模')).toEqual([a]) // spans two words: still a substring
    expect(ids(db, '模型')).toEqual([a, b])
    expect(ids(db, '讨论数据模型')).toEqual([a])
    expect(ids(db, '模数')).toEqual([])
    expect(ids(db, '大，数')).toEqual([b]) // punctuation in the query is a gap, like in the text
    expect(ids(db, '大 数')).toEqual([b]) // two terms
    expect(ids(db, '"大 数"')).toEqual([b])
    expect(ids(db, '大数')).toEqual([])
    expect(ids(db, '句')).toEqual([c])
    expect(ids(db, '话')).toEqual([c])
  })

  it('finds Japanese kana and Korean, keeping kana voicing and folding width', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [japanese, korean, halfWidth]
    } = conversationWith(db, ['コーヒーが好きです。', '한국어를 공부합니다', 'ｺｰﾋｰとｶﾞｿﾘﾝ'])
    expect(ids(db, 'ヒー')).toEqual([japanese, halfWidth])
    expect(ids(db, 'が')).toEqual([japanese])
    expect(ids(db, 'か')).toEqual([])
    expect(ids(db, '好き')).toEqual([japanese])
    expect(ids(db, 'ガソ')).toEqual([halfWidth])
    expect(ids(db, '국')).toEqual([korean])
    expect(ids(db, '국어')).toEqual([korean])
    expect(ids(db, '공부합')).toEqual([korean])
    expect(ids(db, '어공')).toEqual([])
  })

  it('matches Chinese next to Latin words with or without a space', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [joined, spaced]
    } = conversationWith(db, ['用Python写代码', '用 Python 写代码'])
    expect(ids(db, '用python')).toEqual([joined, spaced])
    expect(ids(db, 'python写代')).toEqual([joined, spaced])
    expect(ids(db, '写代码')).toEqual([joined, spaced])
  })
})

describe('Latin text', () => {
  it('ignores case and diacritics, both ways', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [accented, plain, decomposed, upper]
    } = conversationWith(db, [
      'Un café crème, naïve',
      'a cafe and a naive resume',
      'une e\u0301cole',
      'RÉSUMÉ STRASSE'
    ])
    expect(ids(db, 'cafe')).toEqual([accented, plain])
    expect(ids(db, 'café')).toEqual([accented, plain])
    expect(ids(db, 'CAFÉ')).toEqual([accented, plain])
    expect(ids(db, 'naïve')).toEqual([accented, plain])
    expect(ids(db, 'résumé')).toEqual([plain, upper])
    expect(ids(db, 'école')).toEqual([decomposed])
    expect(ids(db, 'ecole')).toEqual([decomposed])
    expect(ids(db, 'straße')).toEqual([upper])
  })

  it('matches words by their beginning; a quoted phrase matches whole words in order', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [first, second, third]
    } = conversationWith(db, [
      'Error handling in programming',
      'handling an error; reprogram it',
      'error, handling!'
    ])
    expect(ids(db, 'prog')).toEqual([first])
    expect(ids(db, 'program')).toEqual([first, second].slice(0, 1))
    expect(ids(db, 'reprog')).toEqual([second])
    expect(ids(db, 'ogram')).toEqual([])
    expect(ids(db, 'error handling')).toEqual([first, second, third])
    expect(ids(db, '"error handling"')).toEqual([first, third])
    expect(ids(db, '"handling error"')).toEqual([])
    expect(ids(db, '"error hand"')).toEqual([])
    expect(ids(db, '"programming"')).toEqual([first])
    expect(ids(db, '"program"')).toEqual([])
  })

  it('finds phrases of the most common words, and only where they are side by side', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [twice, apart, comma]
    } = conversationWith(db, ['the the end', 'the end of the story', 'of, the'])
    expect(ids(db, '"the the"')).toEqual([twice])
    expect(ids(db, '"of the"')).toEqual([apart, comma])
    expect(ids(db, '"the of"')).toEqual([])
    expect(ids(db, '"end of the"')).toEqual([apart])
    expect(ids(db, 'the of')).toEqual([apart, comma])
  })

  it('finds every word that starts with a long prefix, however many there are', () => {
    const { db } = freshDatabase('search-')
    const words = Array.from({ length: 70 }, (_, n) => `word${n}`)
    const { ids: messageIds } = conversationWith(db, [...words, 'wordy', 'sword', 'WORDS'])
    expect(ids(db, 'word')).toEqual([...messageIds.slice(0, 71), messageIds[72]]) // > 64 words
    expect(ids(db, 'word1')).toEqual(
      [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19].map((n) => messageIds[n])
    )
    expect(ids(db, 'words')).toEqual([messageIds[72]])
    expect(ids(db, 'wordz')).toEqual([])
    expect(ids(db, 'word wordz')).toEqual([])
  })

  it('requires every term', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [both]
    } = conversationWith(db, ['alpha and beta', 'only alpha', 'only beta', 'beta 数据 alpha'])
    expect(ids(db, 'alpha beta')).toEqual([both, both + 3])
    expect(ids(db, 'alpha beta 数据')).toEqual([both + 3])
    expect(ids(db, 'alpha gamma')).toEqual([])
  })
})

describe('what is searched', () => {
  it('finds a term only in reasoning and says so', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [, reply]
    } = conversationWith(db, ['question', 'The answer is 42.'], {
      reasoning: ['', 'Let me think about the Pythagorean theorem first.']
    })
    const page = searchMessages(db, { query: 'pythagorean' })
    expect(page.results).toHaveLength(1)
    expect(page.results[0]).toMatchObject({
      messageId: reply,
      field: 'reasoning',
      role: 'assistant'
    })
    expect(marked(page.results[0])).toEqual(['Pythagorean'])
    expect(searchMessages(db, { query: 'answer' }).results[0].field).toBe('content')
  })

  it('finds a term only in a conversation title, and follows renames', () => {
    const { db } = freshDatabase('search-')
    const { conversation, ids: messageIds } = conversationWith(db, ['hello', 'hi there'], {
      title: 'Quarterly budget 预算'
    })
    const page = searchMessages(db, { query: 'budget' })
    expect(page.results).toEqual([
      expect.objectContaining({
        field: 'title',
        messageId: null,
        role: null,
        conversationId: conversation.id,
        conversationTitle: 'Quarterly budget 预算'
      })
    ])
    expect(marked(page.results[0])).toEqual(['budget'])
    expect(searchMessages(db, { query: '预' }).results.map((hit) => hit.field)).toEqual(['title'])
    expect(searchAllMessageIds(db, 'budget')).toEqual([]) // titles are not message hits
    db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(
      'Travel plans',
      conversation.id
    )
    expect(searchMessages(db, { query: 'budget' }).results).toEqual([])
    expect(searchMessages(db, { query: 'travel' }).results).toHaveLength(1)
    expect(messageIds).toHaveLength(2)
  })

  it('follows a reply while it streams, append by append', () => {
    const { db } = freshDatabase('search-')
    const { conversation } = conversationWith(db, ['tell me'])
    const reply = messages.insertMessage(db, {
      conversationId: conversation.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model: 'm',
      now: ++clock
    })
    const search = (query: string) => hitIds(searchMessages(db, { query }).results)
    messages.appendToMessage(db, reply.id, { content: '', reasoning: 'pondering' })
    expect(search('ponder')).toEqual([reply.id])
    messages.appendToMessage(db, reply.id, { content: 'The qui', reasoning: '' })
    expect(search('quick')).toEqual([])
    expect(search('qui')).toEqual([reply.id])
    messages.appendToMessage(db, reply.id, { content: 'ck brown 数', reasoning: '' })
    expect(search('"quick brown"')).toEqual([reply.id])
    expect(search('数据')).toEqual([])
    messages.appendToMessage(db, reply.id, { content: '据 fox', reasoning: '' })
    expect(search('数据')).toEqual([reply.id])
    expect(search('"brown 数据 fox"')).toEqual([reply.id])
    messages.finishMessage(db, reply.id, {
      status: 'done',
      finishReason: 'stop',
      usage: null,
      error: null
    })
    expect(search('fox')).toEqual([reply.id])
    expect(search('ponder')).toEqual([reply.id])
  })

  it('forgets deleted messages and conversations', () => {
    const { db } = freshDatabase('search-')
    const kept = conversationWith(db, ['keep zebra'], { title: 'zebra notes' })
    const gone = conversationWith(db, ['zebra one', 'zebra two'], { title: 'zebra gone' })
    messages.deleteMessage(db, kept.ids[0])
    expect(ids(db, 'zebra')).toEqual(gone.ids)
    conversations.deleteConversation(db, gone.conversation.id)
    expect(ids(db, 'zebra')).toEqual([])
    const page = searchMessages(db, { query: 'zebra' })
    expect(page.results.map((hit) => [hit.field, hit.conversationId])).toEqual([
      ['title', kept.conversation.id]
    ])
  })
})

describe('results', () => {
  it('filters by model (a user message takes its conversation model) and by date', () => {
    const { db } = freshDatabase('search-')
    const seed = conversationWith(db, ['kiwi question', 'kiwi answer'], {
      model: 'doubao-seed-2.0-pro'
    })
    const glm = conversationWith(db, ['kiwi again', 'kiwi reply'], {
      model: 'glm-4-7-251222',
      title: 'kiwi'
    })
    const byModel = searchMessages(db, { query: 'kiwi', model: 'glm-4-7-251222' })
    expect(byModel.results.map((hit) => hit.messageId)).toEqual([null, glm.ids[1], glm.ids[0]])
    expect(byModel.results.every((hit) => hit.model === 'glm-4-7-251222')).toBe(true)
    expect(
      hitIds(searchMessages(db, { query: 'kiwi', model: 'doubao-seed-2.0-pro' }).results)
    ).toEqual([seed.ids[1], seed.ids[0]])
    const created = (id: number) => messages.getMessage(db, id)!.createdAt
    const range = searchMessages(db, {
      query: 'kiwi',
      from: created(seed.ids[1]),
      to: created(glm.ids[1])
    })
    expect(hitIds(range.results)).toEqual([null, glm.ids[0], seed.ids[1]]) // null: glm's title
    expect(searchMessages(db, { query: 'kiwi', from: created(glm.ids[1]) + 1 }).results).toEqual([])
  })

  it('filters by date exactly when the clock went back between messages', () => {
    const { db } = freshDatabase('search-')
    const { id: conversationId } = conversations.createConversation(db, {
      title: 't',
      model: 'm',
      now: 1
    })
    // Written in this order (ids ascending), at these times.
    const times = [100, 200, 50, 300, 150, 400, 120, 500, 90, 600]
    const written = times.map((now) =>
      messages.insertMessage(db, {
        conversationId,
        role: 'user',
        content: 'plum',
        status: 'done',
        model: null,
        now
      })
    )
    const bounds = [undefined, 0, 50, 51, 100, 120, 150, 200, 300, 450, 600, 601, 1000]
    for (const from of bounds) {
      for (const to of bounds) {
        const expected = written
          .filter(
            (m) =>
              (from === undefined || m.createdAt >= from) && (to === undefined || m.createdAt < to)
          )
          .map((m) => m.id)
          .reverse()
        expect([from, to, hitIds(searchMessages(db, { query: 'plum', from, to }).results)]).toEqual(
          [from, to, expected]
        )
      }
    }
  })

  it('puts each title just above its latest message when recent messages are in old chats', () => {
    const { db } = freshDatabase('search-')
    // Ten chats, every other titled "plum"; messages written round-robin, so each chat's latest
    // message is recent whatever its id, and the title hits of a page come from any of them.
    const chats = Array.from({ length: 10 }, (_, n) =>
      conversationWith(db, [], { title: n % 2 === 0 ? `plum ${n}` : 'pear' })
    )
    const last = new Map<number, number>()
    for (let round = 0; round < 9; round++) {
      for (const [n, chat] of chats.entries()) {
        if ((round + n) % 4 === 3) continue
        const message = messages.insertMessage(db, {
          conversationId: chat.conversation.id,
          role: 'user',
          content: round % 3 === 0 ? 'plum jam' : 'nothing here',
          status: 'done',
          model: null,
          now: ++clock
        })
        last.set(chat.conversation.id, message.id)
      }
    }
    // What the pages must hold: message hits and title hits by key, newest first.
    const keyed = [
      ...searchAllMessageIds(db, 'plum').map((id) => ({ key: id * 2, messageId: id })),
      ...chats
        .filter((_, n) => n % 2 === 0)
        .map((chat) => ({ key: last.get(chat.conversation.id)! * 2 + 1, messageId: null }))
    ].sort((a, b) => b.key - a.key)
    for (const limit of [1, 2, 3, 5, 8]) {
      const seen: Array<number | null> = []
      let page = searchMessages(db, { query: 'plum', limit })
      seen.push(...hitIds(page.results))
      while (page.next) {
        page = searchMessages(db, { query: 'plum', limit, before: page.next })
        seen.push(...hitIds(page.results))
      }
      expect(seen, `limit ${limit}`).toEqual(keyed.map((hit) => hit.messageId))
    }
  })

  it('pages newest first without gaps or repeats, titles just above their latest message', () => {
    const { db } = freshDatabase('search-')
    const all: number[] = []
    const older = conversationWith(
      db,
      Array.from({ length: 60 }, (_, n) => `lemon ${n}`),
      {
        title: 'lemon tart'
      }
    )
    conversationWith(db, [], { title: 'lemon empty?' })
    const newer = conversationWith(
      db,
      Array.from({ length: 61 }, (_, n) => `lemon ${n} 柠檬`)
    )
    all.push(...older.ids, ...newer.ids)
    const seen: SearchHit[] = []
    let page = searchMessages(db, { query: 'lemon' })
    const sizes = [page.results.length]
    seen.push(...page.results)
    while (page.next) {
      page = searchMessages(db, { query: 'lemon', before: page.next })
      sizes.push(page.results.length)
      seen.push(...page.results)
    }
    expect(sizes).toEqual([50, 50, 23])
    const messageHits = seen.filter((hit) => hit.messageId !== null).map((hit) => hit.messageId)
    expect(messageHits).toEqual([...all].reverse())
    // The title of `older` sits right above its latest message; the empty conversation's goes last.
    const olderTitle = seen.findIndex(
      (hit) => hit.field === 'title' && hit.conversationId === older.conversation.id
    )
    expect(seen[olderTitle + 1].messageId).toBe(older.ids.at(-1))
    expect(seen.at(-1)).toMatchObject({ field: 'title', conversationTitle: 'lemon empty?' })
    const groups = groupByConversation(seen)
    expect(groups.map((group) => [group.conversationId, group.results.length])).toEqual([
      [newer.conversation.id, 61],
      [older.conversation.id, 61],
      [older.conversation.id + 1, 1]
    ])
    expect(searchMessages(db, { query: 'lemon', limit: 1000 }).results).toHaveLength(123) // ≤ 200
    expect(searchMessages(db, { query: 'lemon', limit: 0 }).results).toHaveLength(1)
  })

  it('marks exactly the matches in a window around the first one', () => {
    const { db } = freshDatabase('search-')
    const long = `${'Filler words go here. '.repeat(10)}The Café and the CAFE and cafés. ${'More filler text. '.repeat(10)}`
    const chinese = `${'这是一个很长的句子，'.repeat(8)}我们的数据模型很好，数据很多。${'后面还有很多文字。'.repeat(10)}`
    conversationWith(db, [long, chinese])
    const [chineseHit] = searchMessages(db, { query: '数据' }).results
    expect(marked(chineseHit)).toEqual(['数据', '数据'])
    expect(snippetText(chineseHit)).toContain('我们的数据模型很好，数据很多。')
    expect(snippetText(chineseHit).startsWith('…')).toBe(true)
    expect(snippetText(chineseHit).endsWith('…')).toBe(true)
    expect(snippetText(chineseHit).length).toBeLessThanOrEqual(104)

    const [latinHit] = searchMessages(db, { query: 'cafe' }).results
    expect(marked(latinHit)).toEqual(['Café', 'CAFE', 'café']) // a word's beginning: café of cafés
    expect(latinHit.snippet.find((part) => part.match)?.text).toBe('Café')
    expect(snippetText(latinHit)).toContain('The Café and the CAFE and cafés.')
    const [phraseHit] = searchMessages(db, { query: '"the café and"' }).results
    expect(marked(phraseHit)).toEqual(['The Café and', 'the CAFE and'])
    const [both] = searchMessages(db, { query: 'fill café' }).results
    // The window is around the first match; every match inside it is marked.
    expect(marked(both)).toEqual(['Fill', 'Fill', 'Fill', 'Fill', 'Fill'])
    expect(snippetText(both).startsWith('Filler words go here.')).toBe(true)
  })

  it('returns an empty page at once for a blank query, without touching the database', () => {
    const { db } = freshDatabase('search-')
    db.close()
    for (const query of ['', '   ', '\t\n', '""', '* - :', '“ ”']) {
      expect(searchMessages(db, { query })).toEqual({ results: [], next: null })
      expect(searchAllMessageIds(db, query)).toEqual([])
    }
  })

  it('searches FTS syntax as text and never throws', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [or, near, colon]
    } = conversationWith(db, [
      'this OR that',
      'NEAR(a b) is fts syntax',
      'key: value - "quoted" * star'
    ])
    const queries = [
      'NEAR(',
      'NEAR(a b)',
      '"',
      '""',
      '"unclosed',
      '*',
      'a*',
      '-',
      '-that',
      'OR',
      'AND',
      'NOT',
      ':',
      'key:',
      'content:value',
      '{content}: value',
      '^this',
      '(',
      ')',
      "'",
      '\\',
      '+',
      'x OR y',
      'this AND',
      '\u0000',
      '"NEAR(a b)"'
    ]
    for (const query of queries) {
      expect(() => searchMessages(db, { query })).not.toThrow()
      expect(() => searchAllMessageIds(db, query)).not.toThrow()
    }
    expect(ids(db, 'OR')).toEqual([or])
    expect(ids(db, 'NEAR(a b)')).toEqual([near])
    expect(ids(db, '-that')).toEqual([or])
    expect(ids(db, 'key: value')).toEqual([colon])
    expect(ids(db, 'content:value')).toEqual([])
    expect(ids(db, '"quoted" *')).toEqual([colon])
  })

  it('agrees with a plain scan of the folded text on random texts and queries', () => {
    const { db } = freshDatabase('search-')
    // A small alphabet so that random queries hit: Latin with accents, CJK, kana, punctuation.
    // Long words exercise the prefix expansion, the and of the common-word pairs.
    const pieces = [
      'ab',
      'Ab',
      'ábc',
      'b',
      'c',
      'the',
      'of',
      'prog',
      'Program',
      'programming',
      '数',
      '据',
      '模',
      'カ',
      'ガ',
      ' ',
      ' ',
      ', ',
      '。',
      '-',
      '1'
    ]
    let seed = 7
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n
    }
    const text = (length: number) =>
      Array.from({ length }, () => pieces[random(pieces.length)]).join('')
    const rows = conversationWith(
      db,
      Array.from({ length: 300 }, () => text(1 + random(12))),
      { reasoning: Array.from({ length: 300 }, () => text(random(4))) }
    )
    const stored = rows.ids.map((id) => messages.getMessage(db, id)!)
    let checked = 0
    for (let n = 0; n < 300; n++) {
      const query =
        n % 5 === 0 ? `"${text(1 + random(3))}"` : `${text(1 + random(3))} ${n % 3 ? '' : text(1)}`
      const terms = parseQuery(query)
      if (!terms.length) continue
      const expected = stored
        .filter((message) => {
          const content = foldText(message.content)
          const reasoning = foldText(message.reasoning)
          return terms.every((term) => hasTerm(content, term) || hasTerm(reasoning, term))
        })
        .map((message) => message.id)
      expect([query, ids(db, query)]).toEqual([query, expected])
      checked++
    }
    expect(checked).toBeGreaterThan(200)
  })
})

describe('folding, against hand-written expectations', () => {
  // An oracle independent of foldText: each expected form is written out by hand from the rules
  // at the top of db/searchText.ts (case, diacritics, width and compatibility forms fold; every run
  // of non-letters is one space; no space between CJK and a Latin word).
  it.each([
    ['Hello, World!', 'hello world'],
    ['  --  ', ''],
    ['a_b-c.d', 'a b c d'],
    ['Café crème', 'cafe creme'],
    ['CAFE\u0301', 'cafe'],
    ['naïve RÉSUMÉ', 'naive resume'],
    ['Straße', 'strasse'],
    ['Ørsted Łódź', 'orsted lodz'],
    ['Æsir œuvre', 'aesir oeuvre'],
    ['đ ħ ŧ ı', 'd h t i'],
    ['ΟΔΥΣΣΕΥΣ', 'οδυσσευσ'],
    ['λόγος', 'λογοσ'],
    ['ＡＢＣ１２３', 'abc123'],
    ['ﬁne', 'fine'],
    ['½', '1 2'],
    ['①②', '12'],
    ['a\u200bb', 'ab'],
    ['数据 模型', '数据 模型'],
    ['用 Python 写代码', '用python写代码'],
    ['数据，模型', '数据 模型'],
    ['ｶﾞｿﾘﾝ', 'ガソリン'],
    ['ガ カ', 'ガ カ'],
    ['ｺｰﾋｰ', 'コーヒー'],
    ['한국어', '한국어'],
    ['हिन्दी', 'हिन्दी']
  ])('%j folds to %j', (text, folded) => {
    expect(foldText(text)).toBe(folded)
  })

  it('finds what a person would expect, and nothing else', () => {
    const { db } = freshDatabase('search-')
    const {
      ids: [cafe, upper, street, gas, kite, data, greek, ligature]
    } = conversationWith(db, [
      'Un café crème',
      'CAFE NOIR',
      'Hauptstraße 5',
      'ｶﾞｿﾘﾝｽﾀﾝﾄﾞ',
      'カイトを飛ばす',
      '数据模型',
      'Ὀδυσσεύς',
      'ﬁnal ﬁle'
    ])
    const expected: Array<[string, number[]]> = [
      ['cafe', [cafe, upper]],
      ['CAFÉ', [cafe, upper]],
      ['creme', [cafe]],
      ['noir', [upper]],
      ['hauptstrasse', [street]],
      ['HAUPTSTRASSE 5', [street]],
      ['ガソリン', [gas]],
      ['カソリン', []],
      ['スタンド', [gas]],
      ['カイト', [kite]],
      ['ガイト', []],
      ['据模', [data]],
      ['模数', []],
      ['οδυσσευς', [greek]],
      ['ΟΔΥΣΣΕΥΣ', [greek]],
      ['final', [ligature]],
      ['file', [ligature]]
    ]
    expect(expected.map(([query]) => [query, ids(db, query)])).toEqual(expected)
  })
})

describe('migration 2', () => {
  it('indexes the rows of a database at version 1', () => {
    const file = join(tempDir('search-'), 'history.sqlite')
    const old = new Database(file)
    migrateTo(old, 1)
    old
      .prepare(
        "INSERT INTO conversations (id, title, model, created_at, updated_at) VALUES (1, 'Résumé tips', 'm', 1, 2)"
      )
      .run()
    const insert = old.prepare(
      "INSERT INTO messages (conversation_id, role, content, reasoning, status, model, created_at) VALUES (1, ?, ?, ?, 'done', ?, ?)"
    )
    insert.run('user', '怎么写简历？', '', null, 1)
    insert.run('assistant', 'Keep it to one page.', 'The user wants résumé advice', 'm', 2)
    old.close()

    const db = reopenDatabase(file)
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION)
    expect(ids(db, '简历')).toEqual([1])
    expect(ids(db, 'resume')).toEqual([2])
    expect(ids(db, 'page')).toEqual([2])
    expect(searchMessages(db, { query: 'tips' }).results.map((hit) => hit.field)).toEqual(['title'])
    // The triggers work on the migrated file.
    messages.appendToMessage(db, 2, { content: ' Use 中文 too.', reasoning: '' })
    expect(ids(db, '中文')).toEqual([2])
  })
})
