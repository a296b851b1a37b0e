// Text in images, end to end in Chromium with the real core and real PaddleOCR: a screenshot sent
// in a conversation is found by a Chinese phrase only the image holds; the hit shows the image's
// thumbnail and the matched words, opening it marks the image in the message; the preview shows
// the recognized text; Settings → History shows the reading progress. In English and Chinese,
// screenshots in test-results/screens.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { renderScreenshot } from '../fixtures/screenshots'
import { seriousAxeFindings } from './axe'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')
const MODEL = 'doubao-seed-1-6-251015'
const LINES = ['数据库连接超时，请稍后重试', 'Error 504: upstream gateway timeout']

test.setTimeout(90_000)

const names = {
  en: {
    search: 'Search',
    box: 'Search messages',
    kind: 'Text in image',
    open: 'Open error.png',
    settings: 'Settings',
    history: 'History & backups',
    read: 'The text of the history’s image has been read.'
  },
  'zh-CN': {
    search: '搜索',
    box: '搜索消息',
    kind: '图片文字',
    open: '打开 error.png',
    settings: '设置',
    history: '历史与备份',
    read: '历史记录中全部 1 张图片的文字已识别。'
  }
} as const

/** A conversation whose question carries the screenshot, its text read; the page reloaded. */
async function sendScreenshot(
  app: AppHarness,
  provider: FakeProvider,
  language: 'en' | 'zh-CN'
): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL, language })
  await app.core.handlers.setKey({ key: provider.apiKey })
  const png = await renderScreenshot({ width: 1280, height: 720, lines: LINES, fontSize: 24 })
  const image = await app.core.handlers.addAttachment({
    name: 'error.png',
    data: new Uint8Array(png),
    model: MODEL
  })
  const sent = await app.core.handlers.sendMessage({
    conversationId: null,
    model: MODEL,
    text: 'Why does this happen?',
    attachments: [{ sha256: image.sha256, name: image.name }]
  })
  await app.core.services.chat.whenIdle(sent.assistantMessage.id)
  await app.core.services.imageText.textOf(image.sha256)
  await app.page.reload()
  await expect(app.page.locator('.composer-input')).toBeVisible()
  return app.page
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`search finds a screenshot by its text; the preview shows it (${language})`, async ({
    app,
    provider
  }) => {
    const n = names[language]
    const page = await sendScreenshot(app, provider, language)
    await page.setViewportSize({ width: 1000, height: 720 })

    await page.keyboard.press('Control+K')
    const dialog = page.getByRole('dialog', { name: n.search })
    await dialog.getByRole('searchbox', { name: n.box }).fill('数据库连接超时')
    const hit = dialog.getByRole('listbox').getByRole('option')
    await expect(hit).toHaveCount(1)
    await expect(hit.locator('.search-hit-kind')).toHaveText(n.kind)
    await expect(hit.locator('.search-hit-thumb img')).toHaveJSProperty('complete', true)
    expect(
      await hit
        .locator('.search-hit-thumb img')
        .evaluate((img: HTMLImageElement) => img.naturalWidth)
    ).toBeGreaterThan(0)
    await expect(hit.locator('mark')).toHaveText(['数据库连接超时'])
    await page.screenshot({ path: join(SCREENS, `image-search-${language}.png`) })
    expect(await seriousAxeFindings(page)).toEqual([])

    await hit.click()
    const marked = page.locator('.message-attachment-highlighted')
    await expect(marked).toBeVisible()
    await expect(marked).toHaveAttribute('data-highlighted', 'true')

    await marked.getByRole('button', { name: n.open }).click()
    const preview = page.locator('.image-preview')
    await expect(preview.getByTestId('image-text')).toContainText('数据库连接超时')
    await expect(preview.getByTestId('image-text')).toContainText('upstream gateway')
    await page.screenshot({ path: join(SCREENS, `image-preview-${language}.png`) })
    expect(await seriousAxeFindings(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(preview).toHaveCount(0)

    await page.getByRole('button', { name: n.settings }).click()
    const settings = page.getByRole('dialog', { name: n.settings })
    await settings.getByRole('tab', { name: n.history }).click()
    await expect(settings.getByText(n.read)).toBeVisible()
    await settings.getByText(n.read).scrollIntoViewIfNeeded()
    await page.screenshot({ path: join(SCREENS, `image-text-settings-${language}.png`) })
  })
}
