// Issue 15's design items 1–5 as a user meets them: a visible rate-limit wait with Retry now, the
// sidebar as an overlay in narrow windows, "+N" for header chips, tooltips with shortcuts. The
// screenshots the docs show are written here (docs/screenshots/), in English and Chinese.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const DOCS = join(__dirname, '../../docs/screenshots')

const LOCALES = [
  {
    locale: 'en',
    message: 'Message',
    assistant: 'Assistant',
    waiting: /Rate-limited: retrying in \d+ s/,
    retryNow: 'Retry now',
    showSidebar: 'Show sidebar',
    conversations: 'Conversations',
    regenerate: 'Regenerate',
    chips: 'Parameters that are not default',
    hideSidebar: 'Hide sidebar',
    newChat: 'New chat',
    question: 'Explain compound interest with a small table'
  },
  {
    locale: 'zh-CN',
    message: '消息',
    assistant: '助手',
    waiting: /请求过于频繁：\d+ 秒后重试/,
    retryNow: '立即重试',
    showSidebar: '显示侧边栏',
    conversations: '对话列表',
    regenerate: '重新生成',
    chips: '非默认的参数',
    hideSidebar: '隐藏侧边栏',
    newChat: '新对话',
    question: '用一个小表格解释复利'
  }
] as const

async function connect(app: AppHarness, provider: FakeProvider, messageBox: string): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.getByRole('textbox', { name: messageBox })).toBeVisible()
  return app.page
}

for (const words of LOCALES) {
  test.describe(`in ${words.locale}`, () => {
    test.use({ appOptions: { locale: words.locale } })

    test('a rate-limit wait counts down, and Retry now retries at once', async ({
      app,
      provider
    }) => {
      const page = await connect(app, provider, words.message)
      provider.enqueue(
        {
          kind: 'error',
          status: 429,
          retryAfter: '20',
          error: {
            message: 'Too many requests',
            type: 'TooManyRequests',
            code: 'RateLimitExceeded'
          }
        },
        { kind: 'reply', content: 'Answered after the wait.' }
      )
      const box = page.getByRole('textbox', { name: words.message })
      await box.fill(words.question)
      await box.press('Enter')
      const reply = page.getByRole('article', { name: words.assistant })
      await expect(reply).toContainText(words.waiting)
      await page.screenshot({ path: join(DOCS, `rate-limit-countdown.${words.locale}.png`) })
      expect(provider.chatRequests()).toHaveLength(1)
      await reply.getByRole('button', { name: words.retryNow }).click()
      await expect(reply).toContainText('Answered after the wait.')
      await expect(reply).not.toContainText(words.waiting)
      expect(provider.chatRequests()).toHaveLength(2)
    })
  })
}

/** A conversation with an answer and six parameters that are not default, opened from the list. */
async function conversationWithParams(
  app: AppHarness,
  provider: FakeProvider,
  words: (typeof LOCALES)[number]
): Promise<Page> {
  const handlers = app.core.handlers
  await handlers.updateSettings({ baseURL: provider.baseURL })
  await handlers.setKey({ key: provider.apiKey })
  provider.enqueue({
    kind: 'reply',
    content: '| Year | Balance |\n| --- | --- |\n| 1 | 105 |\n| 2 | 110.25 |'
  })
  const sent = await handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-1-6-251015',
    text: words.question,
    attachments: [],
    params: {
      systemPrompt: 'You are a patient teacher.',
      temperature: 0.7,
      topP: 0.9,
      maxTokens: 400,
      stop: ['END'],
      reasoningEffort: 'high'
    }
  })
  await app.core.services.chat.whenIdle(sent.assistantMessage.id)
  await app.page.reload()
  await app.page
    .getByRole('navigation', { name: words.conversations })
    .getByRole('button', { name: words.question })
    .click()
  await expect(app.page.locator('.chat-header h1')).toHaveText(words.question)
  return app.page
}

