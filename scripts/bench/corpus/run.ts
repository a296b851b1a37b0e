// bench:corpus's runs: each heavy answer opened from history (or streamed) in the built renderer,
// with the longest main-thread task while it renders and whether anything drew outside it.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { memorySecrets } from '../../../test/fixtures/secrets'
import type { FakeProvider } from '../../../test/fake-provider/server'
import { launchApp } from '../../../test/harness/app'
import { seededDataDir } from '../chat/app'
import { filler } from '../chat/content'
import { log, round } from '../lib/measure'
import type { HeavyAnswer } from './answers'

/** How long the page is left to render (and highlight, and upgrade) an answer before it is read. */
const SETTLE_MS = 3_000

export interface AnswerFigures {
  longestTaskMs: number
  longTasks: number
  outsideHits: number
  shown: string
}

/**
 * Points of the window outside the answer's message (its article, cut to the scrolling list) where
 * the topmost element belongs to the answer's rendered Markdown: what it draws over the app.
 */
function drawnOutside(page: Page): Promise<number> {
  return page.evaluate(() => {
    const articles = document.querySelectorAll('article.message-assistant')
    const article = articles[articles.length - 1]
    const body = article?.querySelector('.markdown')
    const list = document.querySelector('.message-scroll')
    if (!article || !body || !list) throw new Error('no answer on screen')
    const a = article.getBoundingClientRect()
    const l = list.getBoundingClientRect()
    const left = Math.max(a.left, l.left) - 2
    const right = Math.min(a.right, l.right) + 2
    const top = Math.max(a.top, l.top) - 2
    const bottom = Math.min(a.bottom, l.bottom) + 2
    let hits = 0
    for (let x = 1; x < innerWidth; x += 8) {
      for (let y = 1; y < innerHeight; y += 8) {
        if (x >= left && x <= right && y >= top && y <= bottom) continue
        const found = document.elementFromPoint(x, y)
        if (found && body.contains(found)) hits++
      }
    }
    return hits
  })
}

/** Which path the answer took: plain fallback, formulas as source, highlighting given up... */
function shownAs(page: Page): Promise<string> {
  return page.evaluate(() => {
    const articles = document.querySelectorAll('article.message-assistant')
    const body = articles[articles.length - 1]
    const parts: string[] = []
    // No named functions in here: tsx would wrap them in a helper the page does not have.
    for (const [selector, name] of [
      ['.markdown-raw', 'plain-fallback'],
      ['.markdown-plain', 'plain-large'],
      ['.math-source', 'math-source'],
      ['.katex', 'katex'],
      ['.katex-error', 'katex-error'],
      ['code.hljs', 'highlighted'],
      ['.code-block-note', 'highlight-gave-up'],
      ['.code-chunk', 'pieces'],
      ['table', 'table']
    ]) {
      const n = body.querySelectorAll(selector).length
      if (n > 0) parts.push(`${name}:${n}`)
    }
    return parts.join(' ')
  })
}

/** The app on `dataDir` with the long-task observer (longtasks.js) in its page. */
async function openCorpusApp(browser: Browser, provider: FakeProvider, dataDir: string) {
  // A key store in memory, as bench:chat's: no OS keychain, so no D-Bus needed.
  const secrets = memorySecrets()
  await secrets.set(provider.apiKey)
  const app = await launchApp(browser, { dataDir, secrets })
  await app.context.addInitScript({ path: join(__dirname, 'longtasks.js') })
  await app.page.reload()
  await app.page.getByRole('textbox', { name: 'Message' }).waitFor()
  return {
    page: app.page,
    close: () => app.close()
  }
}

const longTasks = (page: Page): Promise<number[]> =>
  page.evaluate(
    () => (window as unknown as { __corpus: { longTasks: number[] } }).__corpus.longTasks
  )

async function measure(page: Page, act: () => Promise<void>): Promise<AnswerFigures> {
  await page.evaluate(() => {
    ;(window as unknown as { __corpus: { longTasks: number[] } }).__corpus.longTasks.length = 0
  })
  await act()
  await page.waitForTimeout(SETTLE_MS)
  const tasks = await longTasks(page)
  return {
    longestTaskMs: round(Math.max(0, ...tasks)),
    longTasks: tasks.length,
    outsideHits: await drawnOutside(page),
    shown: await shownAs(page)
  }
}

const question = (answer: HeavyAnswer): string => `Show ${answer.name}`

/** One pass over the corpus in a fresh app: each answer's figures by name. */
export async function corpusPass(
  browser: Browser,
  provider: FakeProvider,
  answers: HeavyAnswer[]
): Promise<Record<string, AnswerFigures>> {
  const stored = answers.filter((answer) => !answer.stream)
  const dataDir = seededDataDir(provider, [
    { title: 'Other chat', messages: filler(4, 'other') },
    ...stored.map((answer) => ({
      title: answer.name,
      messages: [
        { role: 'user' as const, content: question(answer) },
        { role: 'assistant' as const, content: answer.content }
      ]
    }))
  ])
  const setup = await openCorpusApp(browser, provider, dataDir)
  const { page } = setup
  const result: Record<string, AnswerFigures> = {}
  try {
    for (const answer of answers) {
      log(`corpus: ${answer.name}`)
      await page.getByRole('button', { name: 'Other chat', exact: true }).first().click()
      await page.getByText('Question 1 about other?').waitFor()
      if (answer.stream) {
        provider.enqueue({ kind: 'reply', content: answer.content, chunkSize: 60, delayMs: 8 })
        result[answer.name] = await measure(page, async () => {
          const composer = page.getByRole('textbox', { name: 'Message' })
          await composer.fill(question(answer))
          await composer.press('Enter')
          await page
            .getByRole('button', { name: 'Stop' })
            .waitFor({ state: 'detached', timeout: 300_000 })
        })
        continue
      }
      result[answer.name] = await measure(page, async () => {
        await page.getByRole('button', { name: answer.name, exact: true }).first().click()
        await page.locator('article.message-assistant .markdown').first().waitFor()
        if (answer.clickHighlight) {
          await page.getByRole('button', { name: 'Highlight', exact: true }).first().click()
          // Highlighted, or given up on within the budget.
          await page.locator('code.hljs, .code-block-note').first().waitFor({ timeout: 60_000 })
        }
      })
    }
  } finally {
    await setup.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
  return result
}
