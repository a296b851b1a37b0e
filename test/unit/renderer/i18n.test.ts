// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { resolveLanguage } from '../../../src/renderer/src/i18n'
import en from '../../../src/renderer/src/locales/en.json'
import zhCN from '../../../src/renderer/src/locales/zh-CN.json'

/** Every key path, with plural suffixes folded (zh-CN has only _other). */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? keys(value, `${prefix}${key}.`)
      : [`${prefix}${key.replace(/_(zero|one|two|few|many|other)$/, '')}`]
  )
}

describe('i18n', () => {
  it('has the same keys in en and zh-CN', () => {
    expect([...new Set(keys(zhCN))].sort()).toEqual([...new Set(keys(en))].sort())
  })

  it('follows the system language for "system": zh* → zh-CN, else en', () => {
    expect(resolveLanguage('system', 'zh-TW')).toBe('zh-CN')
    expect(resolveLanguage('system', 'zh')).toBe('zh-CN')
    expect(resolveLanguage('system', 'en-GB')).toBe('en')
    expect(resolveLanguage('system', 'de-DE')).toBe('en')
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN')
    expect(resolveLanguage('en', 'zh-CN')).toBe('en')
  })
})
