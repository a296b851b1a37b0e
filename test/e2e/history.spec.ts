// History you can trust and search offline, end to end in Chromium with the real core: search
// (CJK, accents, reasoning, filters) and opening a result at its marked message; rename, pin,
// delete with Undo, surviving restarts; export and import; the recovery screen for a database
// from a newer version; and a sidebar of 100,000 conversations. Screenshots go to
// test-results/screens for a person to look at.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { backupDatabase } from '../../src/main/db/backup'
import { getConversation } from '../../src/main/history/conversations'
import { SCHEMA_VERSION } from '../../src/main/db/migrations'
import { createKeytarStore } from '../../src/main/secrets/keychain'
import { launchApp } from '../harness/app'
import { expect, test } from './fixtures'
import { connect, longConversation, seedConversations, type SeedConversation } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const SEED = 'doubao-seed-1-6-251015'
const GLM = 'glm-4-7-251222'
const HOUR = 3_600_000

/** English and Chinese conversations: 数据 in two of them, café, and a word only in reasoning. */
function searchable(now: number): SeedConversation[] {
  return [
    {
      title: 'Data pipeline notes',
      model: SEED,
      at: now - 3 * HOUR,
      // 30 exchanges, the match early on: opening it must scroll up from the end.
      messages: longConversation(30, 2, {
        role: 'assistant',
        content: '## 清洗步骤\n\n我们的**数据**模型需要先清洗，再导入仓库。\n\n1. 去重\n2. 校验格式'
      })
    },
    {
      title: '巴黎旅行',
      model: GLM,
      at: now - 2 * HOUR,
      messages: [
        { role: 'user', content: 'Meet me at the café near the Louvre tomorrow?' },
        { role: 'assistant', content: '好的。那家咖啡馆的数据显示上午人最少，我们九点见。' }
      ]
    },
    {
      title: 'Flower shapes',
      model: SEED,
      at: now - HOUR,
      messages: [
        { role: 'user', content: 'Which flowers look the same from the left and the right?' },
        {
          role: 'assistant',
          reasoning: 'The botanical word is zygomorphic: one plane of symmetry, like an orchid.',
          content: 'Orchids and snapdragons have a single plane of symmetry.'
        }
      ]
    }
  ]
}

function searchDialog(page: Page, name = 'Search'): Locator {
  return page.getByRole('dialog', { name })
}

async function search(
  page: Page,
  query: string,
  names = { dialog: 'Search', box: 'Search messages' }
): Promise<Locator> {
  const dialog = searchDialog(page, names.dialog)
  if (!(await dialog.isVisible())) await page.keyboard.press('Control+K')
  await expect(dialog).toBeVisible()
  await dialog.getByRole('searchbox', { name: names.box }).fill(query)
  return dialog
}

function results(dialog: Locator): Locator {
  return dialog.getByRole('listbox').getByRole('option')
}

