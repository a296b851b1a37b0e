// bench:chat's find run: find in the 10,000-message conversation the open run uses. The time from
// the query typed to its first match painted (main counts the whole branch, folded and uncached
// on this first ask), and from each Enter to the next match painted, pages loaded as needed.
// Timed in the page: from the input or key event dispatched there to the paint after the
// 'find-current-painted' mark (components/find/useFindInList.ts) with the count showing the match.
import { rmSync, writeFileSync } from 'node:fs'
import type { Browser, Page } from '@playwright/test'
import { countFolded, foldQuery, locateMatch } from '../../../src/shared/find'
import { foldText } from '../../../src/shared/textFold'
import type { FakeProvider } from '../../../test/fake-provider/server'
import { log, percentile, round } from '../lib/measure'
import {
  closeApp,
  openApp,
  openConversation,
  pageFigures,
  resetFigures,
  seededDataDir
} from './app'
import { filler } from './content'

// A word of one answer in four: matches all through the conversation, about six per page.
const QUERY = 'Caching'
const STEPS = 120

/**
 * Types the query (or presses Enter) in the find bar, in the page, and waits for the current
 * match painted while the count reads `{n} of {total}` (n = `expected`, or any for 0): the time
 * taken and the n shown. The mark is set in the frame that marks the match: a message posted then
 * arrives once that frame has painted.
 */
function timeInPage(page: Page, query: string | null, total: number, expected: number) {
  return page.evaluate(
    ({ query, total, expected }) =>
      new Promise<{ ms: number; shown: number }>((done, fail) => {
        const input = document.querySelector<HTMLInputElement>('.find-input')
        const status = document.querySelector('.find-count')
        if (!input || !status) return fail(new Error('the find bar is not open'))
        const hooks = window as unknown as { __onFindPainted?: () => void }
        const timer = setTimeout(() => {
          hooks.__onFindPainted = undefined
          fail(new Error(`match ${expected} not painted: the count shows "${status.textContent}"`))
        }, 30_000)
        const started = performance.now()
        hooks.__onFindPainted = () => {
          const shown = /^(\d+) of (\d+)$/.exec(status.textContent ?? '')
          if (!shown || Number(shown[2]) !== total) return
          if (expected !== 0 && Number(shown[1]) !== expected) return
          hooks.__onFindPainted = undefined
          const channel = new MessageChannel()
          channel.port1.onmessage = () => {
            clearTimeout(timer)
            done({ ms: performance.now() - started, shown: Number(shown[1]) })
          }
          channel.port2.postMessage(null)
        }
        if (query !== null) {
          // As a keystroke leaves it: React reads the value through its own setter.
          const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!
          setter.call(input, query)
          input.dispatchEvent(new Event('input', { bubbles: true }))
        } else {
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
        }
      }),
    { query, total, expected }
  )
}

/** Find in a 10,000-message conversation: the first match painted, then each next one. */
export async function findRun(browser: Browser, provider: FakeProvider) {
  const messages = filler(10_000, 'opening')
  messages[messages.length - 1] = {
    role: 'assistant',
    content: 'The very last answer of the long conversation.'
  }
  // What the count must say, from the seeded text folded as main folds it: a run showing another
  // count did not happen as designed, and fails.
  const needle = foldQuery(QUERY)
  const total = messages.reduce((sum, m) => sum + countFolded(foldText(m.content), needle), 0)
  const dataDir = seededDataDir(provider, [
    { title: 'Other chat', messages: filler(4, 'other') },
    { title: 'Ten thousand', messages }
  ])
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  try {
    await openConversation(page, 'Ten thousand', 'The very last answer of the long conversation.')
    // Pages loaded while stepping: around a match (getConversation) or beside the loaded ones.
    let pageLoads = 0
    const handlers = setup.app.core.handlers
    const original = handlers.getConversation
    handlers.getConversation = (args) => {
      pageLoads++
      return original(args)
    }
    const listMessages = handlers.listMessages
    handlers.listMessages = (args) => {
      pageLoads++
      return listMessages(args)
    }
    // Main's part: folding the branch's 10,000 messages when the bar opens, then the first count.
    const find = handlers.findInConversation
    const handlerMs: number[] = []
    handlers.findInConversation = async (args) => {
      const started = performance.now()
      try {
        return await find(args)
      } finally {
        handlerMs.push(performance.now() - started)
      }
    }
    // tsx names the functions in timeInPage's callback through a helper the page lacks; the
    // mark the list sets when it paints the current match calls the waiting run back.
    await page.evaluate(`
      window.__name = (f) => f
      const mark = performance.mark.bind(performance)
      performance.mark = (name, options) => {
        const entry = mark(name, options)
        if (name === 'find-current-painted') window.__onFindPainted?.()
        return entry
      }
    `)
    await page.keyboard.press('Control+f')
    await page.locator('.find-input').waitFor()
    // Opening the bar has main fold the branch (an empty query), as a person reaches for the keys.
    while (handlerMs.length === 0) await new Promise((resolve) => setTimeout(resolve, 10))
    const first = await timeInPage(page, QUERY, total, 0)
    log(`find: ${total} matches, the first painted at ${first.shown}`)
    await resetFigures(page)
    // BENCH_PROFILE=file.cpuprofile: a CPU profile of the page while it steps.
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
    if (profiler) {
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.start')
    }
    const steps: number[] = []
    let at = first.shown
    for (let i = 0; i < STEPS; i++) {
      const next = (at % total) + 1
      const step = await timeInPage(page, null, total, next).catch(async (error: Error) => {
        // What the list held when the match did not show: enough to tell why.
        const listed = await handlers.listConversations({})
        const id = listed.conversations.find((c) => c.title === 'Ten thousand')!.id
        const hits = (await find({ conversationId: id, query: QUERY })).hits
        const wanted = locateMatch(hits, next - 1)
        const rows = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.message-row')].map(
            (row) => row.dataset.messageId
          )
        )
        throw new Error(`${error.message}; wanted ${JSON.stringify(wanted)}, rows ${rows}`)
      })
      steps.push(step.ms)
      at = next
    }
    if (profiler) {
      const { profile } = await profiler.send('Profiler.stop')
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const { longTasks } = await pageFigures(page)
    if (pageLoads === 0) throw new Error('no step loaded a page: the run did not cross pages')
    return {
      messages: messages.length,
      matches: total,
      firstHighlightMs: round(first.ms),
      nextMatchP95Ms: round(percentile(steps, 95)),
      nextMatchMedianMs: round(percentile(steps, 50)),
      nextMatchMaxMs: round(Math.max(...steps)),
      steps: STEPS,
      pageLoads,
      stepLongTasks: longTasks.length,
      stepLongestTaskMs: round(Math.max(0, ...longTasks.map((task) => task.duration))),
      harness: { prepareMs: round(handlerMs[0]), firstFindHandlerMs: round(handlerMs[1] ?? 0) }
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
