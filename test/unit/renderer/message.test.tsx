// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AppErrorInfo } from '../../../src/shared/errors'
import type { Message } from '../../../src/shared/types'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import { createFakeApi, makeConversation, makeMessage, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

/** Renders a message inside a started chat (where "Open settings" can open the dialog). */
/** Renders a message of its conversation, followed by `later` ones. */
async function renderMessage(message: Message, later: Message[] = []) {
  const store = createTestStore()
  await store.getState().init()
  store.setState({ messagesByConversation: { [message.conversationId]: [message, ...later] } })
  return renderWithStore(<MessageView message={message} />, store)
}

function failed(error: AppErrorInfo, content = ''): Message {
  return makeMessage({ status: 'error', content, error })
}

describe('MessageView', () => {
  it('labels user and assistant messages', async () => {
    await renderMessage(makeMessage({ role: 'user', content: 'Hi <b>there</b>' }))
    const article = screen.getByRole('article', { name: 'You' })
    // The user's own text is shown as typed, not as Markdown or HTML.
    expect(article.textContent).toBe('Hi <b>there</b>')
    cleanup()
    await renderMessage(makeMessage({ content: '**bold**' }))
    expect(
      screen.getByRole('article', { name: 'Assistant' }).querySelector('strong')?.textContent
    ).toBe('bold')
  })

  it('shows reasoning in a Thinking section, open while only reasoning has arrived', async () => {
    const streaming = makeMessage({ status: 'streaming', reasoning: 'Considering…' })
    const { rerender } = await renderMessage(streaming)
    const details = screen.getByText('Thinking').closest('details')!
    expect(details.open).toBe(true)
    // The answer starts: it folds away by itself.
    rerender(<MessageView message={{ ...streaming, content: 'Answer' }} />)
    expect(details.open).toBe(false)
    // The user can open it again.
    fireEvent.click(screen.getByText('Thinking'))
    expect(details.open).toBe(true)
    expect(details.textContent).toContain('Considering…')
  })

  it('has no Thinking section without reasoning', async () => {
    await renderMessage(makeMessage({ content: 'Plain' }))
    expect(screen.queryByText('Thinking')).toBeNull()
  })

  it('shows the length in tokens, with the breakdown on hover, and no finish reason when it ended normally', async () => {
    await renderMessage(
      makeMessage({
        content: 'Done',
        finishReason: 'stop',
        usage: { promptTokens: 12, completionTokens: 34, reasoningTokens: 5 }
      })
    )
    expect(screen.getByText('34 tokens').closest('[title]')?.getAttribute('title')).toBe(
      'Prompt: 12 tokens · Answer: 34 tokens · of which reasoning: 5'
    )
    expect(screen.queryByText(/stop/)).toBeNull()
    cleanup()
    await renderMessage(
      makeMessage({
        content: 'Done',
        usage: { promptTokens: 1, completionTokens: 2, reasoningTokens: null }
      })
    )
    expect(screen.getByText('2 tokens').closest('[title]')?.getAttribute('title')).toBe(
      'Prompt: 1 tokens · Answer: 2 tokens'
    )
  })

  it('says when an answer was cut off, stopped or interrupted', async () => {
    await renderMessage(makeMessage({ content: 'Long', finishReason: 'length' }))
    expect(screen.getByText('The answer was cut off at the token limit.')).toBeTruthy()
    cleanup()
    await renderMessage(makeMessage({ content: 'Part', status: 'stopped' }))
    expect(screen.getByText('Stopped — the text that arrived is kept.')).toBeTruthy()
    cleanup()
    await renderMessage(makeMessage({ content: 'Part', status: 'interrupted' }))
    expect(screen.getByText('The app closed while this reply was streaming.')).toBeTruthy()
  })

  it('explains errors in words, keeping the partial text above them', async () => {
    await renderMessage(
      failed({ code: 'stream_interrupted', message: 'socket hang up' }, 'Partial answer')
    )
    const article = screen.getByRole('article', { name: 'Assistant' })
    const alert = within(article).getByRole('alert')
    expect(alert.textContent).toContain('The connection broke mid-reply; what arrived is kept.')
    expect(article.textContent!.indexOf('Partial answer')).toBeLessThan(
      article.textContent!.indexOf('connection broke')
    )
    expect(within(alert).getByRole('button', { name: 'Retry' })).toBeTruthy()
  })

  it.each([
    [
      { code: 'bad_key', message: 'Unauthorized', status: 401 },
      'The API key was refused by the server.',
      'Open settings'
    ],
    [{ code: 'no_key', message: '' }, 'No API key is set.', 'Open settings'],
    [
      { code: 'server', message: 'upstream', status: 502 },
      'The provider’s server ran into a problem of its own; your settings are fine.',
      'Retry'
    ],
    [
      { code: 'network', message: 'ECONNREFUSED' },
      'Could not reach the server. Check your connection and the base URL.',
      'Retry'
    ],
    [{ code: 'stalled', message: '' }, 'The server stopped sending.', 'Retry'],
    [
      { code: 'rate_limited', message: '', retryAfterSeconds: 30 },
      'Too many requests for now. Wait 30 seconds, then retry.',
      'Retry'
    ],
    [
      { code: 'rate_limited', message: '' },
      'Too many requests for now. Wait a moment, then retry.',
      'Retry'
    ]
  ] as Array<[AppErrorInfo, string, string]>)(
    'error %o reads "%s" with "%s"',
    async (error, text, action) => {
      await renderMessage(failed(error))
      const alert = screen.getByRole('alert')
      expect(alert.textContent).toContain(text)
      expect(within(alert).getByRole('button', { name: action })).toBeTruthy()
    }
  )

  it('offers Retry only on the last reply of a conversation', async () => {
    const older = failed({ code: 'server', message: 'upstream', status: 502 })
    await renderMessage(older, [makeMessage({ id: older.id + 1, role: 'user', content: 'next' })])
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain(
      'The provider’s server ran into a problem of its own; your settings are fine.'
    )
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  it('shows the server message for model_unavailable and bad_request', async () => {
    await renderMessage(
      failed({ code: 'model_unavailable', message: 'model not open', status: 404 })
    )
    let alert = screen.getByRole('alert')
    expect(alert.textContent).toContain(
      'This model is not available to your API key: the provider does not offer it, or your account may not use it. Pick another model.'
    )
    expect(alert.textContent).toContain('model not open')
    expect(within(alert).queryByRole('button', { name: 'Retry' })).toBeNull()
    cleanup()
    await renderMessage(
      failed({ code: 'bad_request', message: 'max_tokens too large', status: 400 })
    )
    alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('The server refused the request: max_tokens too large')
  })

  it('Retry asks main for a new reply; Open settings opens the settings', async () => {
    const fake = createFakeApi({ conversations: [makeConversation({ id: 1 })] })
    const store = createTestStore(fake)
    const message = failed({ code: 'server', message: '', status: 500 })
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({
        conversation: makeConversation({ id: 1 }),
        messages: [message],
        hasOlder: false,
        hasNewer: false
      })
    )
    await store.getState().init()
    await store.getState().openConversation(1)
    await renderWithStore(<MessageView message={message} />, store)
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(fake.api.retryReply).toHaveBeenCalledWith({ messageId: message.id })
    cleanup()
    await renderWithStore(<MessageView message={failed({ code: 'bad_key', message: '' })} />, store)
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }))
    expect(store.getState().settingsOpen).toBe(true)
  })
})
