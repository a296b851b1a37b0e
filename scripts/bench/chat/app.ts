// bench:chat's app under test: the built renderer in Chromium through the test harness, seeded
// with a history, a key in the real keychain, and the page's own instruments (instrument.js).
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { openDatabase } from '../../../src/main/db/database'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { updateSettings } from '../../../src/main/settings/settings'
import type { FakeProvider } from '../../../test/fake-provider/server'
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
  service: string
}

export async function openApp(
  browser: Browser,
  provider: FakeProvider,
  dataDir: string
): Promise<Setup> {
  const service = `seed-chat-bench-${process.pid}-${Date.now()}`
  await createKeytarStore(service).set(provider.apiKey)
  const app = await launchApp(browser, { dataDir, keychainService: service })
  // A plain script file: tsx would wrap named functions in helpers the page does not have.
  await app.context.addInitScript({ path: join(__dirname, 'instrument.js') })
  const page = app.page
  await page.reload()
  await page.getByRole('textbox', { name: 'Message' }).waitFor()
  return { app, page, service }
}

export async function closeApp(setup: Setup): Promise<void> {
  await setup.app.close()
  await createKeytarStore(setup.service).delete()
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

export async function openConversation(
  page: Page,
  title: string,
  lastText: string
): Promise<number> {
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
