// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { ERRORS } from '../../../src/shared/errors'
import { MODEL_FAMILIES } from '../../../src/shared/models'
import { resolveUiLanguage } from '../../../src/shared/settings'
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

  it('has the text of every error code and the label of every model family', () => {
    const wanted = [
      ...Object.values(ERRORS).map((error) => error.localeKey),
      ...Object.values(MODEL_FAMILIES).map((family) => family.labelKey)
    ]
    for (const locale of [en, zhCN]) {
      const present = new Set(keys(locale))
      expect(wanted.filter((key) => !present.has(key))).toEqual([])
    }
  })

  it('follows the system language for "system": zh* → zh-CN, else en', () => {
    expect(resolveUiLanguage('system', 'zh-TW')).toBe('zh-CN')
    expect(resolveUiLanguage('system', 'zh')).toBe('zh-CN')
    expect(resolveUiLanguage('system', 'en-GB')).toBe('en')
    expect(resolveUiLanguage('system', 'de-DE')).toBe('en')
    expect(resolveUiLanguage('zh-CN', 'en-US')).toBe('zh-CN')
    expect(resolveUiLanguage('en', 'zh-CN')).toBe('en')
  })
})
