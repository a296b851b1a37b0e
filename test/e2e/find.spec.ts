// Find in a chat (Ctrl/⌘+F): matches counted over the whole branch, pages not loaded included;
// Enter walks to a match in an unloaded page, which loads, scrolls into view and is marked; Esc
// closes the bar and gives focus back. Screenshots of the bar in English and Chinese, each
// audited by axe.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { connect, longConversation, seedConversations } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const SEED = 'doubao-seed-1-6-251015'

/** The current match as painted: its text, its message, and whether it is on screen. */
function currentMatch(page: Page) {
  return page.evaluate(() => {
    const highlight = CSS.highlights.get('find-current')
    const range = highlight ? ([...highlight.values()][0] as Range | undefined) : undefined
    if (!range) return null
    const row = range.startContainer.parentElement?.closest<HTMLElement>('.message-row')
    const box = range.getBoundingClientRect()
    const view = document.querySelector('.message-scroll')!.getBoundingClientRect()
    return {
      text: range.toString(),
      messageId: Number(row?.dataset.messageId),
      onScreen: box.height > 0 && box.top >= view.top && box.bottom <= view.bottom,
      others: CSS.highlights.get('find-match')?.size ?? 0
    }
  })
}

test('finds across pages not loaded, walks to them with Enter, and Esc gives focus back', async ({
  app,
  provider
}) => {
  const messages = longConversation(300, 20, {
    role: 'assistant',
    content: 'The rare word is **quokka**.\n\n```js\nconst QUOKKA = 1\n```'
  })
  // Near the end, in the page that opens: full-width letters and a CJK sentence.
  messages[messages.length - 4] = {
    role: 'assistant',
    content: '一只 ｑｕｏｋｋａ 在这里，短尾矮袋鼠（Quokka）很友好。'
  }
  const [conversationId] = seedConversations(app.core.services.db, [
    { title: 'Marsupials', model: SEED, at: Date.now() - 60_000, messages }
  ])
  const far = app.core.services.db
    .prepare<[number], { id: number }>(
      "SELECT id FROM messages WHERE conversation_id = ? AND content LIKE 'The rare word%'"
    )
    .get(conversationId)!.id
  const page = await connect(app, provider)
  const asked: unknown[] = []
  const original = app.core.handlers.getConversation
  app.core.handlers.getConversation = (args) => {
    asked.push(args)
    return original(args)
  }

  await page.getByRole('button', { name: 'Marsupials', exact: true }).click()
  await expect(page.getByText('Answer number 299.')).toBeVisible()
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.focus()
  // The far message is not loaded: only the latest page is.
  await expect(page.locator(`[data-message-id="${far}"]`)).toHaveCount(0)

  await page.keyboard.press('Control+f')
  const box = page.getByRole('searchbox', { name: 'Find in chat' })
  await expect(box).toBeFocused()
  await box.fill('QUOKKA')
  const count = page.locator('.find-count')
  await expect(count).toHaveAttribute('aria-live', 'polite')
  // Four in all, two of them in a page never loaded; the first one on screen is current.
  await expect(count).toHaveText('3 of 4')
  await expect.poll(async () => (await currentMatch(page))?.text).toBe('ｑｕｏｋｋａ')
  expect((await currentMatch(page))?.others).toBe(1)

  await box.press('Enter')
  await expect(count).toHaveText('4 of 4')
  await expect.poll(async () => (await currentMatch(page))?.text).toBe('Quokka')

  // Enter wraps to the first match, in the page not loaded: it loads and the match is shown.
  await box.press('Enter')
  await expect(count).toHaveText('1 of 4')
  await expect
    .poll(() => currentMatch(page))
    .toEqual({ text: 'quokka', messageId: far, onScreen: true, others: 1 })
  expect(asked.at(-1)).toEqual({ id: conversationId, around: far })
  // The next one is inside highlighted code, in the same message; F3 steps too.
  await page.keyboard.press('F3')
  await expect(count).toHaveText('2 of 4')
  await expect
    .poll(() => currentMatch(page))
    .toEqual({ text: 'QUOKKA', messageId: far, onScreen: true, others: 1 })
  await box.press('Shift+Enter')
  await expect(count).toHaveText('1 of 4')

  // Nothing found says so.
  await box.fill('wombat')
  await expect(count).toHaveText('No matches')
  // The marks go in the frame after the count says so.
  await expect.poll(() => currentMatch(page)).toBeNull()

  // Esc closes the bar, clears the marks and gives focus back to the message box.
  await box.fill('quokka')
  await expect(count).not.toHaveText('')
  await box.press('Escape')
  await expect(box).toHaveCount(0)
  await expect(composer).toBeFocused()
  expect(await currentMatch(page)).toBeNull()
})

