// The application menu's template: Edit roles everywhere, the app menu on macOS, no reload or
// developer tools in a packaged app, labels in the app's language.
import { describe, expect, it } from 'vitest'
import { menuTemplate, type MenuEntry } from '../../../src/main/shell/menu'
import { resolveUiLanguage } from '../../../src/shared/settings'

const roles = (entries: MenuEntry[]): string[] =>
  entries.flatMap((entry) => [...(entry.role ? [entry.role] : []), ...roles(entry.submenu ?? [])])
const labels = (entries: MenuEntry[]): string[] =>
  entries.flatMap((entry) => [
    ...(entry.label ? [entry.label] : []),
    ...labels(entry.submenu ?? [])
  ])

describe('the application menu', () => {
  it('on macOS: the app menu first, then Edit with every editing role, View and Window', () => {
    const menu = menuTemplate({
      platform: 'darwin',
      isPackaged: true,
      language: 'en',
      appName: 'Seed Chat'
    })
    expect(menu.map((entry) => entry.label)).toEqual(['Seed Chat', 'Edit', 'View', 'Window'])
    expect(roles(menu[0].submenu!)).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit'
    ])
    expect(menu[0].submenu![0].label).toBe('About Seed Chat')
    expect(roles(menu[1].submenu!)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
    expect(roles(menu[2].submenu!)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen'])
    expect(menu[3].role).toBe('window')
    expect(roles(menu[3].submenu!)).toEqual(['minimize', 'zoom', 'front'])
  })

  it('on Windows and Linux: no app menu', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const menu = menuTemplate({
        platform,
        isPackaged: true,
        language: 'en',
        appName: 'Seed Chat'
      })
      expect(menu.map((entry) => entry.label)).toEqual(['Edit', 'View', 'Window'])
      expect(roles(menu[0].submenu!)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll'])
      expect(roles(menu[2].submenu!)).toEqual(['minimize', 'close'])
    }
  })

  it('has reload and developer tools only while not packaged', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const packaged = roles(
        menuTemplate({ platform, isPackaged: true, language: 'en', appName: 'Seed Chat' })
      )
      expect(packaged).not.toContain('toggleDevTools')
      expect(packaged).not.toContain('reload')
      const development = roles(
        menuTemplate({ platform, isPackaged: false, language: 'en', appName: 'Seed Chat' })
      )
      expect(development).toContain('toggleDevTools')
      expect(development).toContain('reload')
    }
  })

  it('speaks Chinese when the language is zh-CN', () => {
    const menu = menuTemplate({
      platform: 'darwin',
      isPackaged: false,
      language: 'zh-CN',
      appName: 'Seed Chat'
    })
    expect(menu.map((entry) => entry.label)).toEqual(['Seed Chat', '编辑', '显示', '窗口'])
    expect(menu[1].submenu!.map((entry) => entry.label ?? '-')).toEqual([
      '撤销',
      '重做',
      '-',
      '剪切',
      '复制',
      '粘贴',
      '全选'
    ])
    expect(menu[0].submenu![0].label).toBe('关于 Seed Chat')
    expect(menu[0].submenu!.at(-1)!.label).toBe('退出 Seed Chat')
    // Every entry but the app's own name is translated.
    const english = new Set(
      labels(
        menuTemplate({
          platform: 'darwin',
          isPackaged: false,
          language: 'en',
          appName: 'Seed Chat'
        })
      )
    )
    expect(labels(menu).filter((label) => english.has(label))).toEqual(['Seed Chat'])
    expect(
      labels(menu).every((label) => label === 'Seed Chat' || /[\u4e00-\u9fff]/.test(label))
    ).toBe(true)
  })

  it('gives every item but a separator a role and a label', () => {
    const menu = menuTemplate({
      platform: 'darwin',
      isPackaged: false,
      language: 'en',
      appName: 'Seed Chat'
    })
    const items = menu.flatMap((entry) => entry.submenu ?? [])
    for (const item of items) {
      if (item.type === 'separator') continue
      expect(item.role).toBeTruthy()
      expect(item.label).toBeTruthy()
    }
  })
})

describe('the menu language', () => {
  it('is the saved language, or the OS locale for system', () => {
    expect(resolveUiLanguage('zh-CN', 'en-US')).toBe('zh-CN')
    expect(resolveUiLanguage('en', 'zh-CN')).toBe('en')
    expect(resolveUiLanguage('system', 'zh-TW')).toBe('zh-CN')
    expect(resolveUiLanguage('system', 'zh')).toBe('zh-CN')
    expect(resolveUiLanguage('system', 'de-DE')).toBe('en')
    expect(resolveUiLanguage(undefined, 'zh-Hans-CN')).toBe('zh-CN')
  })
})
