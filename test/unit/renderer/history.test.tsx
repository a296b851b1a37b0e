// @vitest-environment jsdom
// Managing conversations in the renderer: the virtualized sidebar and its paging, rename, pin,
// delete with Undo, exports and imports, and the recovery screen for a refused history.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { CONVERSATION_ROW_HEIGHT } from '../../../src/renderer/src/components/sidebar/rowHeights'
import { i18n } from '../../../src/renderer/src/i18n'
import { DELETE_UNDO_MS, createAppStore } from '../../../src/renderer/src/store'
import type { Conversation, ExportedFile, HistoryStatus } from '../../../src/shared/types'
import { createFakeApi, makeConversation, ok, type FakeApi } from './fake-api'
import { scrollTo, stubListViewports } from './layout'
import { renderWithStore } from './render'

stubListViewports(600)

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

async function renderApp(fake: FakeApi = createFakeApi()) {
  const saveFile = vi.fn<(file: ExportedFile) => void>()
  const store = createAppStore(
    fake.api,
    {
      request: (callback) => {
        queueMicrotask(callback)
        return 0
      },
      cancel: () => {}
    },
    { saveFile }
  )
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, saveFile }
}

function nav(): HTMLElement {
  return screen.getByRole('navigation', { name: 'Conversations' })
}

/** The conversation buttons of the rendered rows, in order (not their ⋯ buttons, nor group headers). */
function rowTitles(): string[] {
  return within(nav())
    .queryAllByRole('button')
    .filter((b) => b.classList.contains('conversation-item'))
    .map((b) => b.textContent ?? '')
}

function openActions(title: string): HTMLElement {
  fireEvent.click(within(nav()).getByRole('button', { name: `Actions for ${title}` }))
  return screen.getByRole('menu')
}

/** Opens a row's actions menu and picks an item (menus render outside act, the click inside). */
async function pick(title: string, item: string): Promise<void> {
  const menuItem = within(openActions(title)).getByRole('menuitem', { name: item })
  await act(async () => fireEvent.click(menuItem))
}

function three(): Conversation[] {
  return [
    makeConversation({ id: 3, title: 'Gamma', updatedAt: 300 }),
    makeConversation({ id: 2, title: 'Beta', updatedAt: 200 }),
    makeConversation({ id: 1, title: 'Alpha', updatedAt: 100 })
  ]
}

describe('sidebar with many conversations', () => {
  it('renders only a window of 10,000 rows and asks for the next page near the end', async () => {
    const conversations = Array.from({ length: 10_000 }, (_, i) =>
      makeConversation({ id: 10_000 - i, title: `Chat ${10_000 - i}`, updatedAt: 1_000_000 - i })
    )
    const cursor = { updatedAt: conversations.at(-1)!.updatedAt, id: conversations.at(-1)!.id }
    const fake = createFakeApi()
    vi.mocked(fake.api.listConversations)
      .mockResolvedValueOnce(ok({ conversations, next: cursor }))
      .mockResolvedValueOnce(
        ok({
          conversations: [makeConversation({ id: 20_001, title: 'Older', updatedAt: 1 })],
          next: null
        })
      )
    await renderApp(fake)

    const rendered = nav().querySelectorAll('li.conversation-row').length
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(50)
    expect(rowTitles()[0]).toBe('Chat 10000')
    expect(fake.api.listConversations).toHaveBeenCalledTimes(1)

    // The middle of the list: another window, still no request.
    await act(async () => scrollTo(nav(), 5_000 * CONVERSATION_ROW_HEIGHT))
    expect(nav().querySelectorAll('li.conversation-row').length).toBeLessThan(50)
    expect(rowTitles()).toContain('Chat 5000')
    expect(rowTitles()).not.toContain('Chat 10000')
    expect(fake.api.listConversations).toHaveBeenCalledTimes(1)

    // Near the end: the next page is asked for with the cursor, once.
    await act(async () => scrollTo(nav(), 10_000 * CONVERSATION_ROW_HEIGHT - 600))
    expect(fake.api.listConversations).toHaveBeenCalledTimes(2)
    expect(fake.api.listConversations).toHaveBeenLastCalledWith({ limit: 50, before: cursor })
    expect(nav().querySelectorAll('li.conversation-row').length).toBeLessThan(50)
    await act(async () => scrollTo(nav(), 10_001 * CONVERSATION_ROW_HEIGHT - 600))
    expect(rowTitles()).toContain('Older')
    expect(fake.api.listConversations).toHaveBeenCalledTimes(2)
  })
})

