// @vitest-environment jsdom
// Error text in both languages (issue 15, bug 8): a reason main sends is worded in the UI's
// language instead of main's English detail, and "Connection failed." joins its reason without
// a stray space after 。.
import { act, cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppErrorInfo } from '../../../src/shared/errors'
import { ConnectionStatus } from '../../../src/renderer/src/components/settings/FormNotices'
import { SettingsDialog } from '../../../src/renderer/src/components/settings/SettingsDialog'
import { i18n } from '../../../src/renderer/src/i18n'
import { describeError } from '../../../src/renderer/src/lib/errorText'
import { createTestStore, renderWithStore } from './render'

afterEach(async () => {
  cleanup()
  await i18n.changeLanguage('en')
})

const ERRORS: AppErrorInfo[] = [
  {
    code: 'invalid_input',
    message: 'baseURL: the base URL must be an https URL (http only for this machine)',
    reason: 'base_url_https'
  },
  { code: 'invalid_input', message: 'a new base URL needs its key', reason: 'base_url_needs_key' },
  {
    code: 'import_failed',
    message:
      'The file is not a Seed Chat export (format: Invalid input: expected "seed-chat-history").',
    reason: 'not_export'
  },
  {
    code: 'stream_interrupted',
    message: 'terminated: other side closed',
    reason: 'connection_closed'
  },
  { code: 'network', message: 'Connection error: fetch failed', reason: 'unreachable' }
]

// Latin letters in a Chinese text: only names and URL parts may stay (https, localhost, JSON …).
const ALLOWED_LATIN = /\b(?:https?|localhost|URL|JSON|Seed|Chat|API)\b/g

describe('error details in the UI language', () => {
  it.each(ERRORS)(
    '$reason has no English in Chinese and no main text in English',
    async (error) => {
      await i18n.changeLanguage('en')
      const english = describeError(error, i18n.t)
      expect(english.detail).not.toBe(error.message)
      expect(english.detail).toMatch(/^[A-Z].*\.$/)
      await i18n.changeLanguage('zh-CN')
      const chinese = describeError(error, i18n.t)
      const words = `${chinese.text} ${chinese.detail}`
        .replace(ALLOWED_LATIN, '')
        .replace(/127\.0\.0\.1|https:\/\//g, '')
      expect(words).not.toMatch(/[A-Za-z]{3,}/)
      expect(chinese.detail).toMatch(/。$/)
    }
  )

  it("an error without a known reason keeps main's message as its detail", async () => {
    await i18n.changeLanguage('zh-CN')
    const error: AppErrorInfo = { code: 'server', message: 'Upstream exploded', status: 502 }
    expect(describeError(error, i18n.t).detail).toBe('Upstream exploded')
  })

  it('the key status joins its storage without a space after 。', async () => {
    const store = createTestStore()
    store.setState({
      keyStatus: {
        keychain: 'available',
        keychainError: null,
        hasKey: true,
        last4: null,
        storage: 'keychain'
      },
      settingsTab: 'connection'
    })
    const { container } = await renderWithStore(<SettingsDialog />, store)
    expect(container.querySelector('.key-status')?.textContent).toBe(
      'A key is set. It is kept in the system keychain.'
    )
    await act(() => i18n.changeLanguage('zh-CN'))
    expect(container.querySelector('.key-status')?.textContent).toBe(
      '已设置密钥。密钥保存在系统钥匙串中。'
    )
  })

  it('"Connection failed." joins its reason without a space after 。', async () => {
    const { store, container } = await renderWithStore(<ConnectionStatus />)
    act(() =>
      store.setState({
        connectionTest: { state: 'failed', error: { code: 'network', message: 'x' } }
      })
    )
    expect(container.querySelector('p')?.textContent).toBe(
      'Connection failed. Could not reach the server. Check your connection and the base URL.'
    )
    await act(() => i18n.changeLanguage('zh-CN'))
    const text = container.querySelector('p')?.textContent ?? ''
    expect(text.startsWith('连接失败。无法连接')).toBe(true)
    expect(text).not.toMatch(/。 /)
  })
})
