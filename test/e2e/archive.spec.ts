// Archive, end to end in Chromium with the real core: archive from the sidebar's menu (gone from
// the list), found again by search with "Include archived" and unarchived from the hit; the
// Archived view (Open, Unarchive); the chat header's Archived mark; "Archive chats older than"
// in Settings with its count. Screenshots in English and Chinese go to test-results/screens.
import { join } from 'node:path'
import type { Locator } from '@playwright/test'
import { expect, test } from './fixtures'
import { connect, seedConversations } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const SEED = 'doubao-seed-1-6-251015'
const HOUR = 3_600_000
const DAY = 24 * HOUR

test('archive from the menu, find it with the filter, unarchive from the hit and the Archived view', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  const now = Date.now()
  seedConversations(app.core.services.db, [
    {
      title: 'Walrus migration',
      model: SEED,
      at: now - 3 * HOUR,
      messages: [
        { role: 'user', content: 'Where do walruses go in winter?' },
        { role: 'assistant', content: 'Walruses follow the pack ice south.' }
      ]
    },
    {
      title: 'Bread recipe',
      model: SEED,
      at: now - 2 * HOUR,
      messages: [{ role: 'user', content: 'A simple bread recipe, please.' }]
    },
    {
      title: 'Tax questions',
      model: SEED,
      at: now - HOUR,
      messages: [{ role: 'user', content: 'When is the tax deadline?' }]
    }
  ])
  await page.reload()
  const list = page.getByRole('navigation', { name: 'Conversations' })
  const titles = () => list.locator('.conversation-item')
  await expect(titles()).toHaveText(['Tax questions', 'Bread recipe', 'Walrus migration'])

  async function menuOf(title: string): Promise<Locator> {
    await list.getByRole('button', { name: title, exact: true }).hover()
    await list.getByRole('button', { name: `Actions for ${title}` }).click()
    return page.getByRole('menu')
  }

  // Archive from the sidebar's menu: off the list.
  await (await menuOf('Walrus migration')).getByRole('menuitem', { name: 'Archive' }).click()
  await expect(titles()).toHaveText(['Tax questions', 'Bread recipe'])

  // Search leaves it out, until Include archived is on; its hits say Archived.
  await page.keyboard.press('Control+K')
  const searchBox = page.locator('.search-input')
  await searchBox.fill('walrus')
  await expect(page.locator('.search-status')).toHaveText('No results for “walrus”')
  await page.getByRole('checkbox', { name: 'Include archived' }).check()
  const group = page.getByRole('group', { name: 'Walrus migration Archived' })
  await expect(group.locator('.search-hit')).toHaveCount(3)
  await page.screenshot({ path: join(SCREENS, 'archive-search-en.png') })
  // Unarchive from the hit by keyboard: the search box keeps the focus and starts on the first
  // hit; ArrowUp reaches the group's Unarchive (named for the chat), Enter unarchives. Back in the
  // list, the hit no longer marked.
  await searchBox.focus()
  const unarchiveOption = page.getByRole('option', { name: 'Unarchive “Walrus migration”' })
  await expect(searchBox).toHaveAttribute(
    'aria-activedescendant',
    (await group.locator('.search-hit').first().getAttribute('id'))!
  )
  await page.keyboard.press('ArrowUp')
  await expect(unarchiveOption).toHaveAttribute('aria-selected', 'true')
  await expect(searchBox).toHaveAttribute(
    'aria-activedescendant',
    (await unarchiveOption.getAttribute('id'))!
  )
  await page.screenshot({ path: join(SCREENS, 'archive-search-unarchive-key-en.png') })
  await page.keyboard.press('Enter')
  await expect(page.getByRole('group', { name: 'Walrus migration', exact: true })).toBeVisible()
  await expect(page.locator('.search-group .archived-badge')).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(titles()).toHaveText(['Tax questions', 'Bread recipe', 'Walrus migration'])

  // Archive the open chat from its header menu: it stays open, marked, with Unarchive.
  await list.getByRole('button', { name: 'Bread recipe', exact: true }).click()
  await page.getByRole('button', { name: 'Conversation actions' }).click()
  await page.getByRole('menuitem', { name: 'Archive' }).click()
  await expect(titles()).toHaveText(['Tax questions', 'Walrus migration'])
  const header = page.locator('.chat-header')
  await expect(header.locator('.archived-badge')).toHaveText('Archived')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bread recipe')
  await page.screenshot({ path: join(SCREENS, 'archive-header-en.png') })

  // The Archived view: Open and Unarchive.
  await page.getByRole('button', { name: 'Archived chats' }).click()
  const view = page.getByRole('dialog', { name: 'Archived chats' })
  await expect(view.getByRole('listitem')).toHaveCount(1)
  await expect(view.getByRole('listitem')).toContainText('Bread recipe')
  await page.screenshot({ path: join(SCREENS, 'archive-view-en.png') })
  await view.getByRole('button', { name: 'Open “Bread recipe”' }).click()
  await expect(view).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bread recipe')
  await expect(page.locator('article.message')).toContainText('A simple bread recipe')
  await expect(titles()).toHaveText(['Tax questions', 'Walrus migration'])
  await page.getByRole('button', { name: 'Archived chats' }).click()
  await view.getByRole('button', { name: 'Unarchive “Bread recipe”' }).click()
  await expect(view.getByText('No archived chats.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(view).toHaveCount(0)
  await expect(titles()).toHaveText(['Tax questions', 'Bread recipe', 'Walrus migration'])
  await expect(header.locator('.archived-badge')).toHaveCount(0)

  // It holds after a restart (the state is main's).
  await (await menuOf('Tax questions')).getByRole('menuitem', { name: 'Archive' }).click()
  await expect(titles()).toHaveText(['Bread recipe', 'Walrus migration'])
  const again = await app.restart()
  await expect(
    again.getByRole('navigation', { name: 'Conversations' }).locator('.conversation-item')
  ).toHaveText(['Bread recipe', 'Walrus migration'])
})

test('archive chats older than a date, with the count stated first, in English and Chinese', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  const now = Date.now()
  const ages = [40, 35, 20, 1]
  seedConversations(
    app.core.services.db,
    ages.map((age) => ({
      title: `${age} days old`,
      model: SEED,
      at: now - age * DAY,
      pinned: age === 40,
      messages: [{ role: 'user', content: `Written ${age} days ago` }]
    }))
  )
  await page.reload()
  const list = page.getByRole('navigation', { name: 'Conversations' })
  const titles = () => list.locator('.conversation-item')
  await expect(titles()).toHaveCount(4)

  const cutoff = new Date(now - 30 * DAY)
  const day = `${cutoff.getFullYear()}-${String(cutoff.getMonth() + 1).padStart(2, '0')}-${String(cutoff.getDate()).padStart(2, '0')}`
  await page.keyboard.press('Control+,')
  const settings = page.getByRole('dialog')
  await settings.getByRole('tab', { name: 'History & backups' }).click()
  await settings.getByLabel('Last active before').fill(day)
  await settings.getByRole('button', { name: 'Archive…' }).click()
  // 35 days old only: 40 is pinned, 20 and 1 are newer.
  await expect(settings.getByRole('alert')).toContainText(
    `Archive 1 chat last active before ${day}?`
  )
  await settings.getByRole('alert').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENS, 'archive-older-en.png') })
  await settings.getByRole('button', { name: 'Archive 1 chat' }).click()
  await expect(settings.getByRole('status').filter({ hasText: 'Archived 1 chat.' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(titles()).toHaveText(['40 days old', '1 days old', '20 days old'])

  // In Chinese: the same steps, the count said in Chinese; nothing left to archive says so.
  await app.core.handlers.updateSettings({ language: 'zh-CN' })
  await page.reload()
  await expect(page.locator('.composer-input')).toBeVisible()
  await page.keyboard.press('Control+,')
  await settings.getByRole('tab', { name: '历史与备份' }).click()
  await settings.getByLabel('最后活动早于').fill(day)
  await settings.getByRole('button', { name: '归档…' }).click()
  await expect(settings.getByRole('status').filter({ hasText: '没有在' })).toBeVisible()
  const later = new Date(now - 10 * DAY)
  const laterDay = `${later.getFullYear()}-${String(later.getMonth() + 1).padStart(2, '0')}-${String(later.getDate()).padStart(2, '0')}`
  await settings.getByLabel('最后活动早于').fill(laterDay)
  await settings.getByRole('button', { name: '归档…' }).click()
  await expect(settings.getByRole('alert')).toContainText(
    `归档 1 个在 ${laterDay} 之前最后活动的对话？`
  )
  await settings.getByRole('alert').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENS, 'archive-older-zh.png') })
  await settings.getByRole('button', { name: '归档 1 个对话' }).click()
  await page.keyboard.press('Escape')
  const zhList = page.getByRole('navigation', { name: '对话列表' })
  await expect(zhList.locator('.conversation-item')).toHaveCount(2)

  // The Archived view and search in Chinese.
  await page.getByRole('button', { name: '已归档的对话' }).click()
  await expect(page.getByRole('dialog').getByRole('listitem')).toHaveCount(2)
  await page.screenshot({ path: join(SCREENS, 'archive-view-zh.png') })
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+K')
  await page.locator('.search-input').fill('Written')
  await page.getByRole('checkbox', { name: '包含已归档' }).check()
  await expect(page.locator('.search-group .archived-badge')).toHaveCount(2)
  await page.screenshot({ path: join(SCREENS, 'archive-search-zh.png') })
  // Unarchive by keyboard, named in Chinese: the arrows walk down to the first 取消归档, Enter.
  const zhSearch = page.locator('.search-input')
  await zhSearch.focus()
  const zhOption = page.getByRole('option', { name: /^取消归档“\d+ days old”$/ }).first()
  const optionId = (await zhOption.getAttribute('id'))!
  for (let i = 0; i < 8; i++) {
    if ((await zhSearch.getAttribute('aria-activedescendant')) === optionId) break
    await page.keyboard.press('ArrowDown')
  }
  await expect(zhOption).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Enter')
  await expect(page.locator('.search-group .archived-badge')).toHaveCount(1)
})
