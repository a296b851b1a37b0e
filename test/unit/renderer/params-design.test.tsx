// @vitest-environment jsdom
// The parameters as the user reads them: chips named like their fields (both locales), sliders
// beside temperature and Top P, and the applied preset named in the header.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatParams } from '../../../src/shared/params'
import { i18n } from '../../../src/renderer/src/i18n'
import { ChatPane } from '../../../src/renderer/src/components/chat/ChatPane'
import { ParamChips } from '../../../src/renderer/src/components/params/ParamChips'
import { createFakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

const EVERY: ChatParams = {
  systemPrompt: 'Be brief.',
  temperature: 0.7,
  topP: 0.9,
  maxTokens: 40,
  stop: ['END', 'STOP'],
  thinking: 'disabled',
  reasoningEffort: 'minimal',
  historyTurns: 3
}

describe('parameter chips', () => {
  it('use the field labels, with units, in English and Chinese', async () => {
    await renderWithStore(<ParamChips params={EVERY} />)
    const texts = () => screen.getAllByRole('listitem').map((chip) => chip.textContent)
    expect(texts()).toEqual([
      'System prompt',
      'Temperature 0.7',
      'Top P 0.9',
      'Max output 40 tokens',
      '2 stop sequences',
      'Thinking off',
      'Reasoning effort: minimal',
      'History: last 3 turns'
    ])
    await act(() => i18n.changeLanguage('zh-CN'))
    expect(texts()).toEqual([
      '系统提示词',
      '温度 0.7',
      'Top P 0.9',
      '最大输出 40 token',
      '2 个停止序列',
      '深度思考：关',
      '思考程度：最低',
      '历史：最近 3 轮'
    ])
    // Each chip starts with its field's label in the form.
    for (const [chip, label] of [
      ['温度 0.7', i18n.t('params.temperature')],
      ['最大输出 40 token', i18n.t('params.maxTokens').replace(' token 数', '')],
      ['深度思考：关', i18n.t('params.thinking')]
    ])
      expect(chip.startsWith(label)).toBe(true)
    await act(() => i18n.changeLanguage('en'))
  })
})

describe('temperature and Top P sliders', () => {
  it('are bound to the same value as the number field', async () => {
    const store = createTestStore(createFakeApi())
    await store.getState().init()
    await renderWithStore(<ChatPane />, store)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Parameters' }))
    const panel = screen.getByRole('dialog', { name: 'Parameters' })
    const slider = within(panel).getByRole('slider', { name: 'Temperature' }) as HTMLInputElement
    const field = within(panel).getByRole('textbox', { name: /Temperature/ }) as HTMLInputElement
    // Default: the thumb rests at the API's default, and says Default.
    expect(slider.value).toBe('1')
    expect(slider.getAttribute('aria-valuetext')).toBe('Default')
    fireEvent.change(slider, { target: { value: '0.35' } })
    expect(field.value).toBe('0.35')
    expect(slider.getAttribute('aria-valuetext')).toBeNull()
    await user.clear(field)
    await user.type(field, '1.5')
    expect(slider.value).toBe('1.5')
    const topP = within(panel).getByRole('slider', { name: 'Top P' }) as HTMLInputElement
    expect(topP.max).toBe('1')
    fireEvent.change(topP, { target: { value: '0.8' } })
    expect((within(panel).getByRole('textbox', { name: /Top P/ }) as HTMLInputElement).value).toBe(
      '0.8'
    )
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(store.getState().draftParams).toEqual({ temperature: 1.5, topP: 0.8 })
  })
})

describe('the applied preset', () => {
  it('is named in the header until the parameters change, and follows the chat once sent', async () => {
    const fake = createFakeApi()
    // Main keeps the parameters a new chat is sent with on its conversation; so does this fake.
    const send = vi.mocked(fake.api.sendMessage).getMockImplementation()!
    vi.mocked(fake.api.sendMessage).mockImplementationOnce(async (args) => {
      const result = await send(args)
      if (result.ok) result.value.conversation.params = args.params ?? {}
      return result
    })
    const store = createTestStore(fake)
    await store.getState().init()
    await renderWithStore(<ChatPane />, store)
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Start from a preset' }))
    await user.click(screen.getByRole('menuitem', { name: 'Concise answers' }))
    expect(screen.getByText('Preset: Concise answers')).toBeTruthy()

    // Sent: the new conversation keeps the name (its parameters are still the preset's).
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}')
    expect(store.getState().activeConversationId).not.toBeNull()
    expect(screen.getByText('Preset: Concise answers')).toBeTruthy()

    // Changed: the name goes.
    await user.click(screen.getByRole('button', { name: 'Parameters' }))
    const panel = screen.getByRole('dialog', { name: 'Parameters' })
    const field = within(panel).getByRole('textbox', { name: /Temperature/ })
    await user.clear(field)
    await user.type(field, '1.9')
    await user.click(within(panel).getByRole('button', { name: 'Save' }))
    expect(screen.queryByText('Preset: Concise answers')).toBeNull()

    // A new chat starts without it.
    act(() => store.getState().newChat())
    expect(screen.queryByText(/^Preset:/)).toBeNull()
  })
})