test('search finds CJK words, accents and reasoning; a result opens at its marked message', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  seedConversations(app.core.services.db, searchable(Date.now()))
  await page.reload()
  await expect(
    page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: '巴黎旅行', exact: true })
  ).toBeVisible()

  // 数据: two conversations, grouped under their titles, newest first, the word marked.
  const dialog = await search(page, '数据')
  await expect(results(dialog)).toHaveCount(2)
  const groups = dialog.getByRole('group')
  await expect(groups).toHaveCount(2)
  await expect(dialog.getByRole('group', { name: '巴黎旅行' })).toBeVisible()
  await expect(groups.nth(0)).toHaveAccessibleName('巴黎旅行')
  await expect(groups.nth(1)).toHaveAccessibleName('Data pipeline notes')
  const pipelineHit = groups.nth(1).getByRole('option')
  await expect(pipelineHit.locator('mark')).toHaveText(['数据'])
  await expect(pipelineHit).toContainText('Assistant')
  await expect(groups.nth(0).getByRole('option').locator('mark')).toHaveText(['数据'])
  await page.screenshot({ path: join(SCREENS, 'search-en.png') })

  // Arrow down to the second result and open it: the conversation opens scrolled to it.
  await dialog.getByRole('searchbox').press('ArrowDown')
  await expect(pipelineHit).toHaveAttribute('aria-selected', 'true')
  await dialog.getByRole('searchbox').press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Data pipeline notes')
  const target = page.locator('article[data-highlighted]')
  await expect(target).toHaveCount(1)
  await expect(target).toHaveAttribute('aria-current', 'true')
  await expect(target.locator('mark')).toHaveText(['数据'])
  await expect(target.locator('mark')).toBeInViewport()
  await expect(target).toBeInViewport()
  // The conversation's end is far below: the list did not just open at the end.
  const belowView = await page
    .getByRole('region', { name: 'Messages' })
    .evaluate((scroller) => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight)
  expect(belowView).toBeGreaterThan(2000)
  await page.waitForTimeout(1700) // let the highlight's flash settle for the picture
  await page.screenshot({ path: join(SCREENS, 'result-opened.png') })

  // cafe finds café, marked as written.
  const again = await search(page, 'cafe')
  await expect(results(again)).toHaveCount(1)
  await expect(results(again).locator('mark')).toHaveText(['café'])
  await expect(results(again)).toContainText('You')

  // A word only in the reasoning: a Thinking hit; opening it shows the reasoning with the mark.
  await search(page, 'zygomorphic')
  await expect(results(again)).toHaveCount(1)
  await expect(results(again)).toContainText('Thinking')
  await results(again).click()
  const thinking = page.locator('article[data-highlighted] details.thinking')
  await expect(thinking).toHaveAttribute('open', '')
  await expect(thinking.locator('mark')).toHaveText(['zygomorphic'])

  // The model filter narrows 数据 to the GLM conversation; All models brings both back.
  const filtered = await search(page, '数据')
  await expect(results(filtered)).toHaveCount(2)
  await filtered.getByRole('combobox', { name: 'Model filter' }).selectOption(GLM)
  await expect(results(filtered)).toHaveCount(1)
  await expect(filtered.getByRole('group')).toHaveAccessibleName('巴黎旅行')
  // A date range that ends before anything was written finds nothing; To includes its own day.
  const today = new Date()
  const ymd = (d: Date) =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
  await filtered.getByLabel('To').fill(ymd(new Date(today.getTime() - 3 * 24 * HOUR)))
  await expect(results(filtered)).toHaveCount(0)
  await expect(filtered.getByRole('status')).toHaveText(
    `No results for “数据” with model GLM 4.7, until ${ymd(new Date(today.getTime() - 3 * 24 * HOUR))}`
  )
  await filtered.getByLabel('To').fill(ymd(today))
  await expect(results(filtered)).toHaveCount(1)
  await filtered.getByRole('combobox', { name: 'Model filter' }).selectOption('')
  await expect(results(filtered)).toHaveCount(2)
  // Who wrote it: both hits are answers, so You finds none, and the status names the filter.
  await filtered.getByRole('combobox', { name: 'Who wrote it' }).selectOption('user')
  await expect(results(filtered)).toHaveCount(0)
  await expect(filtered.getByRole('status')).toHaveText(
    `No results for “数据” until ${ymd(today)}, written by you`
  )
  await filtered.getByRole('combobox', { name: 'Who wrote it' }).selectOption('assistant')
  await expect(results(filtered)).toHaveCount(2)
  // Messages with images: none here.
  await filtered.getByRole('combobox', { name: 'Attachments' }).selectOption('image')
  await expect(results(filtered)).toHaveCount(0)
  await filtered.getByRole('button', { name: 'Clear the filters' }).click()
  await expect(results(filtered)).toHaveCount(2)

  // An emptied query clears at once.
  await filtered.getByRole('searchbox').fill('')
  await expect(results(filtered)).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(filtered).toBeHidden()
})

test.describe('in Simplified Chinese', () => {
  test.use({ appOptions: { locale: 'zh-CN' } })

  test('search results in the Chinese UI', async ({ app, provider }) => {
    const page = await connect(app, provider, '消息')
    seedConversations(app.core.services.db, searchable(Date.now()))
    await page.reload()
    await expect(page.getByRole('textbox', { name: '消息' })).toBeVisible()
    const dialog = await search(page, '数据', { dialog: '搜索', box: '搜索消息' })
    await expect(results(dialog)).toHaveCount(2)
    await expect(results(dialog).first()).toContainText('助手')
    await expect(dialog.getByRole('status')).toHaveText('2 条结果')
    await page.screenshot({ path: join(SCREENS, 'search-zh.png') })
  })
})