describe('delete with Undo', () => {
  it('hides the conversation at once and deletes it only when the toast expires', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    vi.useFakeTimers()
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Delete' }))

    expect(rowTitles()).toEqual(['Gamma', 'Alpha'])
    const toast = screen
      .getAllByRole('status')
      .find((s) => s.textContent?.includes('Conversation deleted'))!
    expect(within(toast).getByRole('button', { name: 'Undo' })).toBeTruthy()
    expect(fake.api.deleteConversation).not.toHaveBeenCalled()

    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS - 100))
    expect(fake.api.deleteConversation).not.toHaveBeenCalled()
    await act(async () => vi.advanceTimersByTime(100))
    expect(fake.api.deleteConversation).toHaveBeenCalledTimes(1)
    expect(fake.api.deleteConversation).toHaveBeenCalledWith({ id: 2 })
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull()
    expect(rowTitles()).toEqual(['Gamma', 'Alpha'])
  })

  it('Undo puts it back where it was and no request is ever made', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    vi.useFakeTimers()
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Delete' }))
    await act(async () => vi.advanceTimersByTime(3000))
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS * 3))
    expect(fake.api.deleteConversation).not.toHaveBeenCalled()
  })

  it('a second delete makes the first one for real and offers Undo for the second', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    vi.useFakeTimers()
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Delete' }))
    await pick('Alpha', 'Delete')
    expect(fake.api.deleteConversation).toHaveBeenCalledTimes(1)
    expect(fake.api.deleteConversation).toHaveBeenCalledWith({ id: 2 })
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }))
    expect(rowTitles()).toEqual(['Gamma', 'Alpha'])
    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS))
    expect(fake.api.deleteConversation).toHaveBeenCalledTimes(1)
  })

  it('puts the conversation back with the reason when main refuses the delete', async () => {
    const fake = createFakeApi({ conversations: three() })
    vi.mocked(fake.api.deleteConversation).mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: 'A reply is still streaming.' }
    })
    await renderApp(fake)
    vi.useFakeTimers()
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Delete' }))
    await act(async () => vi.advanceTimersByTime(DELETE_UNDO_MS))
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
    expect(screen.getByRole('alert').textContent).toContain('A reply is already streaming')
  })
})

describe('rename', () => {
  it('Enter saves the new title from the sidebar', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Conversation title' }) as HTMLInputElement
    expect(document.activeElement).toBe(field)
    expect(field.value).toBe('Beta')
    fireEvent.change(field, { target: { value: '  Beta, renamed ' } })
    await act(async () => fireEvent.keyDown(field, { key: 'Enter' }))
    expect(fake.api.renameConversation).toHaveBeenCalledWith({ id: 2, title: 'Beta, renamed' })
    expect(screen.queryByRole('textbox', { name: 'Conversation title' })).toBeNull()
    expect(rowTitles()).toEqual(['Gamma', 'Beta, renamed', 'Alpha'])
  })

  it('Esc cancels without a request', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    fireEvent.click(within(openActions('Beta')).getByRole('menuitem', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Conversation title' })
    fireEvent.change(field, { target: { value: 'Never saved' } })
    await act(async () => fireEvent.keyDown(field, { key: 'Escape' }))
    expect(screen.queryByRole('textbox', { name: 'Conversation title' })).toBeNull()
    expect(fake.api.renameConversation).not.toHaveBeenCalled()
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
  })

  it('renames the open conversation from the chat header', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    await act(async () => fireEvent.click(within(nav()).getByRole('button', { name: 'Alpha' })))
    fireEvent.click(screen.getByRole('button', { name: 'Rename' }))
    const field = screen.getByRole('textbox', { name: 'Conversation title' })
    fireEvent.change(field, { target: { value: 'First steps' } })
    await act(async () => fireEvent.keyDown(field, { key: 'Enter' }))
    expect(fake.api.renameConversation).toHaveBeenCalledWith({ id: 1, title: 'First steps' })
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('First steps')
  })
})

