// bench:chat's history runs: opening a 10,000-message conversation (open), a 2 MB code block
// streamed and reopened (big), and starting on 1,000,000 messages (startup).
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { createCore } from '../../../src/main/core'
import { openDatabase } from '../../../src/main/db/database'
import type { FakeProvider } from '../../../test/fake-provider/server'
import { memorySecrets } from '../../../test/fixtures/secrets'
import { launchApp } from '../../../test/harness/app'
import { log, round } from '../lib/measure'
import {
  closeApp,
  now,
  openApp,
  openConversation,
  pageFigures,
  resetFigures,
  seededDataDir
} from './app'
import { filler } from './content'
import { expectRun } from './scenario'
import { STARTUP_CORPUS_VERSION, buildStartupHistory } from './history'

/** A click on a 10,000-message conversation to its newest messages painted, and the JS heap. */
export async function openRun(browser: Browser, provider: FakeProvider) {
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
    const { page } = setup
    const opened = await openConversation(
      page,
      'Ten thousand',
      'The very last answer of the long conversation.'
    )
    // Every block on screen formatted: no plain-first block left, checked each frame.
    // (A string: tsx would wrap a named function in a helper the page does not have.)
    const formattedAt = (await page.evaluate(`new Promise((done) => {
      const check = () =>
        document.querySelector('.markdown-pending')
          ? requestAnimationFrame(check)
          : done(performance.timeOrigin + performance.now())
      check()
    })`)) as number
    // Formatting must not move the view: the newest message stays at the bottom.
    const bottomGapPx = await page.evaluate(async () => {
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
      const scroller = document.querySelector('.message-scroll')!
      return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight
    })
    if (process.env.BENCH_TRACE) await browser.stopTracing()
    expectRun(opened.rows >= 3, `the first paint showed ${opened.rows} rows`)
    expectRun(
      bottomGapPx <= 48,
      `after formatting, the view was ${bottomGapPx} px above the newest message`
    )
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
      firstPaintMs: round(opened.paintedAt - opened.clickedAt),
      formattedMs: round(formattedAt - opened.clickedAt),
      rowsAtFirstPaint: opened.rows,
      plainBlocksAtFirstPaint: opened.plainBlocks,
      heapMB: round(heap.usedSize / 1024 / 1024),
      harness: {
        // From Playwright's click to the page receiving it (part of firstPaintMs).
        clickDeliveryMs: round(opened.receivedAt - opened.clickedAt),
        // First paint without the harness's parts (the click's delivery, the bridge): the
        // app's own, the figure held against the goal, as search's appPartP95Ms.
        appPartMs: round(
          opened.paintedAt - opened.receivedAt - Math.max(0, roundTripMs - handlerMs)
        ),
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

/** A 2 MB one-code-block answer streamed, then opened again from history. */
export async function bigRun(browser: Browser, provider: FakeProvider) {
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

/** From starting the core on a large cached history (under `cache`) to an interactive window. */
export async function startupRun(browser: Browser, provider: FakeProvider, cache: string) {
  const conversations = 100_000
  const messages = 1_000_000
  mkdirSync(cache, { recursive: true })
  const cached = join(
    cache,
    `startup-${conversations}-${messages}-v${STARTUP_CORPUS_VERSION}.sqlite`
  )
  log(`startup: building or reusing ${cached}`)
  buildStartupHistory(cached, conversations, messages)
  // Migrate the cached copy once, so the timed start measures a start, not an upgrade.
  openDatabase(cached).close()
  const dataDir = mkdtempSync(join(tmpdir(), 'seed-chat-bench-'))
  copyFileSync(cached, join(dataDir, 'history.sqlite'))
  const secrets = memorySecrets()
  await secrets.set(provider.apiKey)
  // The app ran on this history before and closed cleanly: what an everyday start finds.
  const before = await createCore({
    dataDir,
    secrets,
    emit: () => undefined
  })
  await before.handlers.updateSettings({ baseURL: provider.baseURL })
  await before.close()
  const started = now()
  const app = await launchApp(browser, { dataDir, secrets })
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
    rmSync(dataDir, { recursive: true, force: true })
  }
}
