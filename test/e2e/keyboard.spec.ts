// The keyboard alone: every dialog gives focus back to where it was when it closes, however it
// was opened, and the messages are one tab stop with the arrow keys inside (roving tabindex).
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'
import { connect, seedConversations } from './history-seed'

const SEED = 'doubao-seed-1-6-251015'

async function openConversation(app: AppHarness, provider: FakeProvider): Promise<Page> {
  seedConversations(app.core.services.db, [
    {
      title: 'Three questions',
      model: SEED,
      at: Date.now(),
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'Second question' },
        { role: 'assistant', content: 'Second answer' }
      ]
    }
  ])
  const page = await connect(app, provider)
  await page.getByRole('navigation', { name: 'Conversations' }).getByText('Three questions').click()
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText(
    'Second answer'
  )
  return page
}

/** The element that has focus, described by its role and name (or tag). */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement
    if (!element || element === document.body) return 'body'
    return `${element.tagName.toLowerCase()}.${element.className}|${element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 30)}`
  })
}

test('focus comes back to where it was after every dialog', async ({ app, provider }) => {
  const page = await openConversation(app, provider)
  const composer = page.getByRole('textbox', { name: 'Message' })

  // Settings from the keyboard (Ctrl+,), closed with Esc: back in the composer.
  await composer.focus()
  await page.keyboard.press('Control+,')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(composer).toBeFocused()

  // Settings from the keyboard, a setting changed, closed with a click beside it.
  await composer.focus()
  await page.keyboard.press('Control+,')
  const settings = page.getByRole('dialog', { name: 'Settings' })
  await settings.getByText('Dark', { exact: true }).click()
  await expect(settings.getByRole('radio', { name: 'Dark' })).toBeChecked()
  await page.mouse.click(5, 400)
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(composer).toBeFocused()

  // Settings from its button, closed with its × button: back on the Settings button.
  const settingsButton = page.getByRole('button', { name: 'Settings' })
  await settingsButton.focus()
  await page.keyboard.press('Enter')
  await page
    .getByRole('dialog', { name: 'Settings' })
    .getByRole('button', { name: 'Close' })
    .click()
  await expect(settingsButton).toBeFocused()

  // Search (Ctrl+K) from the composer, Esc.
  await composer.focus()
  await page.keyboard.press('Control+K')
  await expect(page.getByRole('searchbox')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(composer).toBeFocused()

  // Search, then Settings on top of it (Ctrl+, closes search): back where it all started.
  await composer.focus()
  await page.keyboard.press('Control+K')
  await expect(page.getByRole('searchbox')).toBeFocused()
  await page.keyboard.press('Control+,')
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(composer).toBeFocused()

  // The shortcut sheet (Ctrl+/), twice: Esc, then its own shortcut.
  await composer.focus()
  await page.keyboard.press('Control+/')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(composer).toBeFocused()
  await page.keyboard.press('Control+/')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Control+/')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(composer).toBeFocused()

  // Parameters from its button, Esc: back on the button.
  const paramsButton = page.locator('.params-button')
  await paramsButton.focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Parameters' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(paramsButton).toBeFocused()

  // The model picker, Esc: back on its button.
  const picker = page.locator('.model-picker-trigger')
  await picker.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('.model-popover')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(picker).toBeFocused()
  expect(await focused(page)).not.toBe('body')
})

test('the messages are one tab stop; the arrow keys move between them', async ({
  app,
  provider
}) => {
  const page = await openConversation(app, provider)
  const list = page.getByRole('feed', { name: 'Messages' })
  const messages = list.getByRole('article')
  await expect(messages).toHaveCount(4)
  // Exactly one message is in the tab order: the last one.
  await expect(list.locator('article[tabindex="0"]')).toHaveCount(1)
  await expect(messages.nth(3)).toHaveAttribute('tabindex', '0')

  // Shift+Tab from the composer reaches the current message, not every action of every message.
  const composer = page.getByRole('textbox', { name: 'Message' })
  await composer.focus()
  let steps = 0
  while (!(await messages.nth(3).evaluate((m) => m === document.activeElement)) && steps < 12) {
    await page.keyboard.press('Shift+Tab')
    steps++
  }
  await expect(messages.nth(3)).toBeFocused()

  await page.keyboard.press('ArrowUp')
  await expect(messages.nth(2)).toBeFocused()
  await expect(messages.nth(2)).toContainText('Second question')
  await page.keyboard.press('Home')
  await expect(messages.nth(0)).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(messages.nth(1)).toBeFocused()
  await page.keyboard.press('End')
  await expect(messages.nth(3)).toBeFocused()

  // The last message focused stays the list's one tab stop: Tab away and back lands on it.
  await page.keyboard.press('ArrowUp')
  await expect(messages.nth(2)).toBeFocused()
  await expect(list.locator('article[tabindex="0"]')).toHaveCount(1)
  await expect(messages.nth(2)).toHaveAttribute('tabindex', '0')

  // Tab from a message goes into its own actions.
  await page.keyboard.press('Tab')
  expect(
    await page.evaluate(() => document.activeElement?.closest('article')?.textContent)
  ).toContain('Second question')
})
