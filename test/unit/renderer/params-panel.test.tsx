// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Conversation, Message } from '../../../src/shared/types'
import { DEFAULT_MODEL } from '../../../src/shared/models'
import { i18n } from '../../../src/renderer/src/i18n'
import { ChatPane } from '../../../src/renderer/src/components/chat/ChatPane'
import { ContextMeter } from '../../../src/renderer/src/components/composer/ContextMeter'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import {
  DefaultParamsSection,
  PresetsSection
} from '../../../src/renderer/src/components/settings/ParamsSettings'
import { PresetMenu } from '../../../src/renderer/src/components/params/PresetMenu'
import { ReplyParams } from '../../../src/renderer/src/components/params/ReplyParams'
import { createFakeApi, makeConversation, makeMessage, ok, type FakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

/** The chat pane with `conversation` open (or a new chat), over a started store. */
async function openChat(
  conversation: Conversation | null,
  fake: FakeApi = createFakeApi({ conversations: conversation ? [conversation] : [] })
) {
  const store = createTestStore(fake)
  await store.getState().init()
  if (conversation) await store.getState().openConversation(conversation.id)
  await renderWithStore(<ChatPane />, store)
  return { fake, store, user: userEvent.setup() }
}

async function openPanel(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Parameters' }))
  return screen.getByRole('dialog', { name: 'Parameters' })
}

describe('Parameters panel', () => {
  it('offers thinking and effort only where the model takes them; with thinking off only Minimal', async () => {
    const { user, store } = await openChat(
      makeConversation({ id: 5, model: 'doubao-seed-2.0-pro' })
    )
    let panel = await openPanel(user)
    const effort = within(panel).getByRole('combobox', { name: 'Reasoning effort' })
    expect(
      within(effort)
        .getAllByRole('option')
        .map((o) => o.textContent)
    ).toEqual(['Default', 'Minimal', 'Low', 'Medium', 'High'])
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Thinking' }), 'disabled')
    expect(
      within(effort)
        .getAllByRole('option')
        .map((o) => o.textContent)
    ).toEqual(['Default', 'Minimal'])
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }))

    // A model without reasoning_effort: the field is not offered, and the panel says why.
    await act(() => store.getState().selectModel('doubao-seed-1-6-flash-250828'))
    panel = await openPanel(user)
    expect(within(panel).queryByRole('combobox', { name: 'Reasoning effort' })).toBeNull()
    expect(within(panel).getByRole('combobox', { name: 'Thinking' })).toBeTruthy()
    expect(
      within(panel).getByText('Doubao Seed 1.6 Flash does not take a reasoning effort.')
    ).toBeTruthy()
  })

  it('shows a message next to an invalid field and saves nothing', async () => {
    const { user, fake } = await openChat(makeConversation({ id: 6 }))
    const panel = await openPanel(user)
    const temperature = within(panel).getByRole('textbox', { name: /Temperature/ })
    await user.type(temperature, '3')
    expect(temperature.getAttribute('aria-invalid')).toBe('true')
    const message = within(panel).getByText('Enter a number from 0 to 2.')
    expect(temperature.getAttribute('aria-describedby')).toBe(message.id)
    await user.type(within(panel).getByRole('textbox', { name: /Max output/ }), '1.5')
    expect(within(panel).getByText('Enter a whole number from 1 to 65,536.')).toBeTruthy()
    await user.click(within(panel).getByRole('button', { name: 'Add stop sequence' }))
    expect(
      within(panel).getByText('Each stop sequence needs at least one character (at most 4).')
    ).toBeTruthy()
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(fake.api.setConversationParams).not.toHaveBeenCalled()
    expect(screen.getByRole('dialog', { name: 'Parameters' })).toBeTruthy()
  })

  it('saves exactly the fields set: an emptied field or a Default choice is absent', async () => {
    const conversation = makeConversation({
      id: 7,
      model: 'doubao-seed-2.0-pro',
      params: { temperature: 1.2, topP: 0.5, thinking: 'enabled' }
    })
    const { user, fake, store } = await openChat(conversation)
    const panel = await openPanel(user)
    // The saved values are in the form.
    const topP = within(panel).getByRole('textbox', { name: /Top P/ }) as HTMLInputElement
    expect(topP.value).toBe('0.5')
    await user.clear(topP)
    const temperature = within(panel).getByRole('textbox', { name: /Temperature/ })
    await user.clear(temperature)
    await user.type(temperature, '0.3')
    await user.type(within(panel).getByRole('textbox', { name: /Max output/ }), '512')
    await user.type(
      within(panel).getByRole('textbox', { name: 'System prompt' }),
      'Answer in French.'
    )
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Thinking' }), '')
    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'Reasoning effort' }),
      'high'
    )
    await user.click(within(panel).getByRole('button', { name: 'Add stop sequence' }))
    await user.type(within(panel).getByRole('textbox', { name: 'Stop sequence 1' }), 'END')
    await user.selectOptions(
      within(panel).getByRole('combobox', { name: 'History to send' }),
      'last'
    )
    const turns = within(panel).getByRole('textbox', { name: 'Number of turns' })
    await user.clear(turns)
    await user.type(turns, '3')
    await user.click(within(panel).getByRole('button', { name: 'Save' }))

    expect(fake.api.setConversationParams).toHaveBeenCalledTimes(1)
    // Strictly: a field left at Default is absent, not present as undefined.
    expect(vi.mocked(fake.api.setConversationParams).mock.calls[0][0]).toStrictEqual({
      id: 7,
      params: {
        systemPrompt: 'Answer in French.',
        temperature: 0.3,
        maxTokens: 512,
        stop: ['END'],
        reasoningEffort: 'high',
        historyTurns: 3
      }
    })
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(store.getState().conversations[0].params).toMatchObject({ temperature: 0.3 })
    // The header shows the new values as chips.
    const chips = screen.getByRole('list', { name: 'Parameters that are not default' })
    expect(
      within(chips)
        .getAllByRole('listitem')
        .map((chip) => chip.textContent)
    ).toEqual([
      'System prompt',
      'Temperature 0.3',
      'Max output 512 tokens',
      '1 stop sequence',
      'Reasoning effort: high',
      'History: last 3 turns'
    ])
  })

  it('says which saved parameters the model refuses, and Save drops them', async () => {
    const conversation = makeConversation({
      id: 11,
      model: 'glm-4-7-251222',
      params: { reasoningEffort: 'high', temperature: 0.4 }
    })
    const { user, fake } = await openChat(conversation)
    const panel = await openPanel(user)
    expect(
      within(panel).getByText(
        'GLM 4.7 does not take the saved Reasoning effort: it is not offered here, and Save removes it.'
      )
    ).toBeTruthy()
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(vi.mocked(fake.api.setConversationParams).mock.calls[0][0]).toStrictEqual({
      id: 11,
      params: { temperature: 0.4 }
    })
  })

  it('Reset all to Default saves no parameters at all', async () => {
    const { user, fake } = await openChat(
      makeConversation({ id: 8, params: { temperature: 1.5, maxTokens: 100, historyTurns: 4 } })
    )
    const panel = await openPanel(user)
    await user.click(within(panel).getByRole('button', { name: 'Reset all to Default' }))
    expect(
      (within(panel).getByRole('combobox', { name: 'History to send' }) as HTMLSelectElement).value
    ).toBe('all')
    expect(within(panel).queryByRole('textbox', { name: 'Number of turns' })).toBeNull()
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(vi.mocked(fake.api.setConversationParams).mock.calls[0][0]).toStrictEqual({
      id: 8,
      params: {}
    })
    expect(screen.queryByRole('list', { name: 'Parameters that are not default' })).toBeNull()
  })

  it('for a new chat, edits the draft that goes with the first message', async () => {
    const { user, fake, store } = await openChat(null)
    const panel = await openPanel(user)
    await user.type(within(panel).getByRole('textbox', { name: /Temperature/ }), '0.7')
    await user.selectOptions(within(panel).getByRole('combobox', { name: 'Thinking' }), 'disabled')
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(fake.api.setConversationParams).not.toHaveBeenCalled()
    expect(store.getState().draftParams).toEqual({ temperature: 0.7, thinking: 'disabled' })

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}')
    expect(vi.mocked(fake.api.sendMessage).mock.calls[0][0]).toStrictEqual({
      conversationId: null,
      model: DEFAULT_MODEL,
      text: 'Hi',
      params: { temperature: 0.7, thinking: 'disabled' }
    })
    // The conversation has them now; the next new chat starts from the defaults again.
    expect(store.getState().draftParams).toBeNull()
  })

  it('a new chat shows Settings defaults as chips until its own are chosen', async () => {
    const fake = createFakeApi()
    await fake.api.updateSettings({ defaultParams: { maxTokens: 256 } })
    await openChat(null, fake)
    const chips = screen.getByRole('list', { name: 'Parameters that are not default' })
    expect(chips.textContent).toBe('Max output 256 tokens')
    // Without a choice the first message carries no params: main applies the defaults.
    await userEvent.setup().type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}')
    expect(vi.mocked(fake.api.sendMessage).mock.calls[0][0]).toStrictEqual({
      conversationId: null,
      model: DEFAULT_MODEL,
      text: 'Hi'
    })
  })

  it('saves the form as a named preset with the model', async () => {
    const { user, fake } = await openChat(
      makeConversation({ id: 9, model: 'doubao-seed-2.0-lite' })
    )
    const panel = await openPanel(user)
    await user.type(within(panel).getByRole('textbox', { name: /Temperature/ }), '0.2')
    await user.click(within(panel).getByRole('button', { name: 'Save as preset…' }))
    await user.type(within(panel).getByRole('textbox', { name: 'Preset name' }), 'Careful{Enter}')
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      presets: [
        {
          id: expect.stringMatching(/^user:/),
          name: 'Careful',
          model: 'doubao-seed-2.0-lite',
          params: { temperature: 0.2 }
        }
      ]
    })
    expect(within(panel).getByRole('status').textContent).toBe('Saved as preset “Careful”.')
    // Enter in the name saved the preset, not the parameters.
    expect(fake.api.setConversationParams).not.toHaveBeenCalled()
  })
})

