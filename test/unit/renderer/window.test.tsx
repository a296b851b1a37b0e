// @vitest-environment jsdom
// The everyday window: theme and font size, the sidebar's groups, the shortcuts and their sheet,
// and Delete chat in the conversation's menu.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { groupOf, sidebarRows, startOfDay } from '../../../src/renderer/src/lib/conversationGroups'
import { applyAppearance } from '../../../src/renderer/src/lib/appearance'
import { SHORTCUTS, shortcutKeys } from '../../../src/renderer/src/lib/shortcuts'
import { DELETE_UNDO_MS } from '../../../src/renderer/src/store'
import en from '../../../src/renderer/src/locales/en.json'
import { createFakeApi, makeConversation, type FakeApi } from './fake-api'
import { stubListViewports } from './layout'
import { createTestStore, renderWithStore } from './render'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
  applyAppearance({ theme: 'system', fontSize: 'default' })
})
stubListViewports()

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

const html = () => document.documentElement
const nav = () => document.querySelector<HTMLElement>('nav.conversation-nav')!
/** The sidebar's date rows as text: "# Header" for a group, the title for a conversation. */
const sidebarText = () =>
  [...nav().querySelectorAll('li:not(.projects-header)')].map((li) =>
    li.classList.contains('conversation-group')
      ? `# ${li.querySelector('.conversation-group-label')?.textContent}`
      : (li.querySelector('.conversation-title')?.textContent ?? '')
  )

describe('theme and font size', () => {
  it('start from the system theme and the default size', async () => {
    await renderApp()
    expect(html().dataset.theme).toBeUndefined()
    expect(html().dataset.fontSize).toBeUndefined()
  })

  it('are chosen in Settings, saved, and applied on <html> at once', async () => {
    const { user, fake } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    const theme = within(dialog).getByRole('group', { name: 'Theme' })
    expect(
      within(theme)
        .getAllByRole('radio')
        .map((r) => r.parentElement?.textContent)
    ).toEqual(['System', 'Light', 'Dark'])
    expect((within(theme).getByRole('radio', { name: 'System' }) as HTMLInputElement).checked).toBe(
      true
    )

    await user.click(within(theme).getByRole('radio', { name: 'Dark' }))
    expect(html().dataset.theme).toBe('dark')
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ theme: 'dark' })
    await user.click(within(theme).getByRole('radio', { name: 'Light' }))
    expect(html().dataset.theme).toBe('light')

    const size = within(dialog).getByRole('group', { name: 'Font size' })
    await user.click(within(size).getByRole('radio', { name: 'Large' }))
    expect(html().dataset.fontSize).toBe('large')
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ fontSize: 'large' })
    await user.click(within(theme).getByRole('radio', { name: 'System' }))
    expect(html().dataset.theme).toBeUndefined()
    expect(html().dataset.fontSize).toBe('large')
  })

  it('come back from the saved settings', async () => {
    const fake = createFakeApi()
    await fake.api.updateSettings({ theme: 'dark', fontSize: 'small' })
    await renderApp(fake)
    expect(html().dataset.theme).toBe('dark')
    expect(html().dataset.fontSize).toBe('small')
  })

  it('go back when saving fails', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.updateSettings).mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid_input', message: '' }
    })
    const { store } = await renderApp(fake)
    await act(() => store.getState().updateSettings({ theme: 'dark' }))
    expect(store.getState().settings.theme).toBe('system')
    expect(html().dataset.theme).toBeUndefined()
  })
})

