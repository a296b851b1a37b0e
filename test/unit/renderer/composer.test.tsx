// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { DEFAULT_MODEL } from '../../../src/shared/models'
import { Composer } from '../../../src/renderer/src/components/composer/Composer'
import { createFakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

async function setup() {
  const fake = createFakeApi()
  const store = createTestStore(fake)
  await renderWithStore(<Composer />, store)
  const box = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement
  return { fake, store, box, user: userEvent.setup() }
}

describe('Composer', () => {
  it('sends on Enter, once, with the text; then clears the box and keeps focus', async () => {
    const { fake, box, user } = await setup()
    await user.click(box)
    await user.type(box, 'Hello there')
    await user.keyboard('{Enter}')
    expect(fake.api.sendMessage).toHaveBeenCalledTimes(1)
    expect(fake.api.sendMessage).toHaveBeenCalledWith({
      conversationId: null,
      model: DEFAULT_MODEL,
      text: 'Hello there'
    })
    expect(box.value).toBe('')
    expect(document.activeElement).toBe(box)
  })

  it('inserts a newline on Shift+Enter and does not send', async () => {
    const { fake, box, user } = await setup()
    await user.click(box)
    await user.type(box, 'line one')
    await user.keyboard('{Shift>}{Enter}{/Shift}')
    await user.type(box, 'line two')
    expect(box.value).toBe('line one\nline two')
    expect(fake.api.sendMessage).not.toHaveBeenCalled()
  })

  it('does not send on Enter while an IME composition is active', async () => {
    const { fake, box } = await setup()
    fireEvent.change(box, { target: { value: '你好' } })
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', isComposing: true })
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 229 })
    expect(fake.api.sendMessage).not.toHaveBeenCalled()
    expect(box.value).toBe('你好')
    // Once the composition is over, Enter sends.
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 })
    expect(fake.api.sendMessage).toHaveBeenCalledTimes(1)
  })

  it('does not send empty or blank text', async () => {
    const { fake, box, user } = await setup()
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement
    expect(send.disabled).toBe(true)
    await user.click(box)
    await user.keyboard('{Enter}')
    await user.type(box, '   ')
    expect(send.disabled).toBe(true)
    fireEvent.keyDown(box, { key: 'Enter', code: 'Enter' })
    await user.click(send)
    expect(fake.api.sendMessage).not.toHaveBeenCalled()
  })

  it('sends with the Send button too', async () => {
    const { fake, box, user } = await setup()
    await user.type(box, 'Hi')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    expect(fake.api.sendMessage).toHaveBeenCalledTimes(1)
    expect(document.activeElement).toBe(box)
  })

  it('replaces Send with Stop while the reply streams, and blocks sending', async () => {
    const { fake, box, user } = await setup()
    await user.type(box, 'First{Enter}')
    const stop = await screen.findByRole('button', { name: 'Stop' })
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull()
    await user.type(box, 'Second{Enter}')
    expect(fake.api.sendMessage).toHaveBeenCalledTimes(1)
    await user.click(stop)
    expect(fake.api.stopReply).toHaveBeenCalledTimes(1)
  })

  it('gives the text back when the message could not be sent', async () => {
    const { fake, box, user } = await setup()
    vi.mocked(fake.api.sendMessage).mockResolvedValueOnce({
      ok: false,
      error: { code: 'network', message: 'offline' }
    })
    await user.type(box, 'Keep me{Enter}')
    await waitFor(() => expect(box.value).toBe('Keep me'))
  })
})
