// Search as you type in main: a search runs in steps, and a newer search from the same search box
// abandons an older one between steps (src/main/history/searchRuns.ts), on a real history file
// and through the core's request table.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import {
  type SearchCursor,
  type SearchPage,
  searchMessages,
  searchSteps
} from '../../../src/main/history/search'
import { createSearchRuns, runToEnd } from '../../../src/main/history/searchRuns'
import { dispatch } from '../../../src/main/dispatch'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { freshDatabase, seedConversation } from '../../fixtures/history'

/** A pause the test lets go of by hand: each waiting run resumes on `release()`. */
function manualPause() {
  const waiting: Array<() => void> = []
  return {
    pause: () => new Promise<void>((resolve) => waiting.push(resolve)),
    /** Resumes every run waiting now; returns how many there were. */
    async release(): Promise<number> {
      const now = waiting.splice(0)
      for (const resume of now) resume()
      // Let the resumed runs take their step and reach their next pause.
      for (let i = 0; i < 5; i++) await Promise.resolve()
      return now.length
    }
  }
}

/** A computation of `count` steps that records which steps it took and whether it was closed. */
function recorded(name: string, count: number, log: string[]) {
  return (function* () {
    try {
      for (let i = 1; i <= count; i++) {
        log.push(`${name}${i}`)
        if (i < count) yield
      }
      return name
    } finally {
      log.push(`${name} closed`)
    }
  })()
}

describe('search runs', () => {
  it('a newer search from the same box abandons the older one at its next step', async () => {
    const { pause, release } = manualPause()
    const run = createSearchRuns(pause)
    const log: string[] = []
    const older = run('box', recorded('a', 3, log))
    await release() // a1
    expect(log).toEqual(['a1'])
    const newer = run('box', recorded('b', 2, log))
    await release()
    await release()
    expect(await older).toBeNull()
    expect(await newer).toBe('b')
    // The older search took no step after the newer one came, and was closed.
    expect(log).toEqual(['a1', 'a closed', 'b1', 'b2', 'b closed'])
  })

  it('a search still waiting when a newer one comes does no work at all', async () => {
    const { pause, release } = manualPause()
    const run = createSearchRuns(pause)
    const log: string[] = []
    const first = run('box', recorded('a', 2, log))
    const second = run('box', recorded('b', 2, log))
    const third = run('box', recorded('c', 1, log))
    while ((await release()) > 0);
    expect([await first, await second, await third]).toEqual([null, null, 'c'])
    expect(log.filter((entry) => !entry.endsWith('closed'))).toEqual(['c1'])
  })

  it('search boxes do not cancel each other; without a box a search runs to its end at once', async () => {
    const { pause, release } = manualPause()
    const run = createSearchRuns(pause)
    const log: string[] = []
    const mine = run('one window', recorded('a', 2, log))
    const theirs = run('another window', recorded('b', 2, log))
    expect(await run(undefined, recorded('c', 3, log))).toBe('c')
    while ((await release()) > 0);
    expect([await mine, await theirs]).toEqual(['a', 'b'])
    // A finished search leaves nothing behind: the next search of the box runs alone.
    const later = run('one window', recorded('d', 1, log))
    while ((await release()) > 0);
    expect(await later).toBe('d')
  })
})