for (const words of LOCALES) {
  test.describe(`in ${words.locale}, narrow and wide`, () => {
    test.use({ appOptions: { locale: words.locale } })

    test('at 640 px the sidebar is an overlay: closed at first, over the chat when opened', async ({
      app,
      provider
    }) => {
      const page = await conversationWithParams(app, provider, words)
      await page.setViewportSize({ width: 640, height: 720 })
      const answer = page.getByRole('article', { name: words.assistant })
      await expect(answer).toContainText('110.25')
      const nav = page.getByRole('navigation', { name: words.conversations })
      const toggle = page.getByRole('button', { name: words.showSidebar })
      await expect(nav).toBeHidden()
      await expect(toggle).toHaveAttribute('aria-expanded', 'false')
      // The chat has the window: it starts at the left edge.
      expect((await page.locator('.chat').boundingBox())!.x).toBe(0)

      // Opened with the header's toggle; a conversation from the list closes it again.
      await toggle.click()
      await expect(nav).toBeVisible()
      await expect(page.getByRole('button', { name: words.hideSidebar })).toHaveAttribute(
        'aria-expanded',
        'true'
      )
      expect((await page.locator('.chat').boundingBox())!.x).toBe(0)
      await expect(answer).toContainText('110.25')
      await page.screenshot({ path: join(DOCS, `640-sidebar-overlay-open.${words.locale}.png`) })
      await page.keyboard.press('Escape')
      await expect(nav).toBeHidden()
      await expect(page.getByRole('button', { name: words.showSidebar })).toBeFocused()

      // Ctrl+Shift+S, as in a wide window; a click beside the panel closes it.
      await page.keyboard.press('Control+Shift+S')
      await expect(nav).toBeVisible()
      await page.mouse.click(600, 400)
      await expect(nav).toBeHidden()

      // The title keeps its words where there is room; no chip vanishes unseen.
      // With the sidebar over the chat, the title has room for its first words at least.
      const title = page.locator('.chat-header h1')
      const room = await title.evaluate((h1) => ({
        whole: h1.scrollWidth <= h1.clientWidth,
        width: h1.getBoundingClientRect().width
      }))
      expect(room.whole || room.width >= 200).toBe(true)
      await page.screenshot({ path: join(DOCS, `640-sidebar-overlay.${words.locale}.png`) })
      await expectChipsAccountedFor(page, words)
    })

    test('at 1280 px with a title every chip is shown or counted in "+N"', async ({
      app,
      provider
    }) => {
      const page = await conversationWithParams(app, provider, words)
      await page.setViewportSize({ width: 1280, height: 720 })
      await expect(page.getByRole('navigation', { name: words.conversations })).toBeVisible()
      await expectChipsAccountedFor(page, words)
    })

    test('icon buttons show their name and shortcut in a tooltip', async ({ app, provider }) => {
      const page = await conversationWithParams(app, provider, words)
      const reply = page.getByRole('article', { name: words.assistant })
      await reply.hover()
      await reply.getByRole('button', { name: words.regenerate }).hover()
      const tooltip = page.getByRole('tooltip')
      await expect(tooltip).toContainText(words.regenerate)
      await expect(tooltip).toContainText('Ctrl+Shift+G')
      await page.screenshot({ path: join(DOCS, `tooltip.${words.locale}.png`) })
      await page.mouse.move(5, 700)
      await expect(tooltip).toBeHidden()
      // By keyboard too: focus shows it.
      await page
        .getByRole('button', { name: words.showSidebar })
        .or(page.getByRole('button', { name: words.hideSidebar }))
        .focus()
      await expect(page.getByRole('tooltip')).toContainText('Ctrl+Shift+S')
    })
  })
}

/** Every chip is on the header's row or listed in the "+N" popover. */
async function expectChipsAccountedFor(page: Page, words: (typeof LOCALES)[number]): Promise<void> {
  const chips = page.locator('.chat-header').getByRole('list', { name: words.chips })
  const all = await chips.locator('li').count()
  expect(all).toBe(6)
  // On the first row, and wide enough to read (not a sliver cut by an ellipsis).
  const shown = await chips.locator('li').evaluateAll((items) => {
    const top = (items[0] as HTMLElement).offsetTop
    return items.filter(
      (item) =>
        (item as HTMLElement).offsetTop === top &&
        item.clientWidth >= Math.min(item.scrollWidth, 48)
    ).length
  })
  const more = page.locator('.param-chips-more')
  if (shown === all) {
    await expect(more).toHaveCount(0)
    return
  }
  await expect(more).toHaveText(`+${all - shown}`)
  await more.click()
  const hidden = page.locator('.param-chips-popover').getByRole('listitem')
  await expect(hidden).toHaveCount(all - shown)
  // Each one inside the popover, none cut off below it.
  const popover = (await page.locator('.param-chips-popover').boundingBox())!
  for (const chip of await hidden.all()) {
    const box = (await chip.boundingBox())!
    expect(box.y + box.height).toBeLessThanOrEqual(popover.y + popover.height)
  }
  await page.keyboard.press('Escape')
  await expect(page.locator('.param-chips-popover')).toHaveCount(0)
}
