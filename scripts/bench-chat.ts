// Chat view benchmark: npm run bench:chat [-- --only stream,open,big,startup]
//
// Drives the built renderer (out/renderer) in Debian's Chromium through the test harness, with the
// real core and the fake provider on 127.0.0.1, and prints one JSON line. Figures come from the
// page itself: a `longtask` PerformanceObserver, the Event Timing API for input latency (event to
// next paint), and a MutationObserver plus a post-paint callback for when streamed text shows.
// The harness carries each event to the page with one DevTools call (Electron's IPC does not):
// `harness` figures say how much of a latency that transport took.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { createCore } from '../src/main/core'
import { openDatabase } from '../src/main/db/database'
import { updateSettings } from '../src/main/settings/settings'
import { createKeytarStore } from '../src/main/secrets/keychain'
import { startFakeProvider, type FakeProvider } from '../test/fake-provider/server'
import { launchApp, launchChromium, type AppHarness } from '../test/harness/app'
import { seedConversations, type SeedMessage } from '../test/e2e/history-seed'
import { STARTUP_CORPUS_VERSION, buildStartupHistory } from './bench-chat/history'

const ROOT = resolve(__dirname, '..')
const CACHE = process.env.SEED_CHAT_BENCH_CACHE ?? join(ROOT, '.bench')
const MODEL = 'doubao-seed-2.0-pro'
const argument = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined
const STREAM_TOKENS = Number(argument('--tokens') ?? 20_000)

const log = (text: string): void => void process.stderr.write(`${text}\n`)
const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}
const round = (value: number): number => Math.round(value * 10) / 10
const now = (): number => performance.timeOrigin + performance.now()

// ---------------------------------------------------------------------------------------------
// Content

const PROSE = [
  'The renderer keeps the main thread free by parsing each finished block once.',
  'A **bold** claim, some `inline code`, and a [link](https://example.com) for good measure.',
  'Caching the highlighted output means reopening a conversation costs almost nothing.',
  '我们先测量，再优化：**数据**不会说谎。'
]

/** A Markdown answer of about `tokens` tokens (4 characters each) with `codeBlocks` code blocks. */
function markdownAnswer(tokens: number, codeBlocks: number): string {
  const parts: string[] = []
  let length = 0
  let block = 0
  let marker = 0
  const target = tokens * 4
  while (length < target) {
    let part: string
    if (block < codeBlocks && parts.length % 6 === 5) {
      block++
      part = `\`\`\`ts\n// block ${block} ⟨${marker++}⟩\nexport function step${block}(input: number[]): number {\n  let total = 0\n  for (const value of input) total += value * ${block}\n  return total / Math.max(1, input.length)\n}\n\`\`\`\n\n`
    } else if (parts.length % 6 === 2) {
      part = `- first point ⟨${marker++}⟩\n- second point with \`code\`\n- third point\n\n`
    } else {
      part = `${PROSE[parts.length % PROSE.length]} ⟨${marker++}⟩ ${PROSE[(parts.length + 1) % PROSE.length]}\n\n`
    }
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

function filler(count: number, tag: string): SeedMessage[] {
  const messages: SeedMessage[] = []
  for (let i = 0; i < count / 2; i++) {
    messages.push({ role: 'user', content: `Question ${i} about ${tag}?` })
    messages.push({
      role: 'assistant',
      content: `Answer ${i}.\n\n${PROSE[i % PROSE.length]}\n\n- one\n- two\n\n\`\`\`js\nconsole.log(${i})\n\`\`\``
    })
  }
  return messages
}

// ---------------------------------------------------------------------------------------------
// The page's own instruments

async function pageFigures(page: Page) {
  return page.evaluate(() => {
    const bench = (window as unknown as { __bench: Record<string, unknown> }).__bench
    return {
      longTasks: bench.longTasks as Array<{ start: number; duration: number }>,
      events: bench.events as number[],
      painted: [...(bench.painted as Map<number, number>)],
      arrived: [...(bench.arrived as Map<number, number>)]
    }
  })
}

async function resetFigures(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = (
      window as unknown as { __bench: Record<string, unknown[] | Map<number, number>> }
    ).__bench
    ;(bench.longTasks as unknown[]).length = 0
    ;(bench.events as unknown[]).length = 0
    ;(bench.painted as Map<number, number>).clear()
    ;(bench.arrived as Map<number, number>).clear()
  })
}

