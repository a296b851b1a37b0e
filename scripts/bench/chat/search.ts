// bench:chat's search run: queries typed one character at a time into the real search dialog on
// the 1,000,000-message history of `startup`, each keystroke timed from its first event in the page
// to the painted frame that shows its results (search-probe.js). A keystroke whose own results
// never showed because the next one's came first counts until those. The harness carries each
// request over a DevTools binding (Electron's IPC does not): its share, the page's round trip less
// the core's handler time, is reported apart, and taken off for the app's part.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openDatabase } from '../../../src/main/db/database'
import type { FakeProvider } from '../../../test/fake-provider/server'
import { log, percentile, round } from '../lib/measure'
import { closeApp, openApp } from './app'
import { STARTUP_CORPUS_VERSION, buildStartupHistory } from './history'

const CONVERSATIONS = 100_000
const MESSAGES = 1_000_000
/**
 * Typed as a quick typist does, ~10 characters a second; Chinese as an input method commits it.
 * The corpus's Chinese words are 数据, 优化 and 回答 (history.ts's generator picks no others).
 */
const QUERIES = ['python error', '数据优化', 'stream tok', '回答 window', 'memory th']
const KEY_DELAY_MS = 100
const BURST = 'database render'

interface Probe {
  starts: number[]
  painted: Array<[string, number]>
  calls: Array<[string, number, number]>
}

const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const { starts, painted, calls } = (window as unknown as { __searchProbe: Probe }).__searchProbe
    return { starts, painted, calls }
  })

/** Types `query` over the dialog's selected text; returns each keystroke's latency figures. */
async function typeQuery(
  page: Page,
  query: string,
  handlerMs: Map<string, number>,
  delay = KEY_DELAY_MS
) {
  await page.evaluate(() =>
    (window as unknown as { __searchProbe: { reset(): void } }).__searchProbe.reset()
  )
  const typed = [...query].map((_, i) => [...query].slice(0, i + 1).join(''))
  for (const char of query) await page.keyboard.type(char, { delay })
  const results = page.locator('.search-results')
  await results.and(page.locator(`[data-results-for="${query}"]`)).waitFor()
  await page.locator('.search-results[aria-busy="false"]').waitFor()
  // A frame more, so the last paint is recorded.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))))
  const { starts, painted, calls } = await probe(page)
  if (starts.length !== typed.length)
    throw new Error(`search: ${starts.length} keystrokes seen for ${typed.length} typed`)
  const shownCount = await page.locator('.search-listbox [role="option"]').count()
  if (shownCount === 0) throw new Error(`search: no results shown for “${query}”`)
  const call = new Map(calls.map(([asked, started, ended]) => [asked, { started, ended }]))
  return typed.map((_, i) => {
    // The first paint of this keystroke's results or a later one's.
    const answer = painted.find(([shown, at]) => at >= starts[i] && typed.indexOf(shown) >= i)
    if (!answer) throw new Error(`search: keystroke ${i + 1} of “${query}” never showed results`)
    const latency = answer[1] - starts[i]
    const asked = call.get(answer[0])
    if (!asked) throw new Error(`search: no request seen for “${answer[0]}”`)
    const roundTrip = asked.ended - asked.started
    const bridgeMs = roundTrip - (handlerMs.get(answer[0]) ?? 0)
    return {
      latency,
      bridgeMs,
      appMs: latency - bridgeMs,
      own: answer[0] === typed[i],
      // Where the time went: keystroke to request, the request, answer to painted frame.
      toRequest: Math.max(0, asked.started - starts[i]),
      roundTrip,
      toPaint: answer[1] - asked.ended
    }
  })
}

/** Keystroke to painted results in the search dialog, on 1,000,000 messages. */
export async function searchRun(browser: Browser, provider: FakeProvider, cache: string) {
  mkdirSync(cache, { recursive: true })
  const cached = join(
    cache,
    `startup-${CONVERSATIONS}-${MESSAGES}-v${STARTUP_CORPUS_VERSION}.sqlite`
  )
  log(`search: building or reusing ${cached}`)
  buildStartupHistory(cached, CONVERSATIONS, MESSAGES)
  openDatabase(cached).close()
  const dataDir = mkdtempSync(join(tmpdir(), 'seed-chat-bench-'))
  copyFileSync(cached, join(dataDir, 'history.sqlite'))
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  try {
    // The core's own time per first-page search, by query.
    const handlers = setup.app.core.handlers
    const original = handlers.searchHistory
    const handlerMs = new Map<string, number>()
    let abandoned = 0
    handlers.searchHistory = async (args) => {
      const started = performance.now()
      const answer = await original(args)
      if (args.typing && !args.before) handlerMs.set(args.query, performance.now() - started)
      if (answer.superseded) abandoned++
      return answer
    }
    // Evaluated as text (the page's CSP refuses script tags; DevTools evaluation is not a script).
    await page.evaluate(readFileSync(join(__dirname, 'search-probe.js'), 'utf8'))
    const typeInDialog = async (query: string, delay?: number) => {
      await page.keyboard.press('Control+k')
      await page.getByRole('searchbox', { name: 'Search messages' }).waitFor()
      const typed = await typeQuery(page, query, handlerMs, delay)
      await page.keyboard.press('Escape')
      await page.getByRole('searchbox', { name: 'Search messages' }).waitFor({ state: 'detached' })
      return typed
    }
    const figures: Awaited<ReturnType<typeof typeQuery>> = []
    for (const query of QUERIES) figures.push(...(await typeInDialog(query)))
    const abandonedPaced = abandoned
    const pacedHandlerMs = [...handlerMs.values()]
    // A burst: keys as fast as they come, to see main drop the searches made moot.
    abandoned = 0
    const burst = await typeInDialog(BURST, 0)
    handlers.searchHistory = original
    const median = (pick: (figure: (typeof figures)[number]) => number) =>
      round(percentile(figures.map(pick), 50))
    const latencies = figures.map((figure) => figure.latency)
    return {
      messages: MESSAGES,
      keystrokes: figures.length,
      keystrokeToPaintP95Ms: round(percentile(latencies, 95)),
      keystrokeToPaintMedianMs: round(percentile(latencies, 50)),
      keystrokeToPaintMaxMs: round(Math.max(...latencies)),
      /** Keystrokes whose own results were passed over for a later keystroke's. */
      overtaken: figures.filter((figure) => !figure.own).length,
      handlerP95Ms: round(percentile(pacedHandlerMs, 95)),
      abandonedInMain: abandonedPaced,
      medianMs: {
        keystrokeToRequest: median((figure) => figure.toRequest),
        request: median((figure) => figure.roundTrip),
        answerToPaint: median((figure) => figure.toPaint)
      },
      burst: {
        keystrokes: burst.length,
        abandonedInMain: abandoned,
        lastKeystrokeToPaintMs: round(burst.at(-1)?.latency ?? 0)
      },
      harness: {
        bridgeP95Ms: round(
          percentile(
            figures.map((figure) => figure.bridgeMs),
            95
          )
        ),
        appPartP95Ms: round(
          percentile(
            figures.map((figure) => figure.appMs),
            95
          )
        )
      }
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}
