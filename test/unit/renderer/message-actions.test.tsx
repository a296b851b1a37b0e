// @vitest-environment jsdom
// The actions on a message (copy, edit, regenerate, continue, delete), the version switcher, the
// reply footer in words and the message shortcuts, over the store and a fake api.
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { App } from '../../../src/renderer/src/App'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import { i18n } from '../../../src/renderer/src/i18n'
import { lastCodeBlock, markdownToPlainText } from '../../../src/renderer/src/lib/plainText'
import { MESSAGE_SHORTCUTS, shortcutOf } from '../../../src/renderer/src/lib/shortcuts'
import { createFakeApi, makeConversation, makeMessage, ok, type FakeApi } from './fake-api'
import { stubListViewports } from './layout'
import { createTestStore, renderWithStore } from './render'
import { afterPaint } from '../../../src/renderer/src/lib/afterPaint'

stubListViewports()

let clipboard: string[]
/** Records what is written to the clipboard (after userEvent.setup(), which puts in its own). */
function recordClipboard(): void {
  clipboard = []
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: vi.fn(async (text: string) => void clipboard.push(text)) }
  })
}
beforeEach(recordClipboard)
afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
})

const CONVERSATION = 7

/** The app with one conversation open, showing `messages` as its path. */
async function openConversation(
  messages: Message[],
  fake: FakeApi = createFakeApi({
    conversations: [makeConversation({ id: CONVERSATION, title: 'Chat' })]
  })
) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
    ok({
      conversation: makeConversation({ id: CONVERSATION, title: 'Chat' }),
      messages,
      hasOlder: false,
      hasNewer: false
    })
  )
  await act(() => store.getState().openConversation(CONVERSATION))
  // The rows beyond the screen (jsdom lays nothing out: all but the last) follow the first paint.
  await act(() => new Promise<void>((done) => afterPaint(done)))
  const user = userEvent.setup()
  recordClipboard()
  return { ...result, store, fake, user }
}

const question = (id: number, content: string, extra: Partial<Message> = {}) =>
  makeMessage({ id, conversationId: CONVERSATION, role: 'user', content, model: null, ...extra })
const answer = (id: number, content: string, extra: Partial<Message> = {}) =>
  makeMessage({
    id,
    conversationId: CONVERSATION,
    content,
    parentId: id - 1,
    finishReason: 'stop',
    ...extra
  })