// ---------------------------------------------------------------------------------------------
// Runs

interface Setup {
  app: AppHarness
  page: Page
  service: string
}

async function openApp(browser: Browser, provider: FakeProvider, dataDir: string): Promise<Setup> {
  const service = `seed-chat-bench-${process.pid}-${Date.now()}`
  await createKeytarStore(service).set(provider.apiKey)
  const app = await launchApp(browser, { dataDir, keychainService: service })
  // A plain script file: tsx would wrap named functions in helpers the page does not have.
  await app.context.addInitScript({ path: join(__dirname, 'bench-chat/instrument.js') })
  const page = app.page
  await page.reload()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
  return { app, page, service }
}

async function closeApp(setup: Setup): Promise<void> {
  await setup.app.close()
  await createKeytarStore(setup.service).delete()
}

function seededDataDir(
  provider: FakeProvider,
  conversations: Array<{ title: string; messages: SeedMessage[] }>
): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'seed-chat-bench-'))
  const db = openDatabase(join(dataDir, 'history.sqlite'))
  updateSettings(db, { baseURL: provider.baseURL })
  const at = Date.now() - 60_000
  seedConversations(
    db,
    conversations.map((conversation, index) => ({
      ...conversation,
      model: MODEL,
      at: at - index * 3_600_000
    }))
  )
  db.close()
  return dataDir
}

async function openConversation(page: Page, title: string, lastText: string): Promise<number> {
  const started = await page.evaluate(() => performance.timeOrigin + performance.now())
  await page.getByRole('button', { name: title, exact: true }).first().click()
  await page.getByText(lastText).first().waitFor()
  const shown = await page.evaluate(
    () =>
      new Promise<number>((done) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel()
          channel.port1.onmessage = () => done(performance.timeOrigin + performance.now())
          channel.port2.postMessage(null)
        })
      )
  )
  return shown - started
}