describe('Presets', () => {
  it('a new chat starts from a built-in preset: its parameters, fitted to the model', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    await store.getState().init()
    const user = userEvent.setup()
    await renderWithStore(<PresetMenu />, store)
    await user.click(screen.getByRole('button', { name: 'Start from a preset' }))
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      'Translate Chinese ⇄ English',
      'Code reviewer',
      'Concise answers',
      'Deep thinking'
    ])
    await user.click(screen.getByRole('menuitem', { name: 'Deep thinking' }))
    expect(store.getState().draftParams).toEqual({ thinking: 'enabled', reasoningEffort: 'high' })

    // On a model without reasoning_effort the effort is left out.
    await store.getState().selectModel('doubao-seed-1-6-flash-250828')
    await user.click(screen.getByRole('button', { name: 'Start from a preset' }))
    await user.click(screen.getByRole('menuitem', { name: 'Deep thinking' }))
    expect(store.getState().draftParams).toEqual({ thinking: 'enabled' })
  })

  it('a user preset sets the model too; built-ins follow the UI language', async () => {
    const fake = createFakeApi()
    await fake.api.updateSettings({
      language: 'zh-CN',
      presets: [
        { id: 'user:1', name: '我的', model: 'glm-4-7-251222', params: { temperature: 0.1 } }
      ]
    })
    const store = createTestStore(fake)
    await store.getState().init()
    const user = userEvent.setup()
    await renderWithStore(<PresetMenu />, store)
    await act(() => i18n.changeLanguage('zh-CN'))
    await user.click(screen.getByRole('button', { name: '从预设开始' }))
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      '中英互译',
      '代码审查',
      '简洁回答',
      '深度思考',
      '我的'
    ])
    await user.click(screen.getByRole('menuitem', { name: '我的' }))
    expect(store.getState().draftModel).toBe('glm-4-7-251222')
    expect(store.getState().draftParams).toEqual({ temperature: 0.1 })
    await act(() => i18n.changeLanguage('en'))
  })

  it('Settings lists the user presets, and deletes one', async () => {
    const fake = createFakeApi()
    const kept = { id: 'user:a', name: 'Kept', model: null, params: { maxTokens: 64 } }
    await fake.api.updateSettings({
      presets: [{ id: 'user:b', name: 'Gone', model: 'glm-4-7-251222', params: {} }, kept]
    })
    const store = createTestStore(fake)
    await store.getState().init()
    await renderWithStore(<PresetsSection />, store)
    const list = screen.getByRole('list', { name: 'My presets' })
    expect(
      within(list)
        .getAllByRole('listitem')
        .filter((item) => item.className === 'preset-item')
    ).toHaveLength(2)
    await userEvent.setup().click(screen.getByRole('button', { name: 'Delete preset Gone' }))
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ presets: [kept] })
    expect(screen.queryByText('Gone')).toBeNull()
    expect(screen.getByText('Kept')).toBeTruthy()
  })
})