describe('the reply footer in words', () => {
  async function footer(message: Partial<Message>) {
    const store = createTestStore()
    await store.getState().init()
    const reply = answer(2, 'Answer', message)
    store.setState({ messagesByConversation: { [CONVERSATION]: [reply] } })
    await renderWithStore(<MessageView message={reply} />, store)
    return screen.getByRole('article', { name: 'Assistant' }).querySelector('footer')!
  }

  it('says the length and how long the model thought, never "Finish reason: stop" or "Reasoning 0"', async () => {
    const text = (
      await footer({
        reasoning: 'Hmm',
        reasoningMs: 12_400,
        usage: { promptTokens: 10, completionTokens: 1234, reasoningTokens: 0 }
      })
    ).textContent
    expect(text).toContain('1,234 tokens')
    expect(text).toContain('Thought for 12 s')
    expect(text).not.toMatch(/finish|stop|Reasoning 0/i)
    cleanup()
    expect((await footer({ reasoning: 'Hmm', reasoningMs: 125_000 })).textContent).toContain(
      'Thought for 2 min 5 s'
    )
    cleanup()
    expect((await footer({ reasoning: 'Hmm', reasoningMs: 300 })).textContent).toContain(
      'Thought for less than a second'
    )
    cleanup()
    // No reasoning: nothing about thinking.
    expect(
      (
        await footer({
          reasoningMs: null,
          usage: { promptTokens: 1, completionTokens: 1, reasoningTokens: null }
        })
      ).textContent
    ).toContain('1 token')
  })

  it('explains a cut-off answer with Continue, and a content filter in words', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    await store.getState().init()
    const cut = answer(2, 'Half', { finishReason: 'length' })
    store.setState({ messagesByConversation: { [CONVERSATION]: [cut] } })
    await renderWithStore(<MessageView message={cut} />, store)
    const article = screen.getByRole('article', { name: 'Assistant' })
    expect(article.textContent).toContain('The answer was cut off at the token limit.')
    const buttons = within(article).getAllByRole('button', { name: 'Continue' })
    fireEvent.click(buttons[0])
    await waitFor(() => expect(fake.api.continueReply).toHaveBeenCalledWith({ messageId: 2 }))
    await waitFor(() => expect(store.getState().streaming[CONVERSATION]).toBe(2))
    cleanup()
    expect((await footer({ finishReason: 'content_filter' })).textContent).toContain(
      "The provider's content filter stopped this answer; the rest was withheld."
    )
  })

  it('a reply stopped before anything arrived says so, offers Retry and no Copy (en, zh)', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    await store.getState().init()
    const empty = answer(2, '', { status: 'stopped', finishReason: null, usage: null })
    store.setState({ messagesByConversation: { [CONVERSATION]: [question(1, 'Q'), empty] } })
    await renderWithStore(<MessageView message={empty} />, store)
    const article = screen.getByRole('article', { name: 'Assistant' })
    expect(article.textContent).toContain('Stopped before any answer arrived.')
    expect(article.textContent).not.toContain('the text that arrived is kept')
    expect(within(article).queryByRole('button', { name: 'Copy' })).toBeNull()
    await act(() => i18n.changeLanguage('zh-CN'))
    expect(article.textContent).toContain('在收到任何回答之前已停止。')
    fireEvent.click(within(article).getByRole('button', { name: '重试' }))
    await vi.waitFor(() => expect(fake.api.retryReply).toHaveBeenCalledWith({ messageId: 2 }))
  })

  it('a reply stopped with text keeps saying its text is kept, with Copy', async () => {
    const stopped = await footer({ status: 'stopped', finishReason: null, content: 'Partial' })
    expect(stopped.textContent).toContain('Stopped — the text that arrived is kept.')
    expect(within(stopped).getByRole('button', { name: 'Copy' })).toBeTruthy()
    expect(within(stopped).queryByRole('button', { name: 'Retry' })).toBeNull()
  })

  it('Continue shows the reply streaming at once; an end that beats the answer stays; a refusal puts it back', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    await store.getState().init()
    const cut = answer(2, 'Half', { finishReason: 'length' })
    store.setState({ messagesByConversation: { [CONVERSATION]: [cut] } })
    vi.mocked(fake.api.continueReply).mockImplementationOnce(async () => {
      expect(store.getState().messagesByConversation[CONVERSATION][0].status).toBe('streaming')
      fake.emitDelta({
        conversationId: CONVERSATION,
        messageId: 2,
        content: ' and the rest',
        reasoning: ''
      })
      fake.emitEnded({
        conversationId: CONVERSATION,
        message: answer(2, 'Half and the rest', { finishReason: 'stop' })
      })
      return ok(answer(2, 'Half', { status: 'streaming', finishReason: null }))
    })
    await store.getState().continueReply(2)
    expect(store.getState().messagesByConversation[CONVERSATION][0]).toMatchObject({
      content: 'Half and the rest',
      status: 'done'
    })
    expect(store.getState().streaming[CONVERSATION]).toBeUndefined()

    store.setState({ messagesByConversation: { [CONVERSATION]: [cut] } })
    vi.mocked(fake.api.continueReply).mockResolvedValueOnce({
      ok: false,
      error: { code: 'busy', message: 'busy' }
    })
    await store.getState().continueReply(2)
    expect(store.getState().messagesByConversation[CONVERSATION][0]).toEqual(cut)
    expect(store.getState().streaming[CONVERSATION]).toBeUndefined()
    expect(store.getState().banner?.code).toBe('busy')
  })

  it('reads in Chinese', async () => {
    const store = createTestStore()
    await store.getState().init()
    const reply = answer(2, 'Answer', {
      reasoning: '想',
      reasoningMs: 8_000,
      usage: { promptTokens: 5, completionTokens: 2048, reasoningTokens: 100 }
    })
    store.setState({ messagesByConversation: { [CONVERSATION]: [reply] } })
    await renderWithStore(<MessageView message={reply} />, store)
    await act(() => i18n.changeLanguage('zh-CN'))
    const article = screen.getByRole('article', { name: '助手' })
    expect(article.textContent).toContain('2,048 个 token')
    expect(article.textContent).toContain('思考了 8 秒')
    expect(within(article).getByRole('button', { name: '重新生成' })).toBeTruthy()
    expect(within(article).getByRole('button', { name: '删除消息' })).toBeTruthy()
  })
})

