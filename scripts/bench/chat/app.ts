// bench:chat's app under test: the built renderer in Chromium through the test harness, seeded
// with a history, a key in a store in memory (no OS keychain, no D-Bus: it runs wherever the
// tests do), and the page's own instruments (instrument.js).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openDatabase } from '../../../src/main/db/database'
import { updateSettings } from '../../../src/main/settings/settings'
import type { FakeProvider } from '../../../test/fake-provider/server'
import { memorySecrets } from '../../../test/fixtures/secrets'
import { launchApp, type AppHarness } from '../../../test/harness/app'
import { seedConversations, type SeedMessage } from '../../../test/e2e/history-seed'

const MODEL = 'doubao-seed-2.0-pro'

/** Wall-clock milliseconds on the same time line as the page's performance.timeOrigin + now(). */
export const now = (): number => performance.timeOrigin + performance.now()

export async function pageFigures(page: Page) {
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

export async function resetFigures(page: Page): Promise<void> {
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

export interface Setup {
  app: AppHarness
  page: Page
}

export async function openApp(
  browser: Browser,
  provider: FakeProvider,
  dataDir: string
): Promise<Setup> {
  const secrets = memorySecrets()
  await secrets.set(provider.apiKey)
  const app = await launchApp(browser, { dataDir, secrets })
  // A plain script file: tsx would wrap named functions in helpers the page does not have.
  await app.context.addInitScript({ path: join(__dirname, 'instrument.js') })
  const page = app.page
  await page.reload()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
  return { app, page }
}

export async function closeApp(setup: Setup): Promise<void> {
  await setup.app.close()
}

export function seededDataDir(
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

/**
 * Clicks a conversation and waits until `lastText` is painted: the click's time and the paint's,
 * on the page's clock (performance.timeOrigin + now()), timed inside the page (a DOM change that
 * shows the text, then the end of the frame that painted it), and what that frame showed.
 */
export async function openConversation(
  page: Page,
  title: string,
  lastText: string
): Promise<{
  clickedAt: number
  receivedAt: number
  paintedAt: number
  rows: number
  plainBlocks: number
}> {
  // A string: tsx would wrap named functions in helpers the page does not have.
  // When the page received the click: what Playwright's click adds before it (finding the button by
  // its name, waiting for it to be stable) is the harness's, not the app's.
  await page.evaluate(`void (window.__clicked = new Promise((done) => {
    document.addEventListener('click', (event) => done(performance.timeOrigin + event.timeStamp), {
      capture: true,
      once: true
    })
  }))`)
  await page.evaluate(`void (window.__opened = new Promise((done) => {
    const seen = () => document.querySelector('.message-scroll')?.textContent.includes(${JSON.stringify(lastText)})
    const observer = new MutationObserver(() => {
      if (!seen()) return
      observer.disconnect()
      const rows = document.querySelectorAll('.message-row').length
      const plainBlocks = document.querySelectorAll('.markdown-pending').length
      requestAnimationFrame(() => {
        const channel = new MessageChannel()
        channel.port1.onmessage = () =>
          done({ paintedAt: performance.timeOrigin + performance.now(), rows, plainBlocks })
        channel.port2.postMessage(null)
      })
    })
    observer.observe(document.body, { subtree: true, childList: true, characterData: true })
  }))`)
  const clickedAt = await page.evaluate(() => performance.timeOrigin + performance.now())
  await page.getByRole('button', { name: title, exact: true }).first().click()
  const shown = (await page.evaluate('window.__opened')) as {
    paintedAt: number
    rows: number
    plainBlocks: number
  }
  const receivedAt = (await page.evaluate('window.__clicked')) as number
  return { clickedAt, receivedAt, ...shown }
}