describe('Settings: default parameters', () => {
  it('edits defaultParams with the same form, every field offered', async () => {
    const fake = createFakeApi()
    await fake.api.updateSettings({ defaultParams: { temperature: 0.5 } })
    const store = createTestStore(fake)
    await store.getState().init()
    const user = userEvent.setup()
    await renderWithStore(<DefaultParamsSection />, store)
    const temperature = screen.getByRole('textbox', { name: /Temperature/ }) as HTMLInputElement
    expect(temperature.value).toBe('0.5')
    expect(screen.getByRole('combobox', { name: 'Reasoning effort' })).toBeTruthy()
    await user.clear(temperature)
    await user.type(screen.getByRole('textbox', { name: /Top P/ }), '2')
    const before = vi.mocked(fake.api.updateSettings).mock.calls.length
    await user.click(screen.getByRole('button', { name: 'Save defaults' }))
    expect(vi.mocked(fake.api.updateSettings).mock.calls.length).toBe(before)
    expect(screen.getByText('Enter a number from 0 to 1.')).toBeTruthy()
    await user.clear(screen.getByRole('textbox', { name: /Top P/ }))
    await user.type(screen.getByRole('textbox', { name: /Top P/ }), '0.8')
    await user.click(screen.getByRole('button', { name: 'Save defaults' }))
    expect(vi.mocked(fake.api.updateSettings).mock.lastCall?.[0]).toStrictEqual({
      defaultParams: { topP: 0.8 }
    })
    expect(store.getState().settings.defaultParams).toEqual({ topP: 0.8 })
    expect(screen.getByRole('status').textContent).toBe('Saved.')
  })
})

