// Search as you type, end to end in Chromium with the real core: each keystroke searches; a search
// still running in main when the next keystroke's arrives is abandoned there (it answers
// "superseded"), and an answer that comes back late is never painted over a newer one. The harness
// holds chosen requests on events (never on time) to put a query in flight at the chosen moment.
// Screenshots of the dialog mid-typing (en, zh-CN) go to test-results/screens.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { SearchPage } from '../../src/shared/search'
import { expect, test } from './fixtures'
import { connect, seedConversations } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const MODEL = 'doubao-seed-2.0-pro'

/** Three conversations: "la" finds all, "lan" two, "lant" two, "lantern" one. */
function seed(now: number) {
  const chat = (title: string, text: string, hoursAgo: number) => ({
    title,
    model: MODEL,
    at: now - hoursAgo * 3_600_000,
    messages: [
      { role: 'user' as const, content: text },
      { role: 'assistant' as const, content: `Noted: ${text}` }
    ]
  })
  return [
    chat('Lake trip', 'A walk around the lake at dawn.', 4),
    chat('Lantana garden', 'The lantana needs sun and little water.', 3),
    chat('Paper lanterns', 'Fold the lantern from red paper.', 2),
    chat('数据清洗', '我们的数据需要先清洗，再导入仓库。', 1)
  ]
}

interface Seen {
  /** Every query whose results the dialog showed, in order. */
  shown: string[]
  /** Every query whose answer reached the page, in order. */
  answered: string[]
}

/** Records, in the page, what the dialog showed and which answers arrived. */
async function recordShown(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Seen = { shown: [], answered: [] }
    ;(window as unknown as { __seen: Seen }).__seen = seen
    new MutationObserver(() => {
      const value = document.querySelector('.search-results')?.getAttribute('data-results-for')
      if (value && seen.shown.at(-1) !== value) seen.shown.push(value)
    }).observe(document.body, { subtree: true, attributes: true, childList: true })
    const invoke = window.__seedChatInvoke
    window.__seedChatInvoke = (channel, args) =>
      invoke(channel, args).then((value) => {
        const query = (args as { query?: unknown } | null)?.query
        if (typeof query === 'string') seen.answered.push(query)
        return value
      })
  })
}

const seenSoFar = (page: Page): Promise<Seen> =>
  page.evaluate(() => structuredClone((window as unknown as { __seen: Seen }).__seen))

/** After the page's next frame has painted. */
const nextFrame = (page: Page): Promise<unknown> =>
  page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done))))

