// The Help menu: Open Logs Folder and Copy Diagnostics, in the app's language, calling the shell's
// actions (shell.openPath and clipboard.writeText there are Electron's: checked by reading).
import { describe, expect, it } from 'vitest'
import { menuTemplate } from '../../../src/main/shell/menu'

describe('the Help menu', () => {
  it('comes last, with the two actions, when the shell gives them', () => {
    const called: string[] = []
    const help = {
      openLogsFolder: () => called.push('logs'),
      copyDiagnostics: () => called.push('diagnostics')
    }
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const menu = menuTemplate({
        platform,
        isPackaged: true,
        language: 'en',
        appName: 'Seed Chat',
        help
      })
      const last = menu.at(-1)!
      expect(last).toMatchObject({ role: 'help', label: 'Help' })
      expect(last.submenu!.map((entry) => entry.label)).toEqual([
        'Open Logs Folder',
        'Copy Diagnostics'
      ])
      for (const entry of last.submenu!) entry.click!()
    }
    expect(called).toEqual(['logs', 'diagnostics', 'logs', 'diagnostics', 'logs', 'diagnostics'])
  })

  it('speaks Chinese when the language is zh-CN', () => {
    const menu = menuTemplate({
      platform: 'linux',
      isPackaged: true,
      language: 'zh-CN',
      appName: 'Seed Chat',
      help: { openLogsFolder: () => {}, copyDiagnostics: () => {} }
    })
    expect(menu.map((entry) => entry.label)).toEqual(['编辑', '显示', '窗口', '帮助'])
    expect(menu[3].submenu!.map((entry) => entry.label)).toEqual(['打开日志文件夹', '复制诊断信息'])
  })

  it('is absent without actions (the Node tests of the other menus)', () => {
    const menu = menuTemplate({ platform: 'linux', isPackaged: true, language: 'en', appName: 'X' })
    expect(menu.map((entry) => entry.label)).toEqual(['Edit', 'View', 'Window'])
  })
})
