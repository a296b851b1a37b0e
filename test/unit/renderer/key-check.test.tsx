// @vitest-environment jsdom
// The key is checked before it is saved (GET /models through testConnection): a refused key is
// not stored and the server's reason shows; Remove key asks first; setup puts the language first.
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { createFakeApi, NO_KEY, type FakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

async function renderApp(fake: FakeApi) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

const REFUSED = {
  ok: false as const,
  error: { code: 'bad_key' as const, message: 'Incorrect API key provided', status: 401 }
}

describe('the key checked on save', () => {
  it("setup's Save refuses a wrong key with the server's reason and stores nothing", async () => {
    const fake = createFakeApi({ keyStatus: NO_KEY })
    vi.mocked(fake.api.testConnection).mockResolvedValueOnce(REFUSED)
    const { user } = await renderApp(fake)
    await user.type(screen.getByLabelText('API key'), 'sk-wrong-1234')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(fake.api.testConnection).toHaveBeenCalledWith({
      baseURL: 'https://www.anyfast.ai/v1',
      key: 'sk-wrong-1234'
    })
    expect((await screen.findByRole('alert')).textContent).toContain('Incorrect API key provided')
    expect(fake.api.setKey).not.toHaveBeenCalled()
    expect(fake.api.updateSettings).not.toHaveBeenCalled()
    expect(screen.getByRole('heading', { name: 'Connect to the API' })).toBeTruthy()
    // The form stays as it was, ready for another try.
    expect(screen.getByRole('button', { name: 'Save' })).toHaveProperty('disabled', false)
  })

  it("setup's Save stores a key the server accepts", async () => {
    const { fake, user } = await renderApp(createFakeApi({ keyStatus: NO_KEY }))
    await user.type(screen.getByLabelText('API key'), 'sk-right-1234')
    await user.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy()
    expect(fake.api.setKey).toHaveBeenCalledWith({ key: 'sk-right-1234' })
  })

  it("Settings' Replace key refuses a wrong key with the server's reason", async () => {
    const fake = createFakeApi()
    const { user } = await renderApp(fake)
    vi.mocked(fake.api.testConnection).mockResolvedValueOnce(REFUSED)
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    await user.click(within(dialog).getByRole('tab', { name: 'Connection' }))
    await user.click(within(dialog).getByRole('button', { name: 'Replace key' }))
    await user.type(within(dialog).getByLabelText('New API key'), 'sk-wrong-9876')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    // The saved base URL is used: only the key is named.
    expect(fake.api.testConnection).toHaveBeenCalledWith({ key: 'sk-wrong-9876' })
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'Incorrect API key provided'
    )
    expect(fake.api.setKey).not.toHaveBeenCalled()
    expect(within(dialog).getByText('A key is set (ends in …abcd)')).toBeTruthy()
  })

  it('Remove key asks first; Cancel keeps the key', async () => {
    const { fake, user } = await renderApp(createFakeApi())
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    await user.click(screen.getByRole('tab', { name: 'Connection' }))
    await user.click(screen.getByRole('button', { name: 'Remove key' }))
    const question = screen.getByRole('group', { name: 'Remove key' })
    expect(question.textContent).toContain('Remove the saved key?')
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }))
    await user.click(within(question).getByRole('button', { name: 'Cancel' }))
    expect(fake.api.deleteKey).not.toHaveBeenCalled()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove key' }))
  })

  it('the setup screen asks for the language before the fields', async () => {
    await renderApp(createFakeApi({ keyStatus: NO_KEY }))
    const language = screen.getByRole('combobox', { name: 'Language' })
    const baseURL = screen.getByRole('textbox', { name: 'Base URL' })
    expect(
      language.compareDocumentPosition(baseURL) & Node.DOCUMENT_POSITION_FOLLOWING
    ).toBeTruthy()
  })
})
