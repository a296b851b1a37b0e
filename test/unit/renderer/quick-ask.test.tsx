// @vitest-environment jsdom
// What the two windows share through main's events (a conversation started in Quick Ask joins
// the main window's list; its open copy is read again; "Open in Seed Chat" opens it there, not
// in Quick Ask), and Settings' system-wide shortcuts: recorded by pressing keys, cleared, and a
// shortcut the system refused shown as refused.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, type Mock } from 'vitest'
import { SettingsDialog } from '../../../src/renderer/src/components/settings/SettingsDialog'
import { createFakeApi, makeConversation, makeMessage, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

describe('two windows, one history', () => {
  it('a conversation sent to from the other window goes on top of the list', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ id: 1, title: 'Older' })] })
    const store = createTestStore(fake)
    await store.getState().init()
    fake.emitConversationChanged({ conversation: makeConversation({ id: 7, title: 'Quick one' }) })
    expect(store.getState().conversations.map((c) => c.title)).toEqual(['Quick one', 'Older'])
  })

  it('the open conversation, sent to from the other window, is read again', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ id: 1 })] })
    const store = createTestStore(fake)
    await store.getState().init()
    await store.getState().openConversation(1)
    expect(fake.api.getConversation).toHaveBeenCalledTimes(1)
    const reply = makeMessage({ id: 41, conversationId: 1, status: 'streaming' })
    ;(fake.api.getConversation as Mock).mockResolvedValueOnce(
      ok({
        conversation: makeConversation({ id: 1 }),
        messages: [reply],
        hasOlder: false,
        hasNewer: false
      })
    )
    fake.emitConversationChanged({ conversation: makeConversation({ id: 1 }) })
    await waitFor(() => expect(store.getState().messagesByConversation[1]).toEqual([reply]))
    expect(fake.api.getConversation).toHaveBeenCalledTimes(2)
    // Its reply streams here too.
    expect(store.getState().streaming[1]).toBe(41)
  })

  it('a message this window sends does not read its conversation again', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ id: 1 })] })
    const store = createTestStore(fake)
    await store.getState().init()
    await store.getState().openConversation(1)
    // Main tells every window while the request is still answering.
    const send = fake.api.sendMessage as Mock
    const original = send.getMockImplementation()!
    send.mockImplementationOnce(async (args: never) => {
      await Promise.resolve()
      fake.emitConversationChanged({ conversation: makeConversation({ id: 1 }) })
      return original(args)
    })
    await store.getState().sendMessage('Hello')
    expect(fake.api.getConversation).toHaveBeenCalledTimes(1)
  })

  it('the main window opens what Quick Ask hands over; Quick Ask itself does not', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ id: 3 })] })
    const main = createTestStore(fake)
    const quick = createTestStore(fake)
    quick.getState().setQuickAsk(true)
    await main.getState().init()
    await quick.getState().init()
    fake.emitShowConversation({ conversationId: 3 })
    await waitFor(() => expect(main.getState().activeConversationId).toBe(3))
    expect(quick.getState().activeConversationId).toBeNull()
    await quick.getState().openConversation(3)
    await quick.getState().openInMainWindow()
    expect(fake.api.showInMainWindow).toHaveBeenCalledWith({ conversationId: 3 })
    await quick.getState().setQuickAskPinned(true)
    expect(fake.api.setQuickAskPinned).toHaveBeenCalledWith({ pinned: true })
    expect(quick.getState().quickAskPinned).toBe(true)
  })
})

async function openShortcutSettings() {
  const fake = createFakeApi()
  const store = createTestStore(fake)
  await store.getState().init()
  store.getState().openSettingsAt('shortcuts')
  await renderWithStore(<SettingsDialog />, store)
  const group = (name: string) => screen.getByRole('group', { name })
  return { fake, store, group }
}

describe('Settings → system-wide shortcuts', () => {
  it('shows both shortcuts with their default keys', async () => {
    const { group } = await openShortcutSettings()
    expect(within(group('Quick Ask')).getByText('Alt+Shift+Space')).toBeTruthy()
    expect(within(group('Capture a screen region')).getByText('Alt+Shift+S')).toBeTruthy()
  })

  it('records the keys pressed, and Esc stops recording without closing Settings', async () => {
    const { fake, store, group } = await openShortcutSettings()
    const user = userEvent.setup()
    const record = within(group('Quick Ask')).getByRole('button', { name: 'Record' })
    await user.click(record)
    expect(record.getAttribute('aria-pressed')).toBe('true')
    expect(within(group('Quick Ask')).getByText('Press the keys…')).toBeTruthy()
    fireEvent.keyDown(record, { key: 'Escape', code: 'Escape' })
    expect(store.getState().settingsOpen).toBe(true)
    expect(record.getAttribute('aria-pressed')).toBe('false')

    await user.click(record)
    // A plain letter is no global shortcut: said so, still recording.
    fireEvent.keyDown(record, { key: 'k', code: 'KeyK' })
    expect(within(group('Quick Ask')).getByRole('status').textContent).toMatch(/Add Ctrl, Alt/)
    fireEvent.keyDown(record, { key: 'Control', code: 'ControlLeft', ctrlKey: true })
    fireEvent.keyDown(record, { key: 'k', code: 'KeyK', ctrlKey: true, shiftKey: true })
    await waitFor(() =>
      expect(fake.api.updateSettings).toHaveBeenCalledWith({
        askShortcut: 'CommandOrControl+Shift+K'
      })
    )
    expect(store.getState().settings.askShortcut).toBe('CommandOrControl+Shift+K')
    expect(await within(group('Quick Ask')).findByText('Ctrl+Shift+K')).toBeTruthy()
    expect(fake.api.getShortcutStatus).toHaveBeenCalled()
  })

  it('clears a shortcut', async () => {
    const { fake, group } = await openShortcutSettings()
    await userEvent
      .setup()
      .click(within(group('Capture a screen region')).getByRole('button', { name: 'Clear' }))
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ captureShortcut: '' })
    expect(await within(group('Capture a screen region')).findByText('None')).toBeTruthy()
  })

  it('says when the system refused a shortcut, as main reports it', async () => {
    const { fake, group } = await openShortcutSettings()
    act(() =>
      fake.emitShortcutStatus({
        ask: { accelerator: 'Alt+Shift+Space', state: 'refused' },
        capture: { accelerator: 'Alt+Shift+S', state: 'registered' }
      })
    )
    expect(within(group('Quick Ask')).getByRole('status').textContent).toMatch(
      /refused this shortcut/
    )
    expect(within(group('Capture a screen region')).queryByRole('status')).toBeNull()
  })

  it('the tray setting saves at once', async () => {
    const { fake } = await openShortcutSettings()
    await userEvent
      .setup()
      .click(screen.getByRole('checkbox', { name: /Keep running in the tray/ }))
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ keepInTray: true })
  })
})