test('rename, pin and delete with Undo, and what each leaves after a restart', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  const now = Date.now()
  const [oldest, , kept, gone] = seedConversations(app.core.services.db, [
    {
      title: 'Oldest chat',
      model: SEED,
      at: now - 4 * HOUR,
      messages: [{ role: 'user', content: 'first' }]
    },
    {
      title: 'Tax questions',
      model: SEED,
      at: now - 3 * HOUR,
      messages: [{ role: 'user', content: 'second' }]
    },
    {
      title: 'Keep me',
      model: SEED,
      at: now - 2 * HOUR,
      messages: [{ role: 'user', content: 'third' }]
    },
    {
      title: 'Throw me away',
      model: SEED,
      at: now - HOUR,
      messages: [{ role: 'user', content: 'fourth' }]
    }
  ])
  await page.reload()
  const list = page.getByRole('navigation', { name: 'Conversations' })
  const titles = () => list.locator('.conversation-item')
  await expect(titles()).toHaveText(['Throw me away', 'Keep me', 'Tax questions', 'Oldest chat'])

  async function menuOf(title: string): Promise<Locator> {
    await list.getByRole('button', { name: title, exact: true }).hover()
    await list.getByRole('button', { name: `Actions for ${title}` }).click()
    return page.getByRole('menu')
  }

  // Rename from the sidebar: Enter saves.
  await (await menuOf('Tax questions')).getByRole('menuitem', { name: 'Rename' }).click()
  const field = list.getByRole('textbox', { name: 'Conversation title' })
  await expect(field).toBeFocused()
  await field.fill('Taxes 2024')
  await field.press('Enter')
  await expect(titles()).toHaveText(['Throw me away', 'Keep me', 'Taxes 2024', 'Oldest chat'])
  // Esc cancels.
  await (await menuOf('Keep me')).getByRole('menuitem', { name: 'Rename' }).click()
  await field.fill('Not this')
  await field.press('Escape')
  await expect(titles()).toHaveText(['Throw me away', 'Keep me', 'Taxes 2024', 'Oldest chat'])
  // And from the chat header.
  await list.getByRole('button', { name: 'Oldest chat', exact: true }).click()
  await page.getByRole('button', { name: 'Rename', exact: true }).click()
  await page.getByRole('textbox', { name: 'Conversation title' }).fill('Oldest chat, renamed')
  await page.getByRole('textbox', { name: 'Conversation title' }).press('Enter')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oldest chat, renamed')

  // Pin the oldest: it moves to the top with a pin.
  const menu = await menuOf('Oldest chat, renamed')
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Rename',
    'Pin to top',
    'Archive',
    'Move to project…',
    'Export as Markdown',
    'Export as JSON',
    'Delete'
  ])
  await menu.getByRole('menuitem', { name: 'Pin to top' }).click()
  await expect(titles()).toHaveText([
    'Oldest chat, renamed',
    'Throw me away',
    'Keep me',
    'Taxes 2024'
  ])
  await expect(
    list.locator('.conversation-row').first().getByRole('img', { name: 'Pinned' })
  ).toBeVisible()
  // Its menu now offers Unpin. The picture: a pinned row, and the menu of another.
  await expect(
    (await menuOf('Oldest chat, renamed')).getByRole('menuitem', { name: 'Unpin' })
  ).toBeVisible()
  await page.keyboard.press('Escape')
  await menuOf('Keep me')
  await page.screenshot({ path: join(SCREENS, 'sidebar-actions.png') })
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toBeHidden()

  // Delete and Undo: back in its place, and nothing was deleted.
  await (await menuOf('Keep me')).getByRole('menuitem', { name: 'Delete' }).click()
  await expect(titles()).toHaveText(['Oldest chat, renamed', 'Throw me away', 'Taxes 2024'])
  const toast = page.getByRole('status').filter({ hasText: 'Conversation deleted' })
  await expect(toast).toBeVisible()
  await page.waitForTimeout(300) // past the toast's fade-in, for the picture
  await page.screenshot({ path: join(SCREENS, 'undo-toast.png') })
  await toast.getByRole('button', { name: 'Undo' }).click()
  await expect(titles()).toHaveText([
    'Oldest chat, renamed',
    'Throw me away',
    'Keep me',
    'Taxes 2024'
  ])
  expect(getConversation(app.core.services.db, kept)).toBeDefined()

  // Delete and let the toast run out: then it is deleted for real.
  await (await menuOf('Throw me away')).getByRole('menuitem', { name: 'Delete' }).click()
  await expect(toast).toBeVisible()
  expect(getConversation(app.core.services.db, gone)).toBeDefined()
  // The toast's own 8 s, and room for a busy machine: a guard, not a speed check.
  await expect(toast).toBeHidden({ timeout: 30_000 })
  await expect.poll(() => getConversation(app.core.services.db, gone)).toBeUndefined()

  // All of it holds after a restart.
  const again = await app.restart()
  const after = again
    .getByRole('navigation', { name: 'Conversations' })
    .locator('.conversation-item')
  await expect(after).toHaveText(['Oldest chat, renamed', 'Keep me', 'Taxes 2024'])
  expect(getConversation(app.core.services.db, oldest)).toMatchObject({
    pinned: true,
    title: 'Oldest chat, renamed'
  })
})

