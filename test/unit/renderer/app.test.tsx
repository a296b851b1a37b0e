// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { createFakeApi, makeConversation, makeMessage, NO_KEY, ok, type FakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

// jsdom does no layout: give the message list and the sidebar a viewport so their virtualizers
// render rows.
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('message-scroll') ||
        this.classList.contains('conversation-nav')
        ? 600
        : 0
    }
  })
})
afterAll(() => {
  // The real getter lives on Element.prototype; removing the override brings it back.
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
})

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

describe('setup screen', () => {
  it('tests the connection and saves base URL then key', async () => {
    const { fake, user } = await renderApp(createFakeApi({ keyStatus: NO_KEY }))
    expect(screen.getByRole('heading', { name: 'Connect to the API' })).toBeTruthy()
    const baseURL = screen.getByRole('textbox', { name: 'Base URL' }) as HTMLInputElement
    expect(baseURL.value).toBe('https://www.anyfast.ai/v1')
    const key = screen.getByLabelText('API key') as HTMLInputElement
    expect(key.type).toBe('password')

    await user.clear(baseURL)
    await user.type(baseURL, 'http://127.0.0.1:9999/v1')
    await user.type(key, 'sk-secret-wxyz')
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    expect(fake.api.testConnection).toHaveBeenCalledWith({
      baseURL: 'http://127.0.0.1:9999/v1',
      key: 'sk-secret-wxyz'
    })
    expect((await screen.findByRole('status')).textContent).toBe('Connected: 10 models available')

    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ baseURL: 'http://127.0.0.1:9999/v1' })
    expect(fake.api.setKey).toHaveBeenCalledWith({ key: 'sk-secret-wxyz' })
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy()
  })

  it('shows the precise failure of a connection test', async () => {
    const fake = createFakeApi({ keyStatus: NO_KEY })
    vi.mocked(fake.api.testConnection).mockResolvedValueOnce({
      ok: false,
      error: { code: 'bad_key', message: 'Incorrect API key provided', status: 401 }
    })
    const { user } = await renderApp(fake)
    await user.type(screen.getByLabelText('API key'), 'sk-wrong')
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The API key was refused by the server.')
    expect(alert.textContent).toContain('Incorrect API key provided')
  })

  it('says plainly when there is no keychain', async () => {
    await renderApp(
      createFakeApi({
        keyStatus: {
          ...NO_KEY,
          keychain: 'unavailable',
          keychainError: 'Secret Service not running'
        }
      })
    )
    expect(
      screen.getByText(
        'No system keychain is available (Secret Service not running). Your key will be kept in memory only until you quit; it is never written to disk.'
      )
    ).toBeTruthy()
  })
})

