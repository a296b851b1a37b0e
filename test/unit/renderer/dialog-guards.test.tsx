// @vitest-environment jsdom
// Edits in a dialog are not lost behind its back (issue 15, bugs 2 and 3): window shortcuts do not
// act while Parameters is open, and Escape with an unsaved base URL in Settings warns first.
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { i18n } from '../../../src/renderer/src/i18n'
import { createFakeApi, makeConversation, type FakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
})

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

describe('window shortcuts behind a dialog', () => {
  it('Ctrl+N, Ctrl+K, Ctrl+, and Ctrl+Shift+S do nothing while Parameters is open', async () => {
    const conversation = makeConversation({ id: 3, title: 'Open one' })
    const { store, user } = await renderApp(createFakeApi({ conversations: [conversation] }))
    await act(() => store.getState().openConversation(3))
    await user.click(screen.getByRole('button', { name: 'Parameters' }))
    const panel = screen.getByRole('dialog', { name: 'Parameters' })
    const temperature = within(panel).getByRole('textbox', { name: /Temperature/ })
    await user.clear(temperature)
    await user.type(temperature, '0.3')

    await user.keyboard('{Control>}n{/Control}')
    await user.keyboard('{Control>}k{/Control}')
    await user.keyboard('{Control>},{/Control}')
    await user.keyboard('{Control>}{Shift>}s{/Shift}{/Control}')

    const state = store.getState()
    expect(state.activeConversationId).toBe(3)
    expect(state.search.open).toBe(false)
    expect(state.settingsOpen).toBe(false)
    expect(state.sidebarOpen).toBe(true)
    expect(screen.getAllByRole('dialog')).toHaveLength(1)
    expect(
      (within(panel).getByRole('textbox', { name: /Temperature/ }) as HTMLInputElement).value
    ).toBe('0.3')

    // The dialog's own key still works: Esc closes it, and then the window's shortcuts do again.
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog', { name: 'Parameters' })).toBeNull()
    await user.keyboard('{Control>}k{/Control}')
    expect(store.getState().search.open).toBe(true)
  })
})

describe('Escape in Settings with an edited, unsaved base URL', () => {
  it.each([
    ['en', 'This base URL is not saved yet. Save it, or close Settings again to discard it.'],
    ['zh-CN', '这个基础 URL 尚未保存。请保存，或再次关闭设置以放弃修改。']
  ])(
    'warns first (%s), keeps the draft, and discards it on the second Escape',
    async (language, warning) => {
      const { store, user } = await renderApp()
      await act(() => i18n.changeLanguage(language))
      await act(() => store.getState().openSettingsAt('connection'))
      const field = screen.getByRole('textbox', {
        name: language === 'en' ? 'Base URL' : '基础 URL'
      })
      await user.clear(field)
      await user.type(field, 'https://other.example/v1')

      await user.keyboard('{Escape}')
      expect(store.getState().settingsOpen).toBe(true)
      expect(screen.getByRole('alert').textContent).toBe(warning)
      expect((field as HTMLInputElement).value).toBe('https://other.example/v1')

      await user.keyboard('{Escape}')
      expect(store.getState().settingsOpen).toBe(false)
      await act(() => store.getState().openSettings())
      const reopened = screen.getByRole('textbox', {
        name: language === 'en' ? 'Base URL' : '基础 URL'
      })
      expect((reopened as HTMLInputElement).value).toBe(store.getState().settings.baseURL)
      expect(screen.queryByRole('alert')).toBeNull()
    }
  )

  it('closes at once when the base URL is unchanged', async () => {
    const { store, user } = await renderApp()
    await act(() => store.getState().openSettings())
    await user.keyboard('{Escape}')
    expect(store.getState().settingsOpen).toBe(false)
  })
})
