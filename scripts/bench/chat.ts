// Chat view benchmark: npm run bench:chat [-- --only stream,open,find,big,startup,search]
//
// Drives the built renderer (out/renderer) in Debian's Chromium through the test harness, with the
// real core and the fake provider on 127.0.0.1, and prints one JSON line. Figures come from the
// page itself: a `longtask` PerformanceObserver, the Event Timing API for input latency (event to
// next paint), and a MutationObserver plus a post-paint callback for when streamed text shows.
// The harness carries each event to the page with one DevTools call (Electron's IPC does not):
// `harness` figures say how much of a latency that transport took.
import { join, resolve } from 'node:path'
import { launchChromium } from '../../test/harness/app'
import { startFakeProvider } from '../../test/fake-provider/server'
import { findRun } from './chat/find'
import { bigRun, openRun, startupRun } from './chat/history-runs'
import { searchRun } from './chat/search'
import { streamInPageRun, streamRun } from './chat/stream'
import { log } from './lib/measure'

const ROOT = resolve(__dirname, '../..')
const CACHE = process.env.SEED_CHAT_BENCH_CACHE ?? join(ROOT, '.bench')
const argument = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined
const STREAM_TOKENS = Number(argument('--tokens') ?? 20_000)

async function main(): Promise<void> {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1].split(',')
    : null
  const want = (name: string): boolean => !only || only.includes(name)
  const browser = await launchChromium(true)
  const provider = await startFakeProvider()
  const result: Record<string, unknown> = {}
  try {
    if (want('stream')) {
      log('stream: 20,000 tokens into a 2,000-message conversation')
      result.stream = await streamRun(browser, provider, STREAM_TOKENS)
    }
    if (want('streamInPage')) {
      log('streamInPage: the same answer fed inside the page, without the harness transport')
      result.streamInPage = await streamInPageRun(browser, provider, STREAM_TOKENS)
    }
    if (want('open')) {
      log('open: a 10,000-message conversation')
      result.open = await openRun(browser, provider)
    }
    if (want('find')) {
      log('find: find in the 10,000-message conversation, then Enter through its matches')
      result.find = await findRun(browser, provider)
    }
    if (want('big')) {
      log('big: a 2 MB code block')
      result.big = await bigRun(browser, provider)
    }
    if (want('startup')) {
      log('startup: 100,000 conversations, 1,000,000 messages')
      result.startup = await startupRun(browser, provider, CACHE)
    }
    if (want('search')) {
      log('search: typing in the search dialog on 1,000,000 messages')
      result.search = await searchRun(browser, provider, CACHE)
    }
  } finally {
    await provider.close()
    await browser.close()
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