describe('chat', () => {
  it('lists conversations newest first in the Conversations nav and opens one', async () => {
    const older = makeConversation({ id: 1, title: 'Older', updatedAt: 100 })
    const newer = makeConversation({
      id: 2,
      title: 'Newer',
      updatedAt: 200,
      model: 'glm-4-7-251222'
    })
    const { fake, user } = await renderApp(createFakeApi({ conversations: [newer, older] }))
    const nav = screen.getByRole('navigation', { name: 'Conversations' })
    // Each row is the conversation's button and its actions menu button (under a date group's header).
    const buttons = within(nav)
      .getAllByRole('button')
      .filter((b) => b.classList.contains('conversation-item'))
    expect(buttons.map((b) => b.textContent)).toEqual(['Newer', 'Older'])
    expect(within(nav).getByRole('button', { name: 'Actions for Newer' })).toBeTruthy()

    await user.click(within(nav).getByRole('button', { name: 'Older' }))
    expect(fake.api.getConversation).toHaveBeenCalledWith({ id: 1 })
    expect(within(nav).getByRole('button', { name: 'Older' }).getAttribute('aria-current')).toBe(
      'page'
    )
    expect(
      within(nav).getByRole('button', { name: 'Newer' }).getAttribute('aria-current')
    ).toBeNull()
  })

  it('groups the model picker by family and says what each model accepts', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.listModels).mockResolvedValueOnce(
      ok({
        models: [
          {
            id: 'doubao-seed-1-6-251015',
            family: 'seed-1.6',
            context: 256000,
            image: true,
            video: true,
            thinking: true,
            reasoningEffort: true
          },
          {
            id: 'glm-4-7-251222',
            family: 'glm',
            context: 200000,
            image: false,
            video: false,
            thinking: true,
            reasoningEffort: false
          },
          {
            id: 'doubao-seed-2.0-pro',
            family: 'seed-2.0',
            context: 256000,
            image: true,
            video: true,
            thinking: true,
            reasoningEffort: true
          },
          {
            id: 'deepseek-v3',
            family: 'glm',
            context: 128000,
            image: false,
            video: false,
            thinking: false,
            reasoningEffort: false
          }
        ],
        source: 'provider'
      })
    )
    const { user, store } = await renderApp(fake)
    // With the provider's list and no history, a new chat starts on the newest Seed model.
    const trigger = screen.getByRole('button', { name: 'Model: Doubao Seed 2.0 Pro' })
    await user.click(trigger)
    const list = screen.getByRole('listbox', { name: 'Models' })
    const groups = within(list).getAllByRole('group')
    expect(
      groups.map(
        (g) =>
          g.getAttribute('aria-labelledby') &&
          document.getElementById(g.getAttribute('aria-labelledby')!)?.textContent
      )
    ).toEqual(['Doubao Seed 2.0', 'Doubao Seed 1.6', 'GLM', 'Other'])
    expect(
      screen.getByRole('option', {
        name: 'Doubao Seed 1.6, doubao-seed-1-6-251015, 256K context — text, image, video, thinking, effort levels'
      })
    ).toBeTruthy()
    expect(
      screen.getByRole('option', {
        name: 'GLM 4.7, glm-4-7-251222, 200K context — text, thinking'
      })
    ).toBeTruthy()
    expect(within(groups[3]).getByRole('option').getAttribute('aria-label')).toBe(
      'deepseek-v3, 128K context — text'
    )
    expect(screen.getByRole('option', { selected: true }).getAttribute('aria-label')).toContain(
      'doubao-seed-2.0-pro'
    )

    await user.click(screen.getByRole('option', { name: /glm-4-7-251222/ }))
    expect(screen.queryByRole('listbox')).toBeNull()
    expect(screen.getByRole('button', { name: 'Model: GLM 4.7' })).toBeTruthy()
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
    expect(fake.api.setConversationModel).not.toHaveBeenCalled()
  })

  it('shows both messages at once after sending, then the streamed text', async () => {
    const { fake, user } = await renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Tell me{Enter}')
    expect(await screen.findByRole('article', { name: 'You' })).toBeTruthy()
    const assistant = screen.getByRole('article', { name: 'Assistant' })
    const { conversation, assistantMessage } = (
      (await vi.mocked(fake.api.sendMessage).mock.results[0].value) as {
        value: { conversation: { id: number }; assistantMessage: { id: number } }
      }
    ).value
    await act(async () => {
      fake.emitDelta({
        conversationId: conversation.id,
        messageId: assistantMessage.id,
        content: 'Sure',
        reasoning: ''
      })
      fake.emitDelta({
        conversationId: conversation.id,
        messageId: assistantMessage.id,
        content: ' thing',
        reasoning: ''
      })
    })
    expect(assistant.textContent).toContain('Sure thing')
  })

  it('Esc stops the streaming reply; Ctrl+N starts a new chat', async () => {
    const { fake, user, store } = await renderApp()
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Go{Enter}')
    await screen.findByRole('button', { name: 'Stop' })
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(fake.api.stopReply).toHaveBeenCalledTimes(1)

    expect(store.getState().activeConversationId).not.toBeNull()
    fireEvent.keyDown(window, { key: 'n', ctrlKey: true })
    expect(store.getState().activeConversationId).toBeNull()
  })

  it('shows a failed request in a dismissible banner', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.sendMessage).mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: '' }
    })
    const { user } = await renderApp(fake)
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Go{Enter}')
    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toContain('A reply is already streaming')
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }))
    expect(screen.queryByRole('alert')).toBeNull()
  })
})