test('typing over queries in flight: main abandons the older, the page never paints it over the newer', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  seedConversations(app.core.services.db, seed(Date.now()))
  const handlers = app.core.handlers
  const original = handlers.searchHistory
  const answered = new Map<string, SearchPage>()
  // "la" starts in main only when "lan" arrives, just before it: both in flight at once.
  let startLa: (() => void) | null = null
  // "lant" is answered in full at once, but its answer is held until the test lets it go.
  let releaseLant: () => void = () => undefined
  const lantHeld = new Promise<void>((resolve) => (releaseLant = resolve))
  let lantAnswered: () => void = () => undefined
  const lantReady = new Promise<void>((resolve) => (lantAnswered = resolve))
  handlers.searchHistory = async (args) => {
    let answer: Promise<SearchPage>
    if (args.query === 'la') {
      answer = new Promise<SearchPage>((resolve) => {
        startLa = () => resolve(original(args))
      })
    } else if (args.query === 'lan') {
      startLa?.()
      answer = original(args)
    } else if (args.query === 'lant') {
      // Without its search box: this one cannot be abandoned in main, only held in transit.
      const { typing: _box, ...rest } = args
      const page = await original(rest)
      answered.set(args.query, page)
      lantAnswered()
      await lantHeld
      return page
    } else answer = original(args)
    const page = await answer
    answered.set(args.query, page)
    return page
  }

  await page.keyboard.press('Control+K')
  const dialog = page.getByRole('dialog', { name: 'Search' })
  const box = dialog.getByRole('searchbox', { name: 'Search messages' })
  await expect(box).toBeFocused()
  await recordShown(page)
  const results = dialog.locator('.search-results')
  const groups = dialog.getByRole('listbox', { name: 'Results' }).getByRole('group')

  // "l", "la", "lan": "la" was still running in main when "lan" came, and gave up.
  await page.keyboard.type('lan')
  await expect(results).toHaveAttribute('data-results-for', 'lan')
  expect(answered.get('la')).toEqual({ results: [], next: null, superseded: true })
  await expect(groups).toHaveCount(2)

  // "lant" is in flight (answered in main, held on its way) while "ern" is typed over it.
  await page.keyboard.type('t')
  await lantReady
  await expect(results).toHaveAttribute('aria-busy', 'true')
  await page.screenshot({ path: join(SCREENS, 'search-typing-en.png') })
  await page.keyboard.type('ern')
  await expect(results).toHaveAttribute('data-results-for', 'lantern')
  await expect(groups).toHaveCount(1)
  await expect(groups.first()).toHaveAccessibleName('Paper lanterns')

  // Now the late answer for "lant" (two conversations) reaches the page: it is dropped.
  expect(answered.get('lant')?.results.map((hit) => hit.conversationTitle)).toContain(
    'Lantana garden'
  )
  releaseLant()
  await expect.poll(async () => (await seenSoFar(page)).answered).toContain('lant')
  await nextFrame(page)
  await expect(results).toHaveAttribute('data-results-for', 'lantern')
  await expect(groups).toHaveCount(1)
  await expect(box).toBeFocused()
  await expect(box).toHaveValue('lantern')
  // Every painted set of results answered a longer prefix than the one before it.
  const { shown } = await seenSoFar(page)
  expect(shown.at(-1)).toBe('lantern')
  expect(shown).not.toContain('lant')
  for (let i = 1; i < shown.length; i++)
    expect(shown[i].length).toBeGreaterThan(shown[i - 1].length)
  handlers.searchHistory = original
})

test.describe('in Chinese', () => {
  test.use({ appOptions: { locale: 'zh-CN' } })
  test('results follow the typing, with the last count kept while the next search runs', async ({
    app,
    provider
  }) => {
    const page = await connect(app, provider, '消息')
    seedConversations(app.core.services.db, seed(Date.now()))
    const handlers = app.core.handlers
    const original = handlers.searchHistory
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    let arrived: () => void = () => undefined
    const heldArrived = new Promise<void>((resolve) => (arrived = resolve))
    const asked: string[] = []
    handlers.searchHistory = async (args) => {
      asked.push(args.query)
      if (args.query === '数据清') {
        arrived()
        await held
      }
      return original(args)
    }
    await page.keyboard.press('Control+K')
    const dialog = page.getByRole('dialog')
    const box = dialog.getByRole('searchbox')
    // 数据 through an input method (Chromium's own composition events): the pinyin letters are
    // never searched, the committed text is.
    await expect(box).toBeFocused()
    const cdp = await page.context().newCDPSession(page)
    for (const text of ['s', 'sh', 'shu', 'shuju'])
      await cdp.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length
      })
    await expect(box).toHaveValue('shuju')
    await cdp.send('Input.insertText', { text: '数据' })
    await expect(dialog.locator('.search-results')).toHaveAttribute('data-results-for', '数据')
    expect(asked).toEqual(['数据'])
    const status = await dialog.getByRole('status').textContent()
    await page.keyboard.type('清')
    await heldArrived
    // The results of 数据 and their count stay while 数据清 runs.
    await expect(dialog.locator('.search-results')).toHaveAttribute('aria-busy', 'true')
    await expect(dialog.getByRole('status')).toHaveText(status ?? '')
    await page.screenshot({ path: join(SCREENS, 'search-typing-zh.png') })
    release()
    await expect(dialog.locator('.search-results')).toHaveAttribute('data-results-for', '数据清')
    await expect(box).toBeFocused()
    handlers.searchHistory = original
  })
})