async function streamRun(browser: Browser, provider: FakeProvider) {
  const messagesInChat = 2000
  const dataDir = seededDataDir(provider, [
    { title: 'Long chat', messages: filler(messagesInChat, 'streaming') }
  ])
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  try {
    await openConversation(page, 'Long chat', 'Question 999 about streaming?')
    const content = markdownAnswer(STREAM_TOKENS, 57)
    const sent = new Map<number, number>()
    let written = ''
    let firstAt = 0
    let lastAt = 0
    provider.enqueue({
      kind: 'reply',
      content,
      chunkSize: 8,
      delayMs: 4,
      onWrite: (piece) => {
        const at = now()
        if (firstAt === 0) firstAt = at
        lastAt = at
        const before = written.length
        written += piece
        // Marks completed by this piece.
        const from = Math.max(0, before - 12)
        for (const found of written.slice(from).matchAll(/⟨(\d+)⟩/g)) {
          const n = Number(found[1])
          if (!sent.has(n)) sent.set(n, at)
        }
      }
    })
    await resetFigures(page)
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
    if (profiler) {
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.start')
    }
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('Write me a long answer.')
    await composer.press('Enter')
    // Clicks and keystrokes while it streams.
    let inputs = 0
    const done = page
      .getByRole('button', { name: 'Stop' })
      .waitFor({ state: 'detached', timeout: 180_000 })
    let finished = false
    void done.then(() => (finished = true))
    await page.waitForTimeout(1000)
    while (!finished) {
      await composer.click()
      await page.keyboard.press('KeyX')
      inputs += 2
      await page.waitForTimeout(400)
    }
    await done
    await page.waitForTimeout(500)
    if (profiler) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown }
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const figures = await pageFigures(page)
    if (process.env.BENCH_DEBUG)
      log(
        `sent ${sent.size} arrived ${figures.arrived.length} painted ${figures.painted.length} written ${written.length}`
      )
    const arrived = new Map(figures.arrived)
    const toPaint: number[] = []
    const harness: number[] = []
    for (const [n, paintedAt] of figures.painted) {
      const sentAt = sent.get(n)
      if (sentAt === undefined) continue
      toPaint.push(paintedAt - sentAt)
      const arrivedAt = arrived.get(n)
      if (arrivedAt !== undefined) harness.push(arrivedAt - sentAt)
    }
    const appPart = figures.painted
      .map(([n, paintedAt]) => (arrived.has(n) ? paintedAt - arrived.get(n)! : null))
      .filter((value): value is number => value !== null)
    // Inputs under the 16 ms reporting threshold are not reported: count them as 16.
    const latencies = [
      ...figures.events,
      ...Array(Math.max(0, inputs - figures.events.length)).fill(16)
    ]
    const tokens = Math.ceil(content.length / 4)
    return {
      messagesInChat,
      tokens,
      tokensPerSecond: Math.round(tokens / ((lastAt - firstAt) / 1000)),
      longTasks: figures.longTasks.length,
      maxLongTaskMs: round(Math.max(0, ...figures.longTasks.map((task) => task.duration))),
      chunkToPaintP95Ms: round(percentile(toPaint, 95)),
      inputLatencyP95Ms: round(percentile(latencies, 95)),
      harness: {
        providerToPageP95Ms: round(percentile(harness, 95)),
        pageToPaintP95Ms: round(percentile(appPart, 95)),
        marks: toPaint.length,
        inputs
      }
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * The renderer's own part of streaming: the same answer fed to the page's event handler from a
 * timer inside the page at the same rate, as Electron's IPC would deliver it, with no DevTools
 * call per event. The reply is a real one left streaming by the provider (it stalls), so the
 * store and the view take exactly the path of a real reply.
 */
async function streamInPageRun(browser: Browser, provider: FakeProvider) {
  const messagesInChat = 2000
  const dataDir = seededDataDir(provider, [
    { title: 'Long chat', messages: filler(messagesInChat, 'streaming') }
  ])
  const setup = await openApp(browser, provider, dataDir)
  const { page, app } = setup
  try {
    await openConversation(page, 'Long chat', 'Question 999 about streaming?')
    provider.enqueue({ kind: 'reply', content: 'x', failAfterChars: 0, failure: { mode: 'stall' } })
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('Write me a long answer.')
    await composer.press('Enter')
    await page.getByRole('button', { name: 'Stop' }).waitFor()
    const reply = app.core.services.db
      .prepare(
        "SELECT id, conversation_id AS conversationId FROM messages WHERE status = 'streaming' ORDER BY id DESC LIMIT 1"
      )
      .get() as { id: number; conversationId: number }
    const content = markdownAnswer(STREAM_TOKENS, 57)
    await resetFigures(page)
    const profiler = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null
    if (profiler) {
      await profiler.send('Profiler.enable')
      await profiler.send('Profiler.start')
    }
    if (process.env.BENCH_TRACE)
      await browser.startTracing(page, {
        path: process.env.BENCH_TRACE,
        categories: ['devtools.timeline']
      })
    // 4 tokens every 8 ms: 500 tokens/s without leaning on the browser's 4 ms timer floor.
    const chunkChars = 16
    const intervalMs = 8
    const feeding = page.evaluate(
      ({ content, chunkChars, intervalMs, reply }) =>
        new Promise<{ firstAt: number; lastAt: number; sent: Array<[number, number]> }>((done) => {
          const emit = (window as unknown as { __seedChatEmit: (c: string, d: unknown) => void })
            .__seedChatEmit
          const sent: Array<[number, number]> = []
          let position = 0
          let written = ''
          const firstAt = performance.timeOrigin + performance.now()
          const timer = setInterval(() => {
            if (position >= content.length) {
              clearInterval(timer)
              done({ firstAt, lastAt: performance.timeOrigin + performance.now(), sent })
              return
            }
            const piece = content.slice(position, position + chunkChars)
            position += chunkChars
            written += piece
            const at = performance.timeOrigin + performance.now()
            for (const found of written.slice(-16).matchAll(/⟨(\d+)⟩/g)) {
              if (!sent.some(([n]) => n === Number(found[1]))) sent.push([Number(found[1]), at])
            }
            emit('api:replyDelta', {
              conversationId: reply.conversationId,
              messageId: reply.id,
              content: piece,
              reasoning: ''
            })
          }, intervalMs)
        }),
      { content, chunkChars, intervalMs, reply }
    )
    let inputs = 0
    let finished = false
    void feeding.then(() => (finished = true))
    await page.waitForTimeout(1000)
    while (!finished) {
      await composer.click()
      await page.keyboard.press('KeyX')
      inputs += 2
      await page.waitForTimeout(400)
    }
    const fed = await feeding
    await page.waitForTimeout(500)
    if (process.env.BENCH_TRACE) await browser.stopTracing()
    if (profiler) {
      const { profile } = (await profiler.send('Profiler.stop')) as { profile: unknown }
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const figures = await pageFigures(page)
    const painted = new Map(figures.painted)
    const toPaint = fed.sent.filter(([n]) => painted.has(n)).map(([n, at]) => painted.get(n)! - at)
    const latencies = [
      ...figures.events,
      ...Array(Math.max(0, inputs - figures.events.length)).fill(16)
    ]
    const tokens = Math.ceil(content.length / 4)
    await app.core.handlers.stopReply({ messageId: reply.id })
    return {
      messagesInChat,
      tokens,
      tokensPerSecond: Math.round(tokens / ((fed.lastAt - fed.firstAt) / 1000)),
      longTasks: figures.longTasks.length,
      maxLongTaskMs: round(Math.max(0, ...figures.longTasks.map((task) => task.duration))),
      chunkToPaintP95Ms: round(percentile(toPaint, 95)),
      inputLatencyP95Ms: round(percentile(latencies, 95)),
      marks: toPaint.length,
      inputs
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function openRun(browser: Browser, provider: FakeProvider) {
  const messages = filler(10_000, 'opening')
  messages[messages.length - 1] = {
    role: 'assistant',
    content: 'The very last answer of the long conversation.'
  }
  const dataDir = seededDataDir(provider, [
    { title: 'Other chat', messages: filler(4, 'other') },
    { title: 'Ten thousand', messages }
  ])
  const setup = await openApp(browser, provider, dataDir)
  try {
    if (process.env.BENCH_TRACE) {
      await browser.startTracing(setup.page, {
        path: process.env.BENCH_TRACE,
        categories: ['devtools.timeline']
      })
    }
    const firstPaintMs = await openConversation(
      setup.page,
      'Ten thousand',
      'The very last answer of the long conversation.'
    )
    if (process.env.BENCH_TRACE) await browser.stopTracing()
    // What the harness's bridge adds to opening: the same request again, timed in the page
    // (round trip) and in the core (the handler itself); Electron's IPC replaces the difference.
    const handlers = setup.app.core.handlers
    const original = handlers.getConversation
    let handlerMs = 0
    handlers.getConversation = async (args) => {
      const started = performance.now()
      try {
        return await original(args)
      } finally {
        handlerMs = performance.now() - started
      }
    }
    const id = (await handlers.listConversations({})).conversations.find(
      (c) => c.title === 'Ten thousand'
    )!.id
    const roundTripMs = await setup.page.evaluate(async (conversationId) => {
      const started = performance.now()
      await (
        window as unknown as { api: { getConversation(a: { id: number }): Promise<unknown> } }
      ).api.getConversation({ id: conversationId })
      return performance.now() - started
    }, id)
    handlers.getConversation = original
    const cdp = await setup.page.context().newCDPSession(setup.page)
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
    return {
      messages: 10_000,
      firstPaintMs: round(firstPaintMs),
      heapMB: round(heap.usedSize / 1024 / 1024),
      harness: {
        bridgeMs: round(roundTripMs - handlerMs),
        requestRoundTripMs: round(roundTripMs),
        handlerMs: round(handlerMs)
      }
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function bigRun(browser: Browser, provider: FakeProvider) {
  const line = 'const value = compute(input, options) // a line of a very large generated file\n'
  const code = line.repeat(Math.ceil(2_000_000 / line.length)).slice(0, 2_000_000 - 20)
  const content = `\`\`\`ts\n${code}\n\`\`\`\n`
  const dataDir = seededDataDir(provider, [{ title: 'Other chat', messages: filler(4, 'other') }])
  const setup = await openApp(browser, provider, dataDir)
  const { page } = setup
  try {
    provider.enqueue({ kind: 'reply', content, chunkSize: 4000, delayMs: 5 })
    await resetFigures(page)
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('Paste the whole file.')
    await composer.press('Enter')
    await page
      .getByRole('button', { name: 'Stop' })
      .waitFor({ state: 'detached', timeout: 120_000 })
    await page.waitForTimeout(500)
    const streamed = await pageFigures(page)
    // Open it again from history.
    await page.getByRole('button', { name: 'Other chat', exact: true }).first().click()
    await page.getByText('Question 1 about other?').waitFor()
    await resetFigures(page)
    await page.getByRole('button', { name: 'Paste the whole file.', exact: true }).first().click()
    await page.locator('.code-block').first().waitFor()
    await page.waitForTimeout(1000)
    const reopened = await pageFigures(page)
    const longest = (figures: typeof streamed) =>
      Math.max(0, ...figures.longTasks.map((task) => task.duration))
    return {
      bytes: Buffer.byteLength(content),
      maxBlockedMs: round(Math.max(longest(streamed), longest(reopened))),
      streamMaxBlockedMs: round(longest(streamed)),
      reopenMaxBlockedMs: round(longest(reopened))
    }
  } finally {
    await closeApp(setup)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function startupRun(browser: Browser, provider: FakeProvider) {
  const conversations = 100_000
  const messages = 1_000_000
  mkdirSync(CACHE, { recursive: true })
  const cached = join(
    CACHE,
    `startup-${conversations}-${messages}-v${STARTUP_CORPUS_VERSION}.sqlite`
  )
  log(`startup: building or reusing ${cached}`)
  buildStartupHistory(cached, conversations, messages)
  // Migrate the cached copy once, so the timed start measures a start, not an upgrade.
  openDatabase(cached).close()
  const dataDir = mkdtempSync(join(tmpdir(), 'seed-chat-bench-'))
  copyFileSync(cached, join(dataDir, 'history.sqlite'))
  const service = `seed-chat-bench-${process.pid}-startup`
  await createKeytarStore(service).set(provider.apiKey)
  // The app ran on this history before and closed cleanly: what an everyday start finds.
  const before = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    emit: () => undefined
  })
  await before.handlers.updateSettings({ baseURL: provider.baseURL })
  await before.close()
  const started = now()
  const app = await launchApp(browser, { dataDir, keychainService: service })
  try {
    const coreReady = now()
    await app.page.getByRole('textbox', { name: 'Message' }).waitFor()
    await app.page.locator('.conversation-item').first().waitFor()
    const interactive = now()
    return {
      conversations,
      messages,
      interactiveMs: Math.round(interactive - started),
      harness: { coreAndPageStartMs: Math.round(coreReady - started) }
    }
  } finally {
    await app.close()
    await createKeytarStore(service).delete()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

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
      result.stream = await streamRun(browser, provider)
    }
    if (want('streamInPage')) {
      log('streamInPage: the same answer fed inside the page, without the harness transport')
      result.streamInPage = await streamInPageRun(browser, provider)
    }
    if (want('open')) {
      log('open: a 10,000-message conversation')
      result.open = await openRun(browser, provider)
    }
    if (want('big')) {
      log('big: a 2 MB code block')
      result.big = await bigRun(browser, provider)
    }
    if (want('startup')) {
      log('startup: 100,000 conversations, 1,000,000 messages')
      result.startup = await startupRun(browser, provider)
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
