// Quick Ask in Chromium with the real core: the #/quick page asks against the fake provider, the
// answer streams there (one request, one stream, heard by both pages), the conversation joins the
// main page's list and search at once, Esc asks main to hide the window, the pin and "Open in
// Seed Chat" reach the shell (a recorder stands in for Electron), and the main page opens the
// conversation. Settings → Shortcuts records a shortcut by pressing it and shows a refused one.
// Both screens are audited with axe and photographed in English and Chinese.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { DesktopHost } from '../../src/main/desktop/handlers'
import type { ShortcutStatuses } from '../../src/shared/desktop'
import type { AppHarness } from '../harness/app'
import { seriousAxeFindings } from './axe'
import { expect, test } from './fixtures'
import { connectIn } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens/quick-ask')

/** What the Electron shell was asked to do, in order. */
const shellCalls: string[] = []
const STATUS: ShortcutStatuses = {
  ask: { accelerator: 'Alt+Shift+Space', state: 'refused' },
  capture: { accelerator: 'Alt+Shift+S', state: 'registered' }
}
const recorder: DesktopHost = {
  hideQuickAsk: () => void shellCalls.push('hide'),
  setQuickAskPinned: (pinned) => void shellCalls.push(`pin ${pinned}`),
  showMainWindow: () => void shellCalls.push('show main'),
  shortcutStatus: () => STATUS
}

test.use({ appOptions: { desktop: recorder } })
test.beforeEach(() => {
  shellCalls.length = 0
})

async function openQuickAsk(app: AppHarness): Promise<Page> {
  const quick = await app.context.newPage()
  await quick.setViewportSize({ width: 680, height: 520 })
  await quick.goto(`${app.url}#/quick`)
  await expect(quick.locator('.composer-input')).toBeVisible()
  return quick
}

test('a quick question streams in Quick Ask and is an ordinary conversation of the history', async ({
  app,
  provider
}) => {
  await connectIn(app, provider, 'en')
  const main = app.page
  const quick = await openQuickAsk(app)
  await expect(quick.getByRole('heading', { name: 'Quick Ask' })).toBeVisible()

  const answer = 'Widgets are small gadgets. '.repeat(40)
  provider.enqueue({ kind: 'reply', content: answer, chunkSize: 4, delayMs: 15 })
  const box = quick.getByRole('textbox', { name: 'Message' })
  await box.fill('What is a zorblewidget?')
  await box.press('Enter')

  // It streams in Quick Ask: some text, then more.
  const reply = quick.getByRole('article', { name: 'Assistant' }).last()
  await expect(reply).toContainText('Widgets are small gadgets.')
  const early = (await reply.innerText()).length
  await expect.poll(async () => (await reply.innerText()).length).toBeGreaterThan(early + 20)

  // Meanwhile the main page lists it, with no reload: main's event told every page.
  const list = main.getByRole('navigation', { name: 'Conversations' })
  await expect(list.getByRole('button', { name: 'What is a zorblewidget?' })).toBeVisible()

  await expect(quick.getByRole('button', { name: 'Send' })).toBeVisible()
  await expect(reply).toContainText(answer.trim().slice(-30))
  // One request, one stream, for both pages.
  expect(provider.chatRequests()).toHaveLength(1)

  // The pin and Esc reach the shell.
  const pin = quick.getByRole('button', { name: 'Keep open when another window is in front' })
  await pin.click()
  await expect(pin).toHaveAttribute('aria-pressed', 'true')
  await box.press('Escape')
  await expect.poll(() => shellCalls).toEqual(['pin true', 'hide'])

  // "Open in Seed Chat": the shell shows the main window, which opens the conversation.
  await quick.getByRole('button', { name: 'Open in Seed Chat' }).click()
  await expect.poll(() => shellCalls).toContain('show main')
  await expect(main.getByRole('article', { name: 'You' })).toContainText('What is a zorblewidget?')
  await expect(main.getByRole('article', { name: 'Assistant' })).toContainText(
    answer.trim().slice(-30)
  )
  // Quick Ask kept its own conversation.
  await expect(quick.getByRole('article', { name: 'You' })).toContainText('zorblewidget')

  // Search finds it like any other conversation.
  await main.keyboard.press('Control+K')
  const dialog = main.getByRole('dialog', { name: 'Search' })
  await dialog.getByRole('searchbox', { name: 'Search messages' }).fill('zorblewidget')
  await expect(dialog.getByRole('listbox').getByRole('option').first()).toContainText(
    'zorblewidget'
  )
})

test('Settings → Shortcuts: a refused shortcut is shown as such, a new one is recorded by pressing it', async ({
  app,
  provider
}) => {
  await connectIn(app, provider, 'en')
  const page = app.page
  await page.keyboard.press('Control+,')
  const dialog = page.getByRole('dialog', { name: 'Settings' })
  await dialog.getByRole('tab', { name: 'Shortcuts' }).click()
  const ask = dialog.getByRole('group', { name: 'Quick Ask' })
  await expect(ask.getByRole('status')).toContainText('The system refused this shortcut')
  await expect(dialog.getByRole('group', { name: 'Capture a screen region' })).not.toContainText(
    'refused'
  )

  await ask.getByRole('button', { name: 'Record' }).click()
  await expect(ask).toContainText('Press the keys…')
  await page.keyboard.press('Control+Alt+KeyJ')
  await expect(ask.locator('kbd')).toHaveText('Ctrl+Alt+J')
  expect((await app.core.handlers.getSettings(undefined)).askShortcut).toBe(
    'CommandOrControl+Alt+J'
  )
  // Main's status is about the old keys: the new ones are not called refused.
  await expect(ask.getByRole('status')).toHaveCount(0)
  // Settings is still open (the recorder had the keys).
  await expect(dialog).toBeVisible()
})

for (const language of ['en', 'zh-CN'] as const) {
  test(`Quick Ask and Settings → Shortcuts in ${language}: no serious accessibility finding`, async ({
    app,
    provider
  }) => {
    await connectIn(app, provider, language)
    const quick = await openQuickAsk(app)
    provider.enqueue({ kind: 'reply', content: '**Widgets** are small gadgets.\n\n- one\n- two' })
    await quick
      .locator('.composer-input')
      .fill(language === 'en' ? 'What is a widget?' : '什么是小部件？')
    await quick.locator('.composer-input').press('Enter')
    await expect(quick.locator('.composer-send')).toBeVisible()
    await expect(quick.getByRole('article').last()).toContainText('gadgets')
    await quick.screenshot({ path: join(SCREENS, `quick-ask-${language}.png`) })
    expect(await seriousAxeFindings(quick)).toEqual([])

    const page = app.page
    await page.keyboard.press('Control+,')
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('tab').last().click()
    await expect(dialog.locator('.global-shortcut')).toHaveCount(2)
    await page.screenshot({ path: join(SCREENS, `settings-shortcuts-${language}.png`) })
    expect(await seriousAxeFindings(page)).toEqual([])
  })
}