describe('settings dialog', () => {
  it('shows only the last four characters of the key and closes on Esc', async () => {
    const { user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    expect(within(dialog).getByRole('combobox', { name: 'Language' })).toBeTruthy()
    await user.click(within(dialog).getByRole('tab', { name: 'Connection' }))
    expect(within(dialog).getByText('A key is set (ends in …abcd)')).toBeTruthy()
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('dialog')).toBeNull()
  })

  it('replaces the key', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    await user.click(within(dialog).getByRole('tab', { name: 'Connection' }))
    await user.click(within(dialog).getByRole('button', { name: 'Replace key' }))
    await user.type(within(dialog).getByLabelText('New API key'), 'sk-new-9876')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(fake.api.setKey).toHaveBeenCalledWith({ key: 'sk-new-9876' })
    expect(await within(dialog).findByText('A key is set (ends in …9876)')).toBeTruthy()
  })

  it('removing the key leads to the setup screen', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await user.click(screen.getByRole('tab', { name: 'Connection' }))
    await user.click(screen.getByRole('button', { name: 'Remove key' }))
    // Asked once more first (issue 15).
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    expect(fake.api.deleteKey).toHaveBeenCalledTimes(1)
    expect(await screen.findByRole('heading', { name: 'Connect to the API' })).toBeTruthy()
  })

  it('switches the language', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh-CN')
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ language: 'zh-CN' })
    expect(await screen.findByRole('dialog', { name: '设置' })).toBeTruthy()
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('saves a new base URL', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await user.click(screen.getByRole('tab', { name: 'Connection' }))
    const field = screen.getByRole('textbox', { name: 'Base URL' })
    await user.clear(field)
    await user.type(field, 'http://127.0.0.1:8080/v1')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ baseURL: 'http://127.0.0.1:8080/v1' })
  })

  it('tests an edited, unsaved base URL only with a key typed for it', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await user.click(screen.getByRole('tab', { name: 'Connection' }))
    const field = screen.getByRole('textbox', { name: 'Base URL' })
    await user.clear(field)
    await user.type(field, 'http://127.0.0.1:8080/v1')
    // Without a key the saved one is not sent along: the dialog asks for it instead.
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Testing a new base URL needs its API key: type it above, then test again.'
    )
    expect(fake.api.testConnection).not.toHaveBeenCalled()

    await user.type(screen.getByLabelText('API key for this base URL'), 'sk-other-1234')
    await user.click(screen.getByRole('button', { name: 'Test connection' }))
    expect(fake.api.testConnection).toHaveBeenCalledWith({
      baseURL: 'http://127.0.0.1:8080/v1',
      key: 'sk-other-1234'
    })
    expect(await screen.findByText('Connected: 10 models available')).toBeTruthy()
    expect(fake.api.updateSettings).not.toHaveBeenCalledWith({
      baseURL: 'http://127.0.0.1:8080/v1'
    })
  })
})

describe('a conversation with history', () => {
  it('renders its messages as articles', async () => {
    const conversation = makeConversation({ id: 4, title: 'History' })
    const fake = createFakeApi({ conversations: [conversation] })
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({
        conversation,
        messages: [
          makeMessage({ id: 40, conversationId: 4, role: 'user', content: 'Question' }),
          makeMessage({ id: 41, conversationId: 4, content: 'Answer' })
        ],
        hasOlder: false,
        hasNewer: false
      })
    )
    const { user } = await renderApp(fake)
    await user.click(screen.getByRole('button', { name: 'History' }))
    expect((await screen.findByRole('article', { name: 'You' })).textContent).toBe('Question')
    expect(screen.getByRole('article', { name: 'Assistant' }).textContent).toContain('Answer')
  })
})