describe('A reply’s parameters', () => {
  it('are shown on hover and named for screen readers', async () => {
    await renderWithStore(
      <ReplyParams params={{ temperature: 0.3, thinking: 'disabled', historyTurns: 1 }} />
    )
    const info = screen.getByRole('img', {
      name: 'Made with: Temperature 0.3, Thinking off, History: last turn'
    })
    expect(info.getAttribute('title')).toBe(
      'Made with: Temperature 0.3, Thinking off, History: last turn'
    )
  })

  it('show nothing for a reply made with defaults or an older reply', async () => {
    const { container } = await renderWithStore(
      <>
        <ReplyParams params={null} />
        <ReplyParams params={{}} />
      </>
    )
    expect(container.textContent).toBe('')
    expect(screen.queryByRole('img')).toBeNull()
  })

  it('sit in the reply footer', async () => {
    const message = makeMessage({
      content: 'Hi',
      params: { maxTokens: 10 },
      usage: { promptTokens: 1, completionTokens: 2, reasoningTokens: null }
    })
    await renderWithStore(<MessageView message={message} />)
    expect(screen.getByRole('img', { name: 'Made with: Max output 10 tokens' })).toBeTruthy()
  })
})

describe('Context estimate', () => {
  async function meter(messages: Message[], draft: string, params: Conversation['params'] = {}) {
    const conversation = makeConversation({ id: 40, model: 'glm-4-7-251222', params })
    const fake = createFakeApi({ conversations: [conversation] })
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({ conversation, messages, hasOlder: false, hasNewer: false })
    )
    const store = createTestStore(fake)
    await store.getState().init()
    await store.getState().openConversation(40)
    return renderWithStore(<ContextMeter draftText={draft} />, store)
  }

  it('is not read out below half of the context (a quiet share only)', async () => {
    await meter([], 'x'.repeat(399_000))
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows the share from half, and warns past 90% (glm: 200k tokens)', async () => {
    const history = [
      makeMessage({ conversationId: 40, role: 'user', content: 'y'.repeat(400_000) })
    ]
    await meter(history, 'x'.repeat(4_000))
    // 4 + 100,000 for the history, 4 + 1,000 for the draft.
    expect(screen.getByRole('status').textContent).toBe(
      'About 101,008 of 200,000 tokens (51%) of the model’s context'
    )
    cleanup()
    await meter(history, 'x'.repeat(340_000))
    expect(screen.getByRole('status').textContent).toContain(
      'About 185,008 of 200,000 tokens (93%): near the model’s limit'
    )
  })

  it('counts only the turns the conversation sends', async () => {
    const history = [
      makeMessage({ conversationId: 40, role: 'user', content: 'y'.repeat(400_000) }),
      makeMessage({ conversationId: 40, role: 'assistant', content: 'ok' }),
      makeMessage({ conversationId: 40, role: 'user', content: 'short' })
    ]
    await meter(history, 'x'.repeat(4_000), { historyTurns: 1 })
    expect(screen.queryByRole('status')).toBeNull()
  })
})