test('export a conversation as Markdown, export everything, import it into a fresh app twice', async ({
  app,
  provider,
  chromiumBrowser,
  keychainService
}) => {
  const page = await connect(app, provider)
  seedConversations(app.core.services.db, searchable(Date.now()))
  await page.reload()
  const list = page.getByRole('navigation', { name: 'Conversations' })

  // One conversation as Markdown, from its actions menu.
  await list.getByRole('button', { name: '巴黎旅行', exact: true }).hover()
  await list.getByRole('button', { name: 'Actions for 巴黎旅行' }).click()
  const [markdown] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('menuitem', { name: 'Export as Markdown' }).click()
  ])
  expect(markdown.suggestedFilename()).toMatch(/巴黎旅行.*\.md$/)
  const text = readFileSync(await markdown.path(), 'utf8')
  expect(text).toContain('# 巴黎旅行')
  expect(text).toContain('Meet me at the café near the Louvre tomorrow?')
  expect(text).toContain('好的。那家咖啡馆的数据显示上午人最少')

  // Everything as JSON, from Settings → History.
  await page.getByRole('button', { name: 'Settings' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByRole('tab', { name: 'History & backups' }).click()
  const [everything] = await Promise.all([
    page.waitForEvent('download'),
    settings.getByRole('button', { name: 'Export all' }).click()
  ])
  const exported = await everything.path()
  const file = JSON.parse(readFileSync(exported, 'utf8')) as {
    format: string
    conversations: unknown[]
  }
  expect(file.format).toBe('seed-chat-history')
  expect(file.conversations).toHaveLength(3)
  const messages = searchable(0).reduce((sum, c) => sum + c.messages.length, 0)

  // A second app on a fresh data directory imports it; a second import adds nothing.
  const fresh = await launchApp(chromiumBrowser, {
    keychainService: `${keychainService}-import`,
    dataDir: mkdtempSync(join(tmpdir(), 'seed-chat-import-'))
  })
  try {
    const other = await connect(fresh, provider)
    await expect(other.getByText('No conversations yet.')).toBeVisible()
    await other.getByRole('button', { name: 'Settings' }).click()
    const otherSettings = other.getByRole('dialog', { name: 'Settings' })
    await otherSettings.getByRole('tab', { name: 'History & backups' }).click()
    await otherSettings.getByLabel('Import…').setInputFiles(exported)
    await expect(otherSettings.getByRole('status')).toHaveText(
      `Added 3 conversations and ${messages} messages; skipped 0 already there`
    )
    await otherSettings.getByLabel('Import…').setInputFiles(exported)
    await expect(otherSettings.getByRole('status')).toHaveText(
      `Added 0 conversations and 0 messages; skipped ${messages} already there`
    )
    await other.screenshot({ path: join(SCREENS, 'settings-history.png') })
    const count = fresh.core.services.db.prepare('SELECT count(*) AS n FROM messages').get() as {
      n: number
    }
    expect(count.n).toBe(messages)
    await other.keyboard.press('Escape')
    const otherList = other
      .getByRole('navigation', { name: 'Conversations' })
      .locator('.conversation-item')
    await expect(otherList).toHaveText(['Flower shapes', '巴黎旅行', 'Data pipeline notes'])
    // What came in is searchable at once.
    const found = await search(other, 'café')
    await expect(results(found)).toHaveCount(1)

    // A file that is not an export is refused in words.
    await other.keyboard.press('Escape')
    await other.getByRole('button', { name: 'Settings' }).click()
    await otherSettings.getByLabel('Import…').setInputFiles({
      name: 'notes.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"hello": "world"}')
    })
    await expect(otherSettings.getByRole('alert')).toContainText(
      'This file is not a Seed Chat export.'
    )
  } finally {
    await fresh.close()
    await createKeytarStore(`${keychainService}-import`).delete()
  }
})

