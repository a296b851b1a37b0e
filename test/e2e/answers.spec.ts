// Answers as a user sees them (issue 15, bugs 1, 6 and 8): display math in both ways models
// write it, a reply stopped before anything arrived, and a broken connection in Chinese.
// Screenshots go to test-results/screens.
import { join } from 'node:path'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

const MATH = [
  'The area is',
  '$$A = \\pi r^2$$',
  'and the sum:',
  '',
  '$$',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '$$',
  '',
  '| Years | Rate |',
  '|---|---|',
  '| 10 | 5% |',
  '',
  'This is **bold** and [a link](https://example.com).',
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

for (const [width, language, theme] of [
  [800, 'en', 'light'],
  [640, 'zh-CN', 'dark']
] as const) {
  test(`display math streamed in small chunks renders as display, and what follows as Markdown (${width} px, ${language})`, async ({
    app,
    provider
  }) => {
    const page = await connect(app, provider, language, theme)
    await page.setViewportSize({ width, height: 700 })
    provider.enqueue({ kind: 'reply', content: MATH, chunkSize: 3, delayMs: 5 })
    await page.locator('.composer-input').fill('Area and sum')
    await page.locator('.composer-input').press('Enter')
    const answer = page.locator('article.message-assistant .markdown')
    await expect(answer.locator('a')).toHaveAttribute('href', 'https://example.com')
    await expect(answer.locator('.katex-display')).toHaveCount(2)
    await expect(answer.locator('table th')).toHaveText(['Years', 'Rate'])
    await expect(answer.locator('strong')).toHaveText('bold')
    await expect(answer).not.toContainText('$$')
    await page.screenshot({ path: join(SCREENS, `display-math-${width}-${language}-${theme}.png`) })
  })
}

test('a reply stopped before anything arrived says so in Chinese, with Retry and no Copy', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider, 'zh-CN', 'dark')
  await page.setViewportSize({ width: 640, height: 700 })
  // Pings only: the answer never starts.
  provider.enqueue({ kind: 'reply', content: '', keepAlive: { everyMs: 50, forMs: Infinity } })
  await page.locator('.composer-input').fill('你好')
  await page.locator('.composer-input').press('Enter')
  await page.getByRole('button', { name: '停止', exact: true }).click()
  const reply = page.getByRole('article', { name: '助手' })
  await expect(reply).toContainText('在收到任何回答之前已停止。')
  await expect(reply).not.toContainText('已收到的内容')
  await expect(reply.getByRole('button', { name: '复制' })).toHaveCount(0)
  await expect(reply.getByRole('button', { name: '重试' })).toBeVisible()
  await page.screenshot({ path: join(SCREENS, 'stopped-empty-640-zh-CN-dark.png') })

  provider.enqueue({ kind: 'reply', content: '你好！' })
  await reply.getByRole('button', { name: '重试' }).click()
  await expect(page.getByRole('article', { name: '助手' })).toContainText('你好！')
})

test('a connection the server closes mid-reply is explained in Chinese, without English', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider, 'zh-CN', 'light')
  await page.setViewportSize({ width: 800, height: 700 })
  provider.enqueue({
    kind: 'reply',
    content: '第一部分，然后',
    chunkSize: 2,
    failAfterChars: 4,
    failure: { mode: 'drop' }
  })
  await page.locator('.composer-input').fill('讲个故事')
  await page.locator('.composer-input').press('Enter')
  const alert = page.getByRole('article', { name: '助手' }).getByRole('alert')
  await expect(alert).toContainText('回复中途连接断开')
  await expect(alert).toContainText('服务器关闭了连接。')
  await expect(alert).not.toContainText(/terminated|other side closed|fetch failed/)
  await page.screenshot({ path: join(SCREENS, 'connection-closed-800-zh-CN-light.png') })
})