describe('versions', () => {
  it('shows ‹ n / m › and switches to another version through main', async () => {
    const fake = createFakeApi({
      conversations: [makeConversation({ id: CONVERSATION, title: 'Chat' })]
    })
    const { user, store } = await openConversation(
      [question(1, 'Q'), answer(3, 'Second version', { parentId: 1, versions: [2, 3, 4] })],
      fake
    )
    const switcher = screen.getByRole('group', { name: 'Versions' })
    expect(switcher.textContent).toContain('2 / 3')
    expect(switcher.textContent).toContain('Version 2 of 3')
    vi.mocked(fake.api.showVersion).mockResolvedValueOnce(
      ok({
        from: 3,
        messages: [answer(4, 'Third version', { parentId: 1, versions: [2, 3, 4] })],
        hasMore: false
      })
    )
    await user.click(within(switcher).getByRole('button', { name: 'Next version' }))
    expect(fake.api.showVersion).toHaveBeenCalledWith({ messageId: 4 })
    await screen.findByText('Third version')
    expect(screen.getByRole('group', { name: 'Versions' }).textContent).toContain('3 / 3')
    expect(
      (
        within(screen.getByRole('group', { name: 'Versions' })).getByRole('button', {
          name: 'Next version'
        }) as HTMLButtonElement
      ).disabled
    ).toBe(true)
    expect(store.getState().messagesByConversation[CONVERSATION].map((m) => m.id)).toEqual([1, 4])
  })

  it('has no switcher for a message with one version', async () => {
    await openConversation([question(1, 'Q'), answer(2, 'Only')])
    expect(screen.queryByRole('group', { name: 'Versions' })).toBeNull()
  })
})