describe('pin and export', () => {
  it('a pinned conversation moves to the top with a pin; unpinned it goes back by date', async () => {
    const fake = createFakeApi({ conversations: three() })
    await renderApp(fake)
    await pick('Alpha', 'Pin to top')
    expect(fake.api.setConversationPinned).toHaveBeenCalledWith({ id: 1, pinned: true })
    expect(rowTitles()).toEqual(['Alpha', 'Gamma', 'Beta'])
    const firstRow = nav().querySelector('li.conversation-row')!
    expect(within(firstRow as HTMLElement).getByRole('img', { name: 'Pinned' })).toBeTruthy()

    vi.mocked(fake.api.setConversationPinned).mockResolvedValueOnce(
      ok(makeConversation({ id: 1, title: 'Alpha', updatedAt: 100, pinned: false }))
    )
    await pick('Alpha', 'Unpin')
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
  })

  it('exports a conversation as Markdown and JSON through the save function', async () => {
    const fake = createFakeApi({ conversations: three() })
    const file = { fileName: 'Beta.md', mime: 'text/markdown', text: '# Beta' }
    vi.mocked(fake.api.exportConversation).mockResolvedValueOnce(ok(file))
    const { saveFile } = await renderApp(fake)
    await pick('Beta', 'Export as Markdown')
    expect(fake.api.exportConversation).toHaveBeenCalledWith({ id: 2, format: 'markdown' })
    expect(saveFile).toHaveBeenCalledWith(file)
    await pick('Beta', 'Export as JSON')
    expect(fake.api.exportConversation).toHaveBeenLastCalledWith({ id: 2, format: 'json' })
  })

  it('the actions menu moves with the arrows and closes on Esc', async () => {
    await renderApp(createFakeApi({ conversations: three() }))
    const menu = openActions('Gamma')
    const items = within(menu).getAllByRole('menuitem')
    expect(items.map((i) => i.textContent)).toEqual([
      'Rename',
      'Pin to top',
      'Archive',
      'Move to project…',
      'Export as Markdown',
      'Export as JSON',
      'Delete'
    ])
    expect(document.activeElement).toBe(items[0])
    fireEvent.keyDown(menu, { key: 'ArrowUp' })
    expect(document.activeElement).toBe(items[6])
    fireEvent.keyDown(menu, { key: 'ArrowDown' })
    expect(document.activeElement).toBe(items[0])
    fireEvent.keyDown(menu, { key: 'Escape' })
    expect(screen.queryByRole('menu')).toBeNull()
  })
})

describe('Settings → History', () => {
  it('exports everything, imports a file and says what was added and skipped', async () => {
    const fake = createFakeApi({ conversations: three() })
    vi.mocked(fake.api.importHistory).mockResolvedValueOnce(
      ok({ conversationsAdded: 2, messagesAdded: 7, messagesSkipped: 1 })
    )
    vi.mocked(fake.api.getHistoryStatus).mockResolvedValue(
      ok({
        state: 'ok',
        backups: [
          {
            name: 'history-1700000000000-daily.sqlite',
            createdAt: 1_700_000_000_000,
            bytes: 2_500_000,
            reason: 'daily'
          }
        ]
      })
    )
    const { saveFile } = await renderApp(fake)
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    fireEvent.click(within(dialog).getByRole('tab', { name: 'History & backups' }))

    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Export all' }))
    )
    expect(fake.api.exportHistory).toHaveBeenCalledTimes(1)
    expect(saveFile).toHaveBeenCalledWith({
      fileName: 'history.json',
      mime: 'application/json',
      text: '{}'
    })

    const input = within(dialog).getByLabelText('Import…') as HTMLInputElement
    const file = new File(['{"format":"seed-chat-history"}'], 'export.json', {
      type: 'application/json'
    })
    await act(async () => fireEvent.change(input, { target: { files: [file] } }))
    expect(fake.api.importHistory).toHaveBeenCalledWith({ text: '{"format":"seed-chat-history"}' })
    expect(
      within(dialog).getByText('Added 2 conversations and 7 messages; skipped 1 already there')
    ).toBeTruthy()
    // The list starts again from its first page, with what came in.
    expect(fake.api.listConversations).toHaveBeenCalledTimes(2)

    expect(within(dialog).getByRole('list', { name: 'Backups' }).textContent).toContain(
      'Daily backup'
    )
  })

  it('says when the file is not an export', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.importHistory).mockResolvedValueOnce({
      ok: false,
      error: { code: 'import_failed', message: 'format: expected "seed-chat-history"' }
    })
    await renderApp(fake)
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    fireEvent.click(screen.getByRole('tab', { name: 'History & backups' }))
    const input = screen.getByLabelText('Import…') as HTMLInputElement
    await act(async () =>
      fireEvent.change(input, { target: { files: [new File(['nope'], 'x.json')] } })
    )
    expect(screen.getByRole('alert').textContent).toContain('This file is not a Seed Chat export.')
  })
})