test('stepping on through pages not loaded loads each after the others, ahead of the step', async ({
  app,
  provider
}) => {
  // 300 messages, a match in every tenth: a page (50) holds five of the thirty.
  const messages = longConversation(150, -1, { role: 'user', content: '' }).map((message, i) =>
    i % 10 === 9 ? { ...message, content: `${message.content}\n\nA kookaburra laughs.` } : message
  )
  const [conversationId] = seedConversations(app.core.services.db, [
    { title: 'Birds', model: SEED, at: Date.now() - 60_000, messages }
  ])
  const matched = app.core.services.db
    .prepare<[number], { id: number }>(
      "SELECT id FROM messages WHERE conversation_id = ? AND content LIKE '%kookaburra%' ORDER BY id"
    )
    .all(conversationId)
    .map((row) => row.id)
  expect(matched).toHaveLength(30)
  const page = await connect(app, provider)
  const around: unknown[] = []
  const original = app.core.handlers.getConversation
  app.core.handlers.getConversation = (args) => {
    if (args.around !== undefined) around.push(args)
    return original(args)
  }
  const after: unknown[] = []
  const listMessages = app.core.handlers.listMessages
  app.core.handlers.listMessages = (args) => {
    after.push(args)
    return listMessages(args)
  }
  await page.getByRole('button', { name: 'Birds', exact: true }).click()
  await expect(page.getByText('Answer number 149.')).toBeVisible()
  await page.keyboard.press('Control+f')
  const box = page.getByRole('searchbox', { name: 'Find in chat' })
  await box.fill('kookaburra')
  const count = page.locator('.find-count')
  await expect(count).toHaveText('30 of 30')
  // Enter wraps to the first match, far away: the page around it loads.
  await box.press('Enter')
  await expect(count).toHaveText('1 of 30')
  await expect(page.locator(`.message-row[data-message-id="${matched[0]}"]`)).toHaveCount(1)
  expect(around).toEqual([{ id: conversationId, around: matched[0] }])
  for (let at = 2; at <= 14; at++) {
    const next = matched[at - 1]
    // While a match is read, the next one's row is rendered ahead (off screen), its page loaded.
    await expect(page.locator(`.message-row[data-message-id="${next}"]`)).toHaveCount(1)
    await box.press('Enter')
    await expect(count).toHaveText(`${at} of 30`)
    await expect
      .poll(() => currentMatch(page))
      .toEqual({
        text: 'kookaburra',
        messageId: next,
        onScreen: true,
        others: expect.any(Number)
      })
  }
  // Fourteen matches on is 140 messages: the pages after the first came after it, none around.
  expect(after.length).toBeGreaterThanOrEqual(2)
  expect(after).toContainEqual({ conversationId, after: expect.any(Number) })
  expect(around).toHaveLength(1)
})

test('the find bar with its marks, in English and Chinese, passes axe', async ({
  app,
  provider
}) => {
  seedConversations(app.core.services.db, [
    {
      title: 'Seed notes',
      model: SEED,
      at: Date.now() - 60_000,
      messages: [
        { role: 'user', content: 'Where do I find the Seed model docs? 种子模型的文档在哪里？' },
        {
          role: 'assistant',
          content:
            'The **Seed** docs are online. 种子（SEED）模型的文档在线上。\n\n```python\nseed = load("seed-2.0")\nprint(seed)\n```\n\nAsk about ＳＥＥＤ any time.'
        }
      ]
    }
  ])
  const page = await connect(app, provider)
  mkdirSync(SCREENS, { recursive: true })
  for (const [language, label, placeholder, counted] of [
    ['en', 'Find in chat', 'seed', '1 of 7'],
    ['zh-CN', '在对话中查找', '种子', '第 1 个，共 2 个']
  ] as const) {
    await page.evaluate((value) => window.api.updateSettings({ language: value }), language)
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('lang', language)
    await page.getByRole('button', { name: 'Seed notes', exact: true }).click()
    await expect(page.locator('.message-row')).toHaveCount(2)
    await page.keyboard.press('Control+f')
    const box = page.getByRole('searchbox', { name: label })
    await box.fill(placeholder)
    await expect(page.locator('.find-count')).toHaveText(counted)
    await expect.poll(async () => (await currentMatch(page))?.onScreen).toBe(true)
    await page.screenshot({ path: join(SCREENS, `find-in-chat.${language}.png`) })
    const audit = await new AxeBuilder({ page }).include('.find-anchor').analyze()
    expect(
      audit.violations.map((violation) => `${violation.id}: ${violation.help}`),
      language
    ).toEqual([])
    await box.press('Escape')
  }
})
