// Heavy answers (issue 18): no answer freezes the window or draws over the app. Formulas and
// Markdown over the guards' budgets show as source or plain text, the window keeps taking input,
// KaTeX's overlays stay inside their message, and a block too slow to highlight gives up within
// its budget while the next block is highlighted by a fresh worker. The longest task per answer
// is measured by npm run bench:corpus, not here. Screenshots go to test-results/screens.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { heavyCorpus } from '../../scripts/bench/corpus/answers'
import type { FakeProvider } from '../fake-provider/server'
import type { AppHarness } from '../harness/app'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')
const answer = (name: string): string => {
  const found = heavyCorpus().find((entry) => entry.name === name)
  if (!found) throw new Error(`no corpus answer ${name}`)
  return found.content
}

async function connect(app: AppHarness, provider: FakeProvider): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.locator('.composer-input')).toBeVisible()
  return app.page
}

async function ask(page: Page, provider: FakeProvider, question: string, content: string) {
  provider.enqueue({ kind: 'reply', content, chunkSize: 200_000 })
  await page.locator('.composer-input').fill(question)
  await page.locator('.composer-input').press('Enter')
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0)
}

/** The last answer's rendered Markdown, and the window's points outside its message it shows at. */
function outsideHits(page: Page) {
  return page.evaluate(() => {
    const articles = document.querySelectorAll('article.message-assistant')
    const article = articles[articles.length - 1]
    const body = article.querySelector('.markdown') as HTMLElement
    const list = document.querySelector('.message-scroll') as HTMLElement
    const a = article.getBoundingClientRect()
    const l = list.getBoundingClientRect()
    const box = {
      left: Math.max(a.left, l.left) - 2,
      right: Math.min(a.right, l.right) + 2,
      top: Math.max(a.top, l.top) - 2,
      bottom: Math.min(a.bottom, l.bottom) + 2
    }
    let hits = 0
    for (let x = 1; x < innerWidth; x += 6) {
      for (let y = 1; y < innerHeight; y += 6) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) continue
        const found = document.elementFromPoint(x, y)
        if (found && body.contains(found)) hits++
      }
    }
    // How far KaTeX's boxes reach beyond the message: what the clipping has to hold in.
    let reach = 0
    for (const element of body.querySelectorAll('.katex *')) {
      const r = element.getBoundingClientRect()
      if (r.width === 0 && r.height === 0) continue
      reach = Math.max(
        reach,
        a.left - r.left,
        r.right - a.right,
        a.top - r.top,
        r.bottom - a.bottom
      )
    }
    return { hits, reach }
  })
}

test('KaTeX rules, kerns, raised boxes, laps and huge sizes stay inside their message', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  await ask(page, provider, 'Draw over the app', answer('katex-overlays'))
  await expect(page.locator('article.message-assistant .katex')).toHaveCount(14)
  const { hits, reach } = await outsideHits(page)
  // The formulas do reach far outside the message (so the check means something)...
  expect(reach).toBeGreaterThan(200)
  // ...and nothing of them shows there: the user's question, the composer, the sidebar are whole.
  expect(hits).toBe(0)
  await expect(page.locator('.message-bubble', { hasText: 'Draw over the app' })).toBeVisible()
  await page.screenshot({ path: join(SCREENS, 'heavy-katex-overlays-end.png') })
  await page
    .locator('article.message-assistant')
    .last()
    .evaluate((article) => {
      article.scrollIntoView()
    })
  expect((await outsideHits(page)).hits).toBe(0)
  await page.screenshot({ path: join(SCREENS, 'heavy-katex-overlays.png') })
})

test('a macro bomb shows as source and the window keeps taking input', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  await ask(page, provider, 'Expand this', answer('katex-macro-bomb'))
  const source = page.locator('article.message-assistant .math-source')
  await expect(source).toHaveCount(1)
  await expect(source).toContainText('\\def\\a')
  await expect(page.locator('article.message-assistant .katex')).toHaveCount(0)
  // Input is handled: the composer takes the keys typed after the bomb.
  await page.locator('.composer-input').pressSequentially('still here')
  await expect(page.locator('.composer-input')).toHaveValue('still here')
})

for (const name of ['emphasis-run-99k', 'nested-links-3000', 'nested-emphasis-3000']) {
  test(`${name} is shown as plain text with a notice, and the window keeps taking input`, async ({
    app,
    provider
  }) => {
    const page = await connect(app, provider)
    await ask(page, provider, `Show ${name}`, answer(name))
    const raw = page.locator('article.message-assistant .markdown-raw')
    await expect(raw).toHaveCount(1)
    expect(await raw.evaluate((element) => element.textContent?.length)).toBe(answer(name).length)
    await expect(
      page.getByText('This answer could not be formatted, so it is shown as plain text.')
    ).toBeVisible()
    await page.locator('.composer-input').pressSequentially('ok')
    await expect(page.locator('.composer-input')).toHaveValue('ok')
    if (name === 'nested-links-3000')
      await page.screenshot({ path: join(SCREENS, 'heavy-nested-links.png') })
  })
}

test('Highlight on a 5 MB block gives up within its budget, and the next block is highlighted', async ({
  app,
  provider
}) => {
  test.setTimeout(120_000)
  const page = await connect(app, provider)
  await ask(page, provider, 'The whole file', answer('code-5mb-highlight'))
  await page.getByRole('button', { name: 'Highlight', exact: true }).click()
  // The worker is stopped at the budget (2 s); lowlight alone would take minutes on this block.
  await expect(page.getByText('Too slow to highlight: shown plain')).toBeVisible()
  await expect(page.locator('article.message-assistant code.hljs')).toHaveCount(0)
  await page.screenshot({ path: join(SCREENS, 'heavy-highlight-gave-up.png') })
  // A new worker serves the next block.
  await ask(page, provider, 'A small one', '```js\nconst answer = 42\n```')
  await expect(page.locator('article.message-assistant').last().locator('code.hljs')).toBeVisible()
  await expect(
    page.locator('article.message-assistant').last().locator('.hljs-keyword')
  ).toHaveText('const')
})

test('dense highlighted code enters the page in pieces of whole lines', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  await ask(page, provider, 'Dense code', answer('dense-js-99k'))
  const code = page.locator('article.message-assistant code.hljs')
  await expect(code).toBeVisible()
  const pieces = code.locator('.code-chunk')
  expect(await pieces.count()).toBeGreaterThan(10)
  // Every piece ends up highlighted, and the text is the whole block.
  await expect(pieces.last().locator('.hljs-keyword').first()).toBeAttached()
  expect(await code.evaluate((element) => element.textContent)).toBe(
    answer('dense-js-99k')
      .replace(/^```js\n/, '')
      .replace(/\n```$/, '')
  )
  await page.screenshot({ path: join(SCREENS, 'heavy-dense-code.png') })
})