describe('actions on hover', () => {
  it('every action has a name; regenerate only on the last reply, edit only on questions', async () => {
    await openConversation([
      question(1, 'Q1'),
      answer(2, 'A1'),
      question(3, 'Q2', { parentId: 2 }),
      answer(4, 'A2')
    ])
    const [firstReply, lastReply] = screen.getAllByRole('article', { name: 'Assistant' })
    const [firstQuestion] = screen.getAllByRole('article', { name: 'You' })
    expect(within(lastReply).getByRole('button', { name: 'Regenerate' })).toBeTruthy()
    expect(within(firstReply).queryByRole('button', { name: 'Regenerate' })).toBeNull()
    expect(within(firstQuestion).getByRole('button', { name: 'Edit question' })).toBeTruthy()
    expect(within(firstReply).queryByRole('button', { name: 'Edit question' })).toBeNull()
    for (const article of [firstReply, lastReply, firstQuestion]) {
      expect(within(article).getByRole('button', { name: 'Copy' })).toBeTruthy()
      expect(within(article).getByRole('button', { name: 'Delete message' })).toBeTruthy()
    }
    // Continue only where a reply was cut short.
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull()
  })

  it('copies as Markdown or as plain text', async () => {
    const { user } = await openConversation([
      question(1, 'Q'),
      answer(2, '## Title\n\nHello **world**, see [docs](https://x.dev).')
    ])
    const reply = screen.getByRole('article', { name: 'Assistant' })
    // One click copies the Markdown (issue 15); the menu beside it has plain text too.
    await user.click(within(reply).getByRole('button', { name: 'Copy' }))
    await user.click(within(reply).getByRole('button', { name: 'More ways to copy' }))
    expect(screen.getByRole('menuitem', { name: 'Copy as Markdown' })).toBeTruthy()
    await user.click(screen.getByRole('menuitem', { name: 'Copy as plain text' }))
    await waitFor(() => expect(clipboard).toHaveLength(2))
    expect(clipboard).toEqual([
      '## Title\n\nHello **world**, see [docs](https://x.dev).',
      'Title\n\nHello world, see docs (https://x.dev).'
    ])
  })

  it('regenerates the last reply: the new version replaces it on screen and streams', async () => {
    const { user, fake, store } = await openConversation([question(1, 'Q'), answer(2, 'First try')])
    await user.click(screen.getByRole('button', { name: 'Regenerate' }))
    expect(fake.api.regenerateReply).toHaveBeenCalledWith({ messageId: 2 })
    await waitFor(() => expect(store.getState().streaming[CONVERSATION]).toBe(3))
    expect(store.getState().messagesByConversation[CONVERSATION].map((m) => m.id)).toEqual([1, 3])
    // Once it has ended, its switcher says which version it is.
    act(() =>
      fake.emitEnded({
        conversationId: CONVERSATION,
        message: answer(3, 'Second try', { parentId: 1, versions: [2, 3] })
      })
    )
    expect((await screen.findByRole('group', { name: 'Versions' })).textContent).toContain('2 / 2')
    expect(screen.getByText('Second try')).toBeTruthy()
  })

  it('edits a question in place and sends it as a new version; Esc cancels', async () => {
    const { user, fake, store } = await openConversation([
      question(1, 'Q1'),
      answer(2, 'A1'),
      question(3, 'Old question', { parentId: 2 }),
      answer(4, 'A2')
    ])
    const [, second] = screen.getAllByRole('article', { name: 'You' })
    await user.click(within(second).getByRole('button', { name: 'Edit question' }))
    const editor = screen.getByRole('textbox', {
      name: 'Edit your question'
    }) as HTMLTextAreaElement
    expect(editor.value).toBe('Old question')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('textbox', { name: 'Edit your question' })).toBeNull()

    await user.click(within(second).getByRole('button', { name: 'Edit question' }))
    const again = screen.getByRole('textbox', { name: 'Edit your question' })
    await user.clear(again)
    await user.type(again, 'New question')
    await user.click(screen.getByRole('button', { name: 'Save and send' }))
    expect(fake.api.editMessage).toHaveBeenCalledWith({ messageId: 3, text: 'New question' })
    await waitFor(() => expect(store.getState().editingMessageId).toBeNull())
    const path = store.getState().messagesByConversation[CONVERSATION]
    expect(path.map((m) => m.content).slice(0, 3)).toEqual(['Q1', 'A1', 'New question'])
    expect(path).toHaveLength(4)
    expect(path[3].status).toBe('streaming')
    expect(
      within(screen.getAllByRole('article', { name: 'You' })[1]).getByRole('group', {
        name: 'Versions'
      }).textContent
    ).toContain('2 / 2')
  })

  it('a question left without a reply offers Send again, and asks main for its reply', async () => {
    const { user, fake, store } = await openConversation([
      question(1, 'Q1'),
      answer(2, 'A1'),
      question(3, 'Q2', { parentId: 2 })
    ])
    const [first, second] = screen.getAllByRole('article', { name: 'You' })
    expect(within(first).queryByRole('button', { name: 'Send again' })).toBeNull()
    expect(within(second).getByRole('button', { name: 'Send again' })).toBeTruthy()
    await act(() => i18n.changeLanguage('zh-CN'))
    await user.click(within(second).getByRole('button', { name: '重新发送' }))
    expect(fake.api.regenerateReply).toHaveBeenCalledWith({ messageId: 3 })
    await vi.waitFor(() => expect(store.getState().streaming[CONVERSATION]).toBe(4))
    // The question stays; its reply follows it.
    expect(store.getState().messagesByConversation[CONVERSATION].map((m) => m.id)).toEqual([
      1, 2, 3, 4
    ])
  })

  it('"Save and send" works unchanged on a question without a reply (no new version)', async () => {
    const { user, fake } = await openConversation([question(1, 'Lonely question')])
    await user.click(screen.getByRole('button', { name: 'Edit question' }))
    const send = screen.getByRole('button', { name: 'Save and send' }) as HTMLButtonElement
    expect(send.disabled).toBe(false)
    await user.click(send)
    expect(fake.api.regenerateReply).toHaveBeenCalledWith({ messageId: 1 })
    expect(fake.api.editMessage).not.toHaveBeenCalled()
    expect(screen.queryByRole('textbox', { name: 'Edit your question' })).toBeNull()
  })

  it('deletes a message after confirmation; Cancel keeps it', async () => {
    const { user, fake, store } = await openConversation([
      question(1, 'Q1'),
      answer(2, 'A1'),
      question(3, 'Q2', { parentId: 2 }),
      answer(4, 'A2')
    ])
    const [, second] = screen.getAllByRole('article', { name: 'You' })
    await user.click(within(second).getByRole('button', { name: 'Delete message' }))
    let dialog = screen.getByRole('dialog', { name: 'Delete this question?' })
    expect(dialog.textContent).toContain('its replies and everything after it')
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    expect(fake.api.deleteMessage).not.toHaveBeenCalled()

    await user.click(within(second).getByRole('button', { name: 'Delete message' }))
    dialog = screen.getByRole('dialog', { name: 'Delete this question?' })
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect(fake.api.deleteMessage).toHaveBeenCalledWith({ messageId: 3 })
    await waitFor(() =>
      expect(store.getState().messagesByConversation[CONVERSATION].map((m) => m.id)).toEqual([1, 2])
    )
    expect(screen.queryByRole('dialog')).toBeNull()
  })
})

