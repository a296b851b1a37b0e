// The everyday window in Chromium: narrow windows keep their header and composer, Delete chat
// lives in the conversation's menu and its Undo toast stays off the attach button; the model
// picker by keyboard; theme and shortcut sheet. Screenshots go to test-results/screens.
import { join } from 'node:path'
import type { Locator, Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, modelPicker, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

async function connect(app: AppHarness, provider: FakeProvider): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  return app.page
}

async function box(
  locator: Locator
): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox()
  expect(found).not.toBeNull()
  return found!
}

/** Whether the element lies wholly inside the viewport (nothing clipped off its edges). */
async function expectInside(page: Page, locator: Locator): Promise<void> {
  const { width, height } = page.viewportSize()!
  const { x, y, width: w, height: h } = await box(locator)
  expect(x).toBeGreaterThanOrEqual(0)
  expect(y).toBeGreaterThanOrEqual(0)
  expect(x + w).toBeLessThanOrEqual(width + 0.5)
  expect(y + h).toBeLessThanOrEqual(height + 0.5)
}

function overlaps(
  a: { x: number; y: number; width: number; height: number },
  b: typeof a
): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

for (const width of [800, 640]) {
  test(`at ${width} px wide the header keeps its title and tools, and the Undo toast leaves the attach button free`, async ({
    app,
    provider
  }) => {
    const page = await connect(app, provider)
    await page.setViewportSize({ width, height: 700 })
    provider.enqueue({ kind: 'reply', content: 'Short answer.' })
    const box_ = page.getByRole('textbox', { name: 'Message' })
    await box_.fill('A question with a rather long first line that becomes the title of this chat')
    await box_.press('Enter')
    await expect(page.getByRole('article', { name: 'Assistant' })).toContainText('Short answer.')

    const header = page.locator('.chat-header')
    const title = header.getByRole('heading', { level: 1 })
    await expect(title).toBeVisible()
    expect((await box(title)).width).toBeGreaterThanOrEqual(60)
    for (const control of [
      title,
      // Below 900 px the sidebar is an overlay, closed at first (issue 15).
      header.getByRole('button', { name: 'Show sidebar' }),
      modelPicker(page),
      header.getByRole('button', { name: 'Conversation actions' }),
      page.getByRole('button', { name: 'Attach files' }),
      page.getByRole('button', { name: 'Send' })
    ]) {
      await expect(control).toBeVisible()
      await expectInside(page, control)
    }
    await header.getByRole('button', { name: 'Show sidebar' }).click()
    await expect(page.getByRole('button', { name: 'Settings' })).toBeVisible()
    await expectInside(page, page.getByRole('button', { name: 'Settings' }))
    await page.keyboard.press('Escape')
    // No "Delete chat" in the header any more: it is in the conversation's menu.
    await expect(header.getByRole('button', { name: 'Delete chat' })).toHaveCount(0)
    await page.screenshot({ path: join(SCREENS, `window-${width}.png`) })

    await header.getByRole('button', { name: 'Conversation actions' }).click()
    const menu = page.getByRole('menu')
    await expectInside(page, menu)
    await menu.getByRole('menuitem', { name: 'Delete' }).click()
    const toast = page.locator('.toast')
    await expect(toast).toContainText('Conversation deleted')
    await expectInside(page, toast)
    expect(
      overlaps(await box(toast), await box(page.getByRole('button', { name: 'Attach files' })))
    ).toBe(false)
    expect(
      overlaps(await box(toast), await box(page.getByRole('textbox', { name: 'Message' })))
    ).toBe(false)
    await page.screenshot({ path: join(SCREENS, `window-${width}-undo.png`) })
    await toast.getByRole('button', { name: 'Undo' }).click()
    await expect(title).toBeVisible()
  })
}

test('the model picker by keyboard, the dark theme and the shortcut sheet', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  // The provider lists the seed models: a new chat starts on the newest.
  await expect(modelPicker(page)).toHaveAccessibleName('Model: Doubao Seed 2.0 Pro')
  await modelPicker(page).click()
  const search = page.getByRole('combobox', { name: 'Search models' })
  await expect(search).toBeFocused()
  await search.fill('1.6')
  await expect(page.getByRole('option')).toHaveCount(4)
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('listbox')).toBeHidden()
  await expect(modelPicker(page)).toHaveAccessibleName('Model: Doubao Seed 1.6 Lite')
  await expect(modelPicker(page)).toBeFocused()

  provider.enqueue({ kind: 'reply', content: 'Hello.' })
  await page.getByRole('textbox', { name: 'Message' }).fill('Hi')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' })).toContainText('Hello.')
  expect(provider.chatRequests()[0].body).toMatchObject({ model: 'doubao-seed-1-6-lite-251015' })

  await page.keyboard.press('Control+,')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByText('Dark', { exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const background = await page.evaluate(
    () => getComputedStyle(document.querySelector('.chat')!).backgroundColor
  )
  expect(background).toBe('rgb(22, 24, 29)')
  await settings.getByText('Large', { exact: true }).click()
  await expect(page.locator('html')).toHaveAttribute('data-font-size', 'large')
  await page.keyboard.press('Escape')
  expect(await app.core.handlers.getSettings(undefined)).toMatchObject({
    theme: 'dark',
    fontSize: 'large'
  })

  await page.keyboard.press('Control+/')
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(sheet).toContainText('Ctrl+Shift+S')
  await page.keyboard.press('Escape')
  await expect(sheet).toBeHidden()

  await page.keyboard.press('Control+Shift+S')
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeHidden()
  await page.keyboard.press('Control+Shift+S')
  await expect(page.getByRole('navigation', { name: 'Conversations' })).toBeVisible()
})
