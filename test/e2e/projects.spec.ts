// Projects as a user meets them: created from the sidebar with instructions, a new chat started in
// one (the fake provider receives the instructions as the system prompt), chats moved in from a
// menu and by dragging a row, leaving the date groups; files added in its settings (the composer's
// meter counts them, every request carries them); projects reordered from their settings and by
// dragging. Screenshots in English and Chinese go to test-results/screens.
import { join } from 'node:path'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

test('create a project, start a chat in it, move chats in from the menu and by dragging', async ({
  app,
  provider
}) => {
  const handlers = app.core.handlers
  await handlers.updateSettings({ baseURL: provider.baseURL, language: 'en' })
  await handlers.setKey({ key: provider.apiKey })
  const outside = await handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-1-6-251015',
    text: 'Packing list for Lisbon',
    attachments: []
  })
  await app.core.services.chat.whenIdle(outside.assistantMessage.id)
  const page = app.page
  await page.reload()
  const nav = page.getByRole('navigation', { name: 'Conversations' })
  await expect(nav.getByRole('button', { name: 'Packing list for Lisbon' })).toBeVisible()

  // A new project, with its instructions.
  await nav.getByRole('button', { name: 'New project' }).click()
  const dialog = page.getByRole('dialog', { name: 'New project' })
  await dialog.getByRole('button', { name: 'Save project' }).click()
  await expect(dialog.getByText('Give the project a name.')).toBeVisible()
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Launch')
  await dialog.getByRole('textbox', { name: 'Instructions' }).fill('You plan product launches.')
  await page.screenshot({ path: join(SCREENS, 'project-editor-en.png') })
  await dialog.getByRole('button', { name: 'Save project' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  const projectRow = page.locator('.project-row', { hasText: 'Launch' })
  await expect(projectRow).toBeVisible()

  // A chat in it: the request carries the instructions first.
  await nav.getByRole('button', { name: 'New chat in Launch' }).click()
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('When do we announce?')
  await box.press('Enter')
  await expect(page.locator('article.message-assistant')).toHaveAttribute('aria-busy', 'false')
  expect(provider.chatRequests().at(-1)!.body.messages).toEqual([
    { role: 'system', content: 'You plan product launches.' },
    { role: 'user', content: 'When do we announce?' }
  ])
  await expect(projectRow.locator('.project-toggle')).toHaveAttribute('aria-expanded', 'true')
  await expect(page.locator('.conversation-row[data-in-project]')).toHaveText(
    'When do we announce?'
  )

  // The other chat moves in from its menu (a right click on its row) and leaves the date groups.
  await nav.getByRole('button', { name: 'Packing list for Lisbon' }).click({ button: 'right' })
  await page.getByRole('menuitem', { name: 'Move to project…' }).click()
  const move = page.getByRole('dialog', { name: 'Move “Packing list for Lisbon” to' })
  await page.screenshot({ path: join(SCREENS, 'project-move-en.png') })
  await move.getByRole('button', { name: 'Launch' }).click()
  await expect(page.getByRole('dialog')).toHaveCount(0)
  await expect(page.locator('.conversation-row[data-in-project]')).toHaveCount(2)
  await expect(page.locator('.conversation-row:not([data-in-project])')).toHaveCount(0)
  await expect(projectRow.locator('.conversation-group-count')).toHaveText('2')
  const moved = await handlers.getConversation({ id: outside.conversation.id })
  expect(moved.conversation.projectId).not.toBeNull()

  // A row dragged onto the project moves in too.
  const dragged = await handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-1-6-251015',
    text: 'Budget for the launch party',
    attachments: []
  })
  await app.core.services.chat.whenIdle(dragged.assistantMessage.id)
  await page.reload()
  await page.locator('.project-toggle').click()
  await nav
    .getByRole('button', { name: 'Budget for the launch party' })
    .dragTo(page.locator('.project-toggle'))
  await expect(page.locator('.conversation-row[data-in-project]')).toHaveCount(3)
  await expect(page.locator('.conversation-row:not([data-in-project])')).toHaveCount(0)
  expect(
    (await handlers.getConversation({ id: dragged.conversation.id })).conversation.projectId
  ).toBe(moved.conversation.projectId)
  await page.screenshot({ path: join(SCREENS, 'projects-sidebar-en.png') })

  // Search filters by project: a chat outside it is left out.
  const lone = await handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-1-6-251015',
    text: 'Launch checklist outside',
    attachments: []
  })
  await app.core.services.chat.whenIdle(lone.assistantMessage.id)
  await page.reload()
  await expect(page.locator('.composer-input')).toBeVisible()
  await page.keyboard.press('Control+K')
  await expect(page.locator('.search-input')).toBeFocused()
  await page.locator('.search-input').fill('launch')
  await expect(page.locator('.search-hit', { hasText: 'Launch checklist outside' })).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Project' }).selectOption({ label: 'Launch' })
  await expect(
    page.locator('.search-hit', { hasText: 'Budget for the launch party' }).first()
  ).toBeVisible()
  await expect(page.locator('.search-hit', { hasText: 'Launch checklist outside' })).toHaveCount(0)
  await page.screenshot({ path: join(SCREENS, 'projects-search-en.png') })
  await page.keyboard.press('Escape')
  await handlers.deleteConversation({ id: lone.conversation.id })

  // A second project moves above the first from its settings.
  await handlers.createProject({ name: 'Zeta' })
  await page.reload()
  await expect(page.locator('.project-name')).toHaveText(['Launch', 'Zeta'])
  await page.getByRole('button', { name: 'Settings of Zeta' }).click()
  const zeta = page.getByRole('dialog', { name: 'Project settings' })
  await expect(zeta.getByText('Place 2 of 2 in the sidebar')).toBeVisible()
  await zeta.getByRole('button', { name: 'Move up' }).click()
  await expect(zeta.getByText('Place 1 of 2 in the sidebar')).toBeVisible()
  await expect(zeta.getByRole('button', { name: 'Move up' })).toBeDisabled()
  await expect(page.locator('.project-name')).toHaveText(['Zeta', 'Launch'])
  // Move up, now disabled, hands the focus to Move down: it stays in the dialog, Esc closes it.
  await expect(zeta.getByRole('button', { name: 'Move down' })).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  // Dragged onto the lower half of Launch, Zeta goes after it; onto its upper half, before it.
  const toggleOf = (name: string) =>
    page.locator('.project-row', { hasText: name }).locator('.project-toggle')
  await toggleOf('Zeta').dragTo(toggleOf('Launch'), { targetPosition: { x: 20, y: 26 } })
  await expect(page.locator('.project-name')).toHaveText(['Launch', 'Zeta'])
  expect((await handlers.listProjects(undefined)).map((p) => p.name)).toEqual(['Launch', 'Zeta'])
  await toggleOf('Zeta').dragTo(toggleOf('Launch'), { targetPosition: { x: 20, y: 4 } })
  await expect(page.locator('.project-name')).toHaveText(['Zeta', 'Launch'])
  // Dropped on itself, nothing moves.
  await toggleOf('Zeta').dragTo(toggleOf('Zeta'))
  await page.reload()
  await expect(page.locator('.project-name')).toHaveText(['Zeta', 'Launch'])
  await handlers.deleteProject({
    id: (await handlers.listProjects(undefined)).find((p) => p.name === 'Zeta')!.id,
    chats: 'move_out'
  })
  await page.reload()
  await expect(page.locator('.project-name')).toHaveText(['Launch'])

  // Files in Launch's settings: a document is read and listed with its tokens, an image refused.
  await page.getByRole('button', { name: 'Settings of Launch' }).click()
  const launch = page.getByRole('dialog', { name: 'Project settings' })
  await expect(launch.getByText('No files yet.')).toBeVisible()
  const BRIEF = '# Launch brief\n\nAnnounce on 12 March in Lisbon.'
  await launch.getByTestId('project-file-input').setInputFiles([
    { name: 'brief.md', mimeType: 'text/markdown', buffer: Buffer.from(BRIEF) },
    {
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    }
  ])
  await expect(launch.getByRole('listitem').filter({ hasText: 'brief.md' })).toContainText(
    /≈ \d+ tokens/
  )
  await expect(launch.getByRole('alert')).toHaveText(
    'photo.png was not added: The file could not be read: it is not a text file.'
  )
  await expect(launch.getByText(/^Project files: about \d+ tokens$/)).toBeVisible()
  await launch.screenshot({ path: join(SCREENS, 'project-files-en.png') })
  await page.keyboard.press('Escape')

  // A new chat in it: the meter counts the files before anything is typed; the request carries them.
  await nav.getByRole('button', { name: 'New chat in Launch' }).click()
  await expect(page.locator('.context-meter-files')).toHaveText(/^Project files: about \d+ tokens$/)
  await box.fill('Where do we announce?')
  await box.press('Enter')
  await expect(page.locator('article.message-assistant')).toHaveAttribute('aria-busy', 'false')
  expect(provider.chatRequests().at(-1)!.body.messages).toEqual([
    {
      role: 'system',
      content: `You plan product launches.\n\n<file name="brief.md">\n${BRIEF}\n</file>`
    },
    { role: 'user', content: 'Where do we announce?' }
  ])

  // The same in Chinese.
  await handlers.updateSettings({ language: 'zh-CN' })
  await page.reload()
  await expect(page.locator('.projects-header')).toContainText('项目')
  await page.locator('.project-toggle').click()
  await expect(page.locator('.conversation-row[data-in-project]')).toHaveCount(4)
  await page.screenshot({ path: join(SCREENS, 'projects-sidebar-zh-CN.png') })
  await page.getByRole('button', { name: 'Launch 的设置' }).click()
  const zh = page.getByRole('dialog', { name: '项目设置' })
  await expect(zh).toBeVisible()
  await page.screenshot({ path: join(SCREENS, 'project-editor-zh-CN.png') })
  await expect(zh.getByText(/^项目文件：约 \d+ token$/)).toBeVisible()
  await zh.getByTestId('project-file-input').setInputFiles({
    name: 'photo.png',
    mimeType: 'image/png',
    buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
  })
  await expect(zh.getByRole('alert')).toContainText('未添加 photo.png')
  await zh.screenshot({ path: join(SCREENS, 'project-files-zh-CN.png') })
  // Removed by its named button: the next request goes without it.
  await zh.getByRole('button', { name: '从项目中移除 brief.md' }).click()
  await expect(zh.getByText('还没有文件。')).toBeVisible()
  expect((await handlers.listProjects(undefined))[0].files).toEqual([])
})