describe('shortcuts', () => {
  it('are listed for the shortcut sheet, each with a name in both languages', async () => {
    expect(MESSAGE_SHORTCUTS.map((s) => s.action)).toEqual([
      'copyLastAnswer',
      'copyLastCode',
      'regenerate',
      'editLastQuestion'
    ])
    for (const language of ['en', 'zh-CN']) {
      await i18n.changeLanguage(language)
      for (const shortcut of MESSAGE_SHORTCUTS)
        expect(i18n.exists(`shortcuts.${shortcut.action}`)).toBe(true)
    }
    const press = {
      key: 'C',
      code: 'KeyC',
      ctrlKey: true,
      metaKey: false,
      shiftKey: true,
      altKey: false
    }
    expect(shortcutOf(press)?.action).toBe('copyLastAnswer')
    expect(shortcutOf({ ...press, shiftKey: false })).toBeUndefined()
    expect(shortcutOf({ ...press, key: ':', code: 'Semicolon' })?.action).toBe('copyLastCode')
  })

  it('Ctrl+Shift+C copies the last answer, Ctrl+Shift+; its last code block, Ctrl+Shift+G regenerates it', async () => {
    const { user, fake } = await openConversation([
      question(1, 'Q'),
      answer(2, 'Run:\n\n```sh\nnpm test\n```\n')
    ])
    await user.keyboard('{Control>}{Shift>}C{/Shift}{/Control}')
    await waitFor(() => expect(clipboard).toEqual(['Run:\n\n```sh\nnpm test\n```\n']))
    expect(await screen.findByText('Last answer copied')).toBeTruthy()
    fireEvent.keyDown(window, { key: ':', code: 'Semicolon', ctrlKey: true, shiftKey: true })
    await waitFor(() => expect(clipboard).toEqual(['Run:\n\n```sh\nnpm test\n```\n', 'npm test']))
    await user.keyboard('{Control>}{Shift>}G{/Shift}{/Control}')
    expect(fake.api.regenerateReply).toHaveBeenCalledWith({ messageId: 2 })
  })

  it('↑ in an empty message box edits the last question', async () => {
    const { user } = await openConversation([
      question(1, 'First'),
      answer(2, 'A1'),
      question(3, 'Last one', { parentId: 2 }),
      answer(4, 'A2')
    ])
    const composer = screen.getByRole('textbox', { name: 'Message' })
    await user.click(composer)
    await user.type(composer, 'x')
    await user.keyboard('{ArrowUp}')
    expect(screen.queryByRole('textbox', { name: 'Edit your question' })).toBeNull()
    await user.clear(composer)
    await user.keyboard('{ArrowUp}')
    expect(
      (screen.getByRole('textbox', { name: 'Edit your question' }) as HTMLTextAreaElement).value
    ).toBe('Last one')
  })
})

describe('plain text of Markdown', () => {
  it('drops the marks and keeps the words, lists and code', () => {
    expect(
      markdownToPlainText(
        '# Plan\n\n- **Bold** and *italic* and `code`\n1. ~~old~~ new\n\n> quoted\n\n```js\nconst a = 1 * 2\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |'
      )
    ).toBe(
      'Plan\n\n- Bold and italic and code\n1. old new\n\nquoted\n\nconst a = 1 * 2\n\na\tb\n1\t2'
    )
    expect(markdownToPlainText('snake_case_name stays, 2 * 3 * 4 too')).toBe(
      'snake_case_name stays, 2 * 3 * 4 too'
    )
    expect(markdownToPlainText('**加粗**的文字')).toBe('加粗的文字')
  })

  it('finds the last code block, also one left open by a cut-off answer', () => {
    expect(lastCodeBlock('```\na\n```\ntext\n~~~py\nb\n~~~')).toBe('b')
    expect(lastCodeBlock('no code')).toBeNull()
    expect(lastCodeBlock('```\nhalf')).toBe('half')
  })
})
