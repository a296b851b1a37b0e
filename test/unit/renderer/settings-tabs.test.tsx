// @vitest-environment jsdom
// Settings as a tabbed window: tabs with arrow keys, one panel at a time, opened on the last tab.
import { cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { SettingsDialog } from '../../../src/renderer/src/components/settings/SettingsDialog'
import { createFakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

async function openSettings() {
  const store = createTestStore(createFakeApi())
  await store.getState().init()
  store.getState().openSettings()
  await renderWithStore(<SettingsDialog />, store)
  return { store, dialog: screen.getByRole('dialog', { name: 'Settings' }) }
}

describe('the settings window', () => {
  it('has six tabs, the selected one focused, its panel named by it', async () => {
    const { dialog } = await openSettings()
    const tabs = within(dialog).getAllByRole('tab')
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'General',
      'Connection',
      'Models & parameters',
      'Presets',
      'History & backups',
      'Shortcuts'
    ])
    expect(within(dialog).getByRole('tablist', { name: 'Settings' })).toBeTruthy()
    expect(document.activeElement).toBe(tabs[0])
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1, -1, -1, -1])
    const panel = within(dialog).getByRole('tabpanel', { name: 'General' })
    expect(within(panel).getByRole('combobox', { name: 'Language' })).toBeTruthy()
    expect(within(panel).getByRole('group', { name: 'Theme' })).toBeTruthy()
    expect(within(panel).getByRole('checkbox', { name: /updates/ })).toBeTruthy()
  })

  it('moves between tabs with the arrow keys, Home and End, and wraps around', async () => {
    const { dialog, store } = await openSettings()
    const user = userEvent.setup()
    await user.keyboard('{ArrowDown}')
    expect(document.activeElement?.textContent).toBe('Connection')
    expect(within(dialog).getByRole('tabpanel', { name: 'Connection' })).toBeTruthy()
    expect(within(dialog).getByRole('textbox', { name: 'Base URL' })).toBeTruthy()
    await user.keyboard('{ArrowUp}{ArrowUp}')
    expect(document.activeElement?.textContent).toBe('Shortcuts')
    const shortcuts = within(dialog).getByRole('tabpanel', { name: 'Shortcuts' })
    expect(within(shortcuts).getByText('Open settings')).toBeTruthy()
    await user.keyboard('{Home}')
    expect(store.getState().settingsTab).toBe('general')
    await user.keyboard('{End}{ArrowRight}')
    expect(store.getState().settingsTab).toBe('general')
    await user.click(within(dialog).getByRole('tab', { name: 'Models & parameters' }))
    expect(within(dialog).getByRole('button', { name: 'Save defaults' })).toBeTruthy()
    expect(
      within(dialog).getByRole('tab', { name: 'Models & parameters' }).getAttribute('aria-selected')
    ).toBe('true')
  })

  it('opens again on the tab last used; an error’s Open Settings goes to Connection', async () => {
    const { store } = await openSettings()
    const user = userEvent.setup()
    await user.click(screen.getByRole('tab', { name: 'Presets' }))
    store.getState().closeSettings()
    cleanup()
    store.getState().openSettings()
    await renderWithStore(<SettingsDialog />, store)
    expect(screen.getByRole('tab', { name: 'Presets', selected: true })).toBeTruthy()
    expect(
      screen.getByText('No presets yet. Save one from a conversation’s Parameters.')
    ).toBeTruthy()
    store.getState().closeSettings()
    store.getState().openSettingsAt('connection')
    expect(store.getState().settingsTab).toBe('connection')
  })
})