describe('title hits on a long history', () => {
  it('pages exactly as a ranking of every hit, from the recent conversations or from all', () => {
    const { db } = freshDatabase('search-titles-')
    // 1,800 conversations of 10 messages (18,000: more than the recent span looked at first).
    // "lantern" in every third title and in every 997th message; "harbour" only in the first
    // three titles, so its page must come from ranking every title hit.
    const last = new Map<number, number>()
    const expected: Array<{
      key: number
      rank: number
      conversationId: number
      messageId: number | null
    }> = []
    db.transaction(() => {
      for (let c = 0; c < 1_800; c++) {
        const title = `${c % 3 === 0 ? 'lantern' : 'lamp'} ${c < 3 ? 'harbour' : 'bay'} ${c}`
        const { conversation, messages } = seedConversation(db, {
          title,
          now: 1_000 + c,
          messages: Array.from({ length: 10 }, (_, m) => ({
            content: (c * 10 + m) % 997 === 0 ? `a lantern ${c}` : `plain words ${c}`
          }))
        })
        last.set(conversation.id, messages.at(-1)!.id)
        for (const message of messages)
          if (message.content.startsWith('a lantern'))
            expected.push({
              key: message.id,
              rank: 0,
              conversationId: conversation.id,
              messageId: message.id
            })
        if (c % 3 === 0)
          expected.push({
            key: messages.at(-1)!.id,
            rank: 1,
            conversationId: conversation.id,
            messageId: null
          })
      }
    })()
    expected.sort((a, b) => b.key - a.key || b.rank - a.rank || b.conversationId - a.conversationId)
    const shown = (query: string, pages: number, limit: number) => {
      const found: Array<{ conversationId: number; messageId: number | null }> = []
      let before: SearchCursor | undefined
      for (let p = 0; p < pages; p++) {
        const page = searchMessages(db, { query, limit, ...(before ? { before } : {}) })
        found.push(
          ...page.results.map(({ conversationId, messageId }) => ({ conversationId, messageId }))
        )
        if (!page.next) break
        before = page.next
      }
      return found
    }
    const want = (count: number) =>
      expected
        .slice(0, count)
        .map(({ conversationId, messageId }) => ({ conversationId, messageId }))
    expect(shown('lantern', 3, 20)).toEqual(want(60))
    expect(shown('lantern', 1, 200)).toEqual(want(200))
    // Few title hits, all old: the recent conversations cannot fill a page, so every one is ranked.
    expect(shown('harbour', 2, 20).map((hit) => hit.conversationId)).toEqual([3, 2, 1])
    expect(last.size).toBe(1_800)
  })
})

describe('searchSteps', () => {
  it('pauses after the messages, the titles and every ten snippets, and gives searchMessages’ page', () => {
    const { db } = freshDatabase('search-steps-')
    seedConversation(db, {
      title: 'Notes',
      now: 1_000,
      messages: Array.from({ length: 30 }, (_, i) => ({ content: `lantern ${i}`, now: 1_000 + i }))
    })
    const steps = searchSteps(db, { query: 'lantern', limit: 25 })
    let pauses = 0
    let step = steps.next()
    while (!step.done) {
      pauses++
      step = steps.next()
    }
    // Messages, titles, then snippets 11–20 and 21–25 each after a pause.
    expect(pauses).toBe(4)
    expect(step.value.results).toHaveLength(25)
    expect(step.value.results[0].snippet.some((part) => part.match)).toBe(true)
    expect(step.value).toEqual(searchMessages(db, { query: 'lantern', limit: 25 }))
    expect(runToEnd(searchSteps(db, { query: 'lantern' })).results).toHaveLength(30)
  })
})

/** The page a dispatched searchHistory answered, or null for an error. */
const pageOf = (answer: { ok: boolean; value?: unknown }): SearchPage | null =>
  answer.ok ? (answer.value as SearchPage) : null

describe('searchHistory through the core', () => {
  let core: Core | undefined
  const service = `seed-chat-test-${randomUUID()}`
  afterEach(async () => {
    await core?.close()
    await createKeytarStore(service).delete()
  })

  it('answers the newest keystroke; the older request, still running, answers superseded', async () => {
    const { db, dir } = freshDatabase('search-runs-core-')
    seedConversation(db, {
      title: 'Harbour lantern',
      messages: [{ content: 'Lanterns along the harbour' }]
    })
    db.close()
    core = await createCore({ dataDir: dir, secrets: createKeytarStore(service), emit: () => {} })
    // Two keystrokes in a row from one box, as the IPC delivers them: both in flight at once.
    const older = dispatch(core.handlers, 'searchHistory', { query: 'la', typing: 'box' })
    const newer = dispatch(core.handlers, 'searchHistory', { query: 'lan', typing: 'box' })
    expect(await older).toEqual({ ok: true, value: { results: [], next: null, superseded: true } })
    const answer = await newer
    expect(pageOf(answer)?.results.map((hit) => hit.field)).toEqual(['title', 'content'])
    // Another box's search is not touched by this box's.
    const [mine, theirs] = await Promise.all([
      dispatch(core.handlers, 'searchHistory', { query: 'harbour', typing: 'box' }),
      dispatch(core.handlers, 'searchHistory', { query: 'harbour', typing: 'other', limit: 1 })
    ])
    expect(pageOf(mine)?.results).toHaveLength(2)
    expect(pageOf(theirs)?.results).toHaveLength(1)
    // The contract bounds what a renderer may send.
    const refused = await dispatch(core.handlers, 'searchHistory', {
      query: 'harbour',
      typing: 'x'.repeat(65)
    })
    expect(refused.ok).toBe(false)
  })
})