describe('A request too long for the context', () => {
  it('offers to send only the last turns, sets historyTurns and retries', async () => {
    const conversation = makeConversation({
      id: 50,
      model: 'doubao-seed-2.0-pro',
      params: { temperature: 0.4 }
    })
    const fake = createFakeApi({ conversations: [conversation] })
    const failed = makeMessage({
      id: 506,
      conversationId: 50,
      status: 'error',
      error: {
        code: 'bad_request',
        message: 'Total tokens exceed max message tokens (OutofContextError)',
        status: 400
      }
    })
    const messages = [
      makeMessage({ id: 501, conversationId: 50, role: 'user', content: 'q1' }),
      makeMessage({ id: 502, conversationId: 50, content: 'a1' }),
      makeMessage({ id: 503, conversationId: 50, role: 'user', content: 'q2' }),
      makeMessage({ id: 504, conversationId: 50, content: 'a2' }),
      makeMessage({ id: 505, conversationId: 50, role: 'user', content: 'q3' }),
      failed
    ]
    vi.mocked(fake.api.getConversation).mockResolvedValueOnce(
      ok({ conversation, messages, hasOlder: false, hasNewer: false })
    )
    const store = createTestStore(fake)
    await store.getState().init()
    await store.getState().openConversation(50)
    await renderWithStore(<MessageView message={failed} />, store)
    // Two earlier turns were sent with q3: one fewer is offered.
    await userEvent
      .setup()
      .click(screen.getByRole('button', { name: 'Retry with only the last turn of history' }))
    expect(fake.api.setConversationParams).toHaveBeenCalledWith({
      id: 50,
      params: { temperature: 0.4, historyTurns: 1 }
    })
    expect(fake.api.retryReply).toHaveBeenCalledWith({ messageId: 506 })
    expect(vi.mocked(fake.api.setConversationParams).mock.invocationCallOrder[0]).toBeLessThan(
      vi.mocked(fake.api.retryReply).mock.invocationCallOrder[0]
    )
  })

  it('is not offered for other errors', async () => {
    const failed = makeMessage({
      conversationId: 1,
      status: 'error',
      error: { code: 'server', message: 'boom', status: 500 }
    })
    await renderWithStore(<MessageView message={failed} />)
    expect(screen.queryByRole('button', { name: /Retry with only/ })).toBeNull()
  })
})
