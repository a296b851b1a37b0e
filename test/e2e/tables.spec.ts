// Markdown tables in narrow windows (issue 15, bug 7): header words stay whole ("Years", not
// "Year/s"; "年数", not "年/数"); a table wider than the answer scrolls sideways instead.
// Screenshots go to test-results/screens.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

const TABLE = [
  'Here is the loan, year by year:',
  '',
  '| Years | Rate | Monthly payment | Total interest | Remaining principal | 年数 | 利率 |',
  '|---|---|---|---|---|---|---|',
  '| 1 | 3.5% | 1,234.56 | 456.78 | 98,765.43 | 一年 | 百分之三点五 |',
  '| 2 | 3.6% | 1,240.00 | 912.34 | 97,000.00 | 两年 | 百分之三点六 |',
  ''
].join('\n')

async function connect(
  app: AppHarness,
  provider: FakeProvider,
  language: 'en' | 'zh-CN',
  theme: 'light' | 'dark'
) {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL, language, theme })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.locator('.composer-input')).toBeVisible()
  return app.page
}

/** Each header cell's text as the lines it is laid out on. */
function headerLines(page: Page) {
  return page.locator('.markdown th').evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange()
      range.selectNodeContents(cell)
      const tops = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)))
      return {
        text: cell.textContent,
        lines: tops.size,
        fits: cell.scrollWidth <= cell.clientWidth
      }
    })
  )
}

for (const [width, language, theme] of [
  [640, 'en', 'light'],
  [640, 'zh-CN', 'dark'],
  [800, 'en', 'dark'],
  [800, 'zh-CN', 'light']
] as const) {
  test(`at ${width} px (${language}, ${theme}) table headers keep their words and the table scrolls`, async ({
    app,
    provider
  }) => {
    const page = await connect(app, provider, language, theme)
    await page.setViewportSize({ width, height: 700 })
    provider.enqueue({ kind: 'reply', content: TABLE })
    await page.locator('.composer-input').fill('Show the loan table')
    await page.locator('.composer-input').press('Enter')
    const table = page.locator('.markdown table')
    await expect(table).toBeVisible()
    await expect(page.locator('.markdown th')).toHaveCount(7)

    for (const header of await headerLines(page)) {
      expect(header, `${header.text}`).toMatchObject({ lines: 1, fits: true })
    }
    // Wider than the answer: the box around it scrolls, the window does not.
    const scroll = page.locator('.md-table-scroll')
    const sizes = await scroll.evaluate((box) => ({
      scrollWidth: box.scrollWidth,
      clientWidth: box.clientWidth,
      pageWidth: document.documentElement.scrollWidth
    }))
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth)
    expect(sizes.pageWidth).toBeLessThanOrEqual(width)
    // The keyboard reaches it and scrolls it.
    await scroll.focus()
    await page.keyboard.press('ArrowRight')
    // Wait for the (smooth) scroll to settle, then put it back for the screenshot.
    let last = -1
    await expect
      .poll(async () => {
        const now = await scroll.evaluate((box) => box.scrollLeft)
        const settled = now > 0 && now === last
        last = now
        return settled
      })
      .toBe(true)
    await scroll.evaluate((box) => {
      box.scrollLeft = box.scrollWidth
      box.blur()
    })
    await page.screenshot({ path: join(SCREENS, `table-${width}-${language}-${theme}-end.png`) })
    await scroll.evaluate((box) => {
      box.scrollLeft = 0
    })
    await page.screenshot({ path: join(SCREENS, `table-${width}-${language}-${theme}.png`) })
  })
}