describe('recovery screen', () => {
  const refused: HistoryStatus = {
    state: 'refused',
    problem: 'newer',
    detail: 'schema 9; this version knows 4',
    backups: [
      {
        name: 'history-1700000000000-daily.sqlite',
        createdAt: 1_700_000_000_000,
        bytes: 1_048_576,
        reason: 'daily'
      },
      {
        name: 'history-1690000000000-before-migration-4.sqlite',
        createdAt: 1_690_000_000_000,
        bytes: 524_288,
        reason: 'before-migration-4'
      }
    ]
  }

  it('explains a newer database, lists the backups and restores one', async () => {
    const fake = createFakeApi({ conversations: three() })
    vi.mocked(fake.api.getHistoryStatus).mockResolvedValueOnce(ok(refused))
    vi.mocked(fake.api.restoreBackup).mockResolvedValueOnce(
      ok({ state: 'ok', backups: refused.backups })
    )
    await renderApp(fake)

    expect(screen.getByRole('heading', { name: 'Your history could not be opened' })).toBeTruthy()
    expect(
      screen.getByText('It was written by a newer version of Seed Chat. Update the app to open it.')
    ).toBeTruthy()
    expect(screen.getByText(/left untouched/)).toBeTruthy()
    // Nothing that needs the history was asked while it is refused.
    expect(fake.api.getSettings).not.toHaveBeenCalled()
    expect(fake.api.listConversations).not.toHaveBeenCalled()

    const items = screen.getAllByRole('listitem')
    expect(items).toHaveLength(2)
    expect(items[0].textContent).toContain('Daily backup')
    expect(items[0].textContent).toContain('1 MB')
    expect(items[1].textContent).toContain('Before an update (schema 4)')

    await act(async () =>
      fireEvent.click(within(items[0]).getByRole('button', { name: 'Restore' }))
    )
    expect(fake.api.restoreBackup).toHaveBeenCalledWith({
      name: 'history-1700000000000-daily.sqlite'
    })
    // The app carries on as after a normal start.
    expect(fake.api.getSettings).toHaveBeenCalled()
    expect(screen.queryByRole('heading', { name: 'Your history could not be opened' })).toBeNull()
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
  })

  it('says how much smaller a shrunk history is, and keeps it as it is when asked', async () => {
    const fake = createFakeApi({ conversations: three() })
    vi.mocked(fake.api.getHistoryStatus).mockResolvedValueOnce(
      ok({
        ...refused,
        problem: 'shrunk',
        detail: 'The history holds 0 conversations, 0 messages',
        expected: { conversations: 3, messages: 12 },
        found: { conversations: 0, messages: 0 }
      })
    )
    await renderApp(fake)
    expect(
      screen.getByText(/0 conversations and 0 messages, where 3 conversations and 12 messages/)
    ).toBeTruthy()
    expect(screen.getAllByRole('button', { name: 'Restore' })).toHaveLength(2)
    await act(async () =>
      fireEvent.click(screen.getByRole('button', { name: 'Keep this history' }))
    )
    expect(fake.api.keepHistory).toHaveBeenCalled()
    expect(fake.api.restoreBackup).not.toHaveBeenCalled()
    expect(screen.queryByRole('heading', { name: 'Your history could not be opened' })).toBeNull()
    expect(rowTitles()).toEqual(['Gamma', 'Beta', 'Alpha'])
  })

  it('names a damaged file, and stays when the backup is refused too', async () => {
    const fake = createFakeApi()
    const damaged: HistoryStatus = {
      ...refused,
      problem: 'damaged',
      detail: 'file is not a database'
    }
    vi.mocked(fake.api.getHistoryStatus).mockResolvedValueOnce(ok(damaged))
    vi.mocked(fake.api.restoreBackup).mockResolvedValueOnce(ok(damaged))
    await renderApp(fake)
    expect(screen.getByText('The database file is damaged.')).toBeTruthy()
    await act(async () => fireEvent.click(screen.getAllByRole('button', { name: 'Restore' })[1]))
    expect(screen.getByRole('heading', { name: 'Your history could not be opened' })).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('file is not a database')
    expect(fake.api.getSettings).not.toHaveBeenCalled()
  })

  it.each([
    [
      'en',
      'unwritable',
      'Seed Chat cannot write to its data folder: /home/me/.config/Seed Chat',
      'Make the folder writable (check its permissions, or whether the disk is read-only or the folder locked), then restart Seed Chat.'
    ],
    [
      'en',
      'full',
      'The disk holding the data folder is full: /home/me/.config/Seed Chat',
      'Free some space on that disk, then restart Seed Chat.'
    ],
    [
      'zh-CN',
      'unwritable',
      'Seed Chat 无法写入它的数据文件夹：/home/me/.config/Seed Chat',
      '请让该文件夹可写（检查权限，或磁盘是否为只读、文件夹是否被锁定），然后重新启动 Seed Chat。'
    ],
    [
      'zh-CN',
      'full',
      '数据文件夹所在的磁盘已满：/home/me/.config/Seed Chat',
      '请释放该磁盘上的一些空间，然后重新启动 Seed Chat。'
    ]
  ] as const)(
    '%s: a data folder that is %s is named with what to do, and no backup is offered',
    async (language, problem, words, help) => {
      const fake = createFakeApi()
      const status: HistoryStatus = {
        ...refused,
        problem,
        folder: '/home/me/.config/Seed Chat',
        detail: 'EROFS: read-only file system'
      }
      vi.mocked(fake.api.getHistoryStatus).mockResolvedValueOnce(ok(status))
      try {
        await renderApp(fake)
        await act(async () => void (await i18n.changeLanguage(language)))
        expect(screen.getByText(words)).toBeTruthy()
        expect(screen.getByText(help)).toBeTruthy()
        expect(
          screen.queryByRole('button', { name: language === 'en' ? 'Restore' : '恢复' })
        ).toBeNull()
        expect(fake.api.listConversations).not.toHaveBeenCalled()
      } finally {
        await i18n.changeLanguage('en')
      }
    }
  )
})

describe('archive', () => {
  it('Archive in the menu takes the row off the list; another window’s archive and unarchive show', async () => {
    const { fake } = await renderApp(createFakeApi({ conversations: three() }))
    await pick('Beta', 'Archive')
    expect(fake.api.setConversationArchived).toHaveBeenCalledWith({ id: 2, archived: true })
    expect(rowTitles()).toEqual(['Gamma', 'Alpha'])

    const gamma = three()[0]
    act(() => fake.emitArchiveChanged({ conversation: { ...gamma, archived: true } }))
    expect(rowTitles()).toEqual(['Alpha'])
    act(() => fake.emitArchiveChanged({ conversation: gamma }))
    expect(rowTitles()).toEqual(['Gamma', 'Alpha'])

    // Several archived at once (older than a date): the list is read again.
    vi.mocked(fake.api.listConversations).mockResolvedValueOnce(
      ok({ conversations: [three()[2]], next: null })
    )
    const reads = vi.mocked(fake.api.listConversations).mock.calls.length
    await act(async () => fake.emitArchiveChanged({ conversation: null }))
    expect(vi.mocked(fake.api.listConversations).mock.calls.length).toBe(reads + 1)
    expect(rowTitles()).toEqual(['Alpha'])
  })
})