describe('sidebar groups', () => {
  // Noon on Wednesday 2026-03-18, local time.
  const now = new Date(2026, 2, 18, 12, 0).getTime()
  const at = (daysAgo: number, hour = 9) => new Date(2026, 2, 18 - daysAgo, hour).getTime()

  it('put each conversation in Pinned, Today, Yesterday, Previous 7 or 30 days, or its month', () => {
    const group = (updatedAt: number, pinned = false) =>
      groupOf(makeConversation({ updatedAt, pinned }), now)
    expect(group(at(0, 0))).toBe('today')
    expect(group(at(40), true)).toBe('pinned')
    expect(group(at(1, 23))).toBe('yesterday')
    expect(group(at(1, 0))).toBe('yesterday')
    expect(group(at(2))).toBe('previous7')
    expect(group(at(7))).toBe('previous7')
    expect(group(at(8))).toBe('previous30')
    expect(group(at(30))).toBe('previous30')
    expect(group(at(31))).toBe('month-2026-02')
    expect(group(new Date(2025, 11, 31).getTime())).toBe('month-2025-12')
    expect(startOfDay(now)).toBe(new Date(2026, 2, 18).getTime())
  })

  it('are rows of the one list; a collapsed group keeps its header and count', () => {
    const conversations = [
      makeConversation({ id: 1, pinned: true, updatedAt: at(50) }),
      makeConversation({ id: 2, updatedAt: at(0) }),
      makeConversation({ id: 3, updatedAt: at(0, 8) }),
      makeConversation({ id: 4, updatedAt: at(3) }),
      makeConversation({ id: 5, updatedAt: at(45) })
    ]
    const shape = (collapsed: string[]) =>
      sidebarRows(conversations, new Set(collapsed), now).map((row) =>
        row.kind === 'header' ? `${row.key}${row.collapsed ? ` (${row.count})` : ''}` : row.index
      )
    expect(shape([])).toEqual(['pinned', 0, 'today', 1, 2, 'previous7', 3, 'month-2026-02', 4])
    expect(shape(['today', 'pinned'])).toEqual([
      'pinned (1)',
      'today (2)',
      'previous7',
      3,
      'month-2026-02',
      4
    ])
  })

  it('show in the sidebar, translated, and fold away with their header', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const conversations = [
      makeConversation({ id: 1, title: 'Pinned one', pinned: true, updatedAt: at(100) }),
      makeConversation({ id: 2, title: 'This morning', updatedAt: at(0) }),
      makeConversation({ id: 3, title: 'Last night', updatedAt: at(1, 22) }),
      makeConversation({ id: 4, title: 'Monday last week', updatedAt: at(9) }),
      makeConversation({ id: 5, title: 'In January', updatedAt: new Date(2026, 0, 20).getTime() }),
      makeConversation({ id: 6, title: 'Last year', updatedAt: new Date(2025, 10, 2).getTime() })
    ]
    const { user } = await renderApp(createFakeApi({ conversations }))
    expect(sidebarText()).toEqual([
      '# Pinned',
      'Pinned one',
      '# Today',
      'This morning',
      '# Yesterday',
      'Last night',
      '# Previous 30 days',
      'Monday last week',
      '# January',
      'In January',
      '# November 2025',
      'Last year'
    ])
    const today = within(nav()).getByRole('button', { name: 'Today' })
    expect(today.getAttribute('aria-expanded')).toBe('true')
    await user.click(today)
    expect(today.getAttribute('aria-expanded')).toBe('false')
    expect(within(nav()).getByRole('button', { name: 'Today, 1 conversation' })).toBe(today)
    expect(sidebarText()).not.toContain('This morning')
    expect(sidebarText()).toContain('Last night')
    await user.click(within(nav()).getByRole('button', { name: /^Today/ }))
    expect(sidebarText()).toContain('This morning')
  })

  it('are in Chinese in Chinese', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now })
    const fake = createFakeApi({
      conversations: [
        makeConversation({ title: 'A', pinned: true, updatedAt: at(3) }),
        makeConversation({ title: 'B', updatedAt: at(3) })
      ]
    })
    await fake.api.updateSettings({ language: 'zh-CN' })
    await renderApp(fake)
    expect(sidebarText().filter((row) => row.startsWith('#'))).toEqual(['# 已置顶', '# 过去 7 天'])
  })
})

