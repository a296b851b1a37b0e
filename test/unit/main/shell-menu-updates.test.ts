// Help → Check for Updates…: there only when the app can update itself, in the app's language.
import { describe, expect, it, vi } from 'vitest'
import { menuTemplate } from '../../../src/main/shell/menu'

const base = { platform: 'linux', isPackaged: true, appName: 'Seed Chat' } as const

describe('Help → Check for Updates…', () => {
  it('is there, last, when the app has an updater, and checks when clicked', () => {
    const checkForUpdates = vi.fn()
    const menu = menuTemplate({ ...base, language: 'en', checkForUpdates })
    const help = menu.at(-1)!
    expect(help.label).toBe('Help')
    expect(help.submenu!.map((entry) => entry.label)).toEqual(['Check for Updates…'])
    help.submenu![0]!.click!()
    expect(checkForUpdates).toHaveBeenCalledOnce()
  })

  it('is translated', () => {
    const menu = menuTemplate({ ...base, language: 'zh-CN', checkForUpdates: () => undefined })
    expect(menu.at(-1)!.label).toBe('帮助')
    expect(menu.at(-1)!.submenu![0]!.label).toBe('检查更新…')
  })

  it('is absent without an updater (dev, tests)', () => {
    const menu = menuTemplate({ ...base, isPackaged: false, language: 'en' })
    expect(menu.map((entry) => entry.label)).toEqual(['Edit', 'View', 'Window'])
  })
})