test('a database from a newer version shows the recovery screen; Restore brings the app back', async ({
  app,
  provider
}) => {
  const errors: string[] = []
  await connect(app, provider)
  seedConversations(app.core.services.db, [
    {
      title: 'Written before the update',
      model: SEED,
      at: Date.now() - HOUR,
      messages: [{ role: 'user', content: 'hello' }]
    }
  ])
  const db = app.core.services.db
  await backupDatabase(db, join(app.dataDir, 'backups'), 'daily')
  // What a newer app would leave: a schema this version does not know.
  db.pragma(`user_version = ${SCHEMA_VERSION + 5}`)

  const page = await app.restart()
  page.on('pageerror', (error) => errors.push(error.message))
  await expect(
    page.getByRole('heading', { name: 'Your history could not be opened' })
  ).toBeVisible()
  await expect(
    page.getByText('It was written by a newer version of Seed Chat. Update the app to open it.')
  ).toBeVisible()
  await expect(page.getByText(/left untouched/)).toBeVisible()
  const backups = page.getByRole('list', { name: 'Backups' }).getByRole('listitem')
  await expect(backups.first()).toContainText('Daily backup')
  // The file really was left as it was.
  const Database = (await import('better-sqlite3')).default
  const check = new Database(join(app.dataDir, 'history.sqlite'), { readonly: true })
  expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5)
  check.close()
  await page.screenshot({ path: join(SCREENS, 'recovery.png') })

  await backups.first().getByRole('button', { name: 'Restore' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await expect(
    page
      .getByRole('navigation', { name: 'Conversations' })
      .getByRole('button', { name: 'Written before the update', exact: true })
  ).toBeVisible()
  expect(errors).toEqual([])
})

test('a sidebar of 100,000 conversations paints fast and scrolls with a bounded number of rows', async ({
  app,
  provider
}) => {
  test.setTimeout(180_000)
  const page = await connect(app, provider)
  const db = app.core.services.db
  const seeded = Date.now()
  // One statement in one transaction: the triggers index every title as the app would.
  db.transaction(() => {
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
       INSERT INTO conversations (title, model, created_at, updated_at)
       SELECT 'Conversation number ' || i, ?, ?, ? + i FROM n`
    ).run(SEED, seeded, seeded - 200_000)
  })()
  console.log(`seeded 100,000 conversations in ${Date.now() - seeded} ms`)

  const nav = page.getByRole('navigation', { name: 'Conversations' })
  const rows = nav.locator('li.conversation-row')
  const started = Date.now()
  await page.reload()
  await expect(
    nav.getByRole('button', { name: 'Conversation number 100000', exact: true })
  ).toBeVisible()
  const firstPaint = Date.now() - started
  expect(await rows.count()).toBeLessThan(60)

  // Scroll to the bottom of what is loaded, again and again: each time the next page comes in.
  const loaded = () => rows.first().getAttribute('aria-setsize').then(Number)
  const scrolls: number[] = []
  for (let i = 0; i < 20; i++) {
    const before = await loaded()
    const start = Date.now()
    await nav.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
    await expect.poll(loaded, { intervals: [10] }).toBeGreaterThan(before)
    // The last loaded row is on screen.
    await expect(nav.locator(`li[aria-posinset="${before}"]`)).toBeInViewport()
    scrolls.push(Date.now() - start)
    expect(await rows.count()).toBeLessThan(60)
  }
  const total = await loaded()
  // Paged, never all: 50 a page.
  expect(total).toBe(50 * 21)
  // The rows on screen are the oldest loaded so far, in order.
  await expect(nav.locator(`li[aria-posinset="${total - 50}"]`)).toContainText(
    `Conversation number ${100_001 - (total - 50)}`
  )

  // And a long jump back to the top is one paint.
  const up = Date.now()
  await nav.evaluate((element) => element.scrollTo({ top: 0 }))
  await expect(
    nav.getByRole('button', { name: 'Conversation number 100000', exact: true })
  ).toBeInViewport()
  const backToTop = Date.now() - up

  const sorted = [...scrolls].sort((a, b) => a - b)
  const report = {
    firstPaintMs: firstPaint,
    scrollToBottomAndNextPageMs: {
      median: sorted[Math.floor(sorted.length / 2)],
      max: sorted.at(-1),
      all: scrolls
    },
    backToTopMs: backToTop,
    rowsInDom: await rows.count(),
    conversationsLoaded: total
  }
  console.log(`sidebar with 100,000 conversations: ${JSON.stringify(report)}`)
  test.info().annotations.push({ type: 'measurement', description: JSON.stringify(report) })
})