describe('shortcuts', () => {
  it('the sheet lists every shortcut, opens with Ctrl+/ or its button, closes with Esc', async () => {
    const { user } = await renderApp()
    fireEvent.keyDown(window, { key: '/', code: 'Slash', ctrlKey: true })
    const sheet = screen.getByRole('dialog', { name: 'Keyboard shortcuts' })
    // One row per action; every shortcut's keys are on its action's row.
    const rows = [...sheet.querySelectorAll('.shortcut-row')].map((row) => [
      row.querySelector('dt')?.textContent,
      [...row.querySelectorAll('kbd')].map((kbd) => kbd.textContent)
    ])
    const label = (key: string) =>
      key.split('.').reduce<unknown>((tree, part) => (tree as Record<string, unknown>)[part], en)
    expect(rows.flatMap(([, keys]) => keys)).toEqual(
      SHORTCUTS.map((shortcut) => shortcutKeys(shortcut, false))
    )
    for (const shortcut of SHORTCUTS) {
      expect(rows.find(([name]) => name === label(shortcut.labelKey))?.[1]).toContain(
        shortcutKeys(shortcut, false)
      )
    }
    expect(rows).toContainEqual(['Show or hide the sidebar', ['Ctrl+Shift+S']])
    expect(rows).toContainEqual(['New chat', ['Ctrl+Shift+O', 'Ctrl+N']])
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Keyboard shortcuts' }))
    expect(screen.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeTruthy()
    fireEvent.keyDown(window, { key: '/', code: 'Slash', metaKey: true })
    expect(screen.queryByRole('dialog', { name: 'Keyboard shortcuts' })).toBeNull()
  })

  it('shows each key on macOS as ⌘ and ⇧', () => {
    const sidebar = SHORTCUTS.find((s) => s.id === 'toggle-sidebar')!
    expect(shortcutKeys(sidebar, true)).toBe('⌘⇧S')
    expect(shortcutKeys(sidebar, false)).toBe('Ctrl+Shift+S')
    expect(new Set(SHORTCUTS.map((s) => s.id)).size).toBe(SHORTCUTS.length)
  })

  it('Ctrl+Shift+S hides and shows the sidebar; so does the header button', async () => {
    const { user } = await renderApp()
    fireEvent.keyDown(window, { key: 'S', ctrlKey: true, shiftKey: true })
    expect(screen.queryByRole('navigation', { name: 'Conversations' })).toBeNull()
    expect(document.querySelector('.app')?.getAttribute('data-sidebar')).toBe('hidden')
    await user.click(screen.getByRole('button', { name: 'Show sidebar' }))
    expect(screen.getByRole('navigation', { name: 'Conversations' })).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Hide sidebar' }))
    expect(screen.queryByRole('navigation', { name: 'Conversations' })).toBeNull()
    fireEvent.keyDown(window, { key: 's', metaKey: true, shiftKey: true })
    expect(screen.getByRole('navigation', { name: 'Conversations' })).toBeTruthy()
  })

  it('Ctrl+Shift+O starts a new chat, Ctrl+, opens Settings, Shift+Esc focuses the message field', async () => {
    const chat = makeConversation({ id: 3, title: 'Open one' })
    const { user, store } = await renderApp(createFakeApi({ conversations: [chat] }))
    await user.click(screen.getByRole('button', { name: 'Open one' }))
    expect(store.getState().activeConversationId).toBe(3)
    fireEvent.keyDown(window, { key: 'O', ctrlKey: true, shiftKey: true })
    expect(store.getState().activeConversationId).toBeNull()

    fireEvent.keyDown(window, { key: ',', ctrlKey: true })
    expect(screen.getByRole('dialog', { name: 'Settings' })).toBeTruthy()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: 'Settings' })).toBeNull()

    screen.getByRole('button', { name: 'Settings' }).focus()
    fireEvent.keyDown(window, { key: 'Escape', shiftKey: true })
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Message' }))
  })

  it('Ctrl+Shift+Backspace deletes the open chat behind the Undo toast', async () => {
    const chat = makeConversation({ id: 4, title: 'To delete' })
    const { user, fake } = await renderApp(createFakeApi({ conversations: [chat] }))
    await user.click(screen.getByRole('button', { name: 'To delete' }))
    vi.useFakeTimers()
    fireEvent.keyDown(window, { key: 'Backspace', ctrlKey: true, shiftKey: true })
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy()
    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS))
    expect(fake.api.deleteConversation).toHaveBeenCalledWith({ id: 4 })
  })
})

describe('the chat header', () => {
  it('has no Delete button: Delete, Rename and the rest are in the conversation menu', async () => {
    const chat = makeConversation({ id: 5, title: 'Header chat' })
    const { user, fake } = await renderApp(createFakeApi({ conversations: [chat] }))
    await user.click(screen.getByRole('button', { name: 'Header chat' }))
    const header = document.querySelector('header.chat-header') as HTMLElement
    expect(within(header).queryByRole('button', { name: 'Delete chat' })).toBeNull()

    await user.click(within(header).getByRole('button', { name: 'Conversation actions' }))
    const menu = screen.getByRole('menu')
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((item) => item.textContent)
    ).toEqual([
      'Rename',
      'Pin to top',
      'Archive',
      'Move to project…',
      'Export as Markdown',
      'Export as JSON',
      'Delete'
    ])
    await user.click(within(menu).getByRole('menuitem', { name: 'Rename' }))
    expect(within(header).getByRole('textbox')).toBeTruthy()
    fireEvent.keyDown(within(header).getByRole('textbox'), { key: 'Escape' })

    await user.click(within(header).getByRole('button', { name: 'Conversation actions' }))
    vi.useFakeTimers()
    fireEvent.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'Delete' }))
    expect(screen.getByRole('button', { name: 'Undo' })).toBeTruthy()
    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS))
    expect(fake.api.deleteConversation).toHaveBeenCalledWith({ id: 5 })
  })
})
