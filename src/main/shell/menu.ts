// The application menu as plain data (no electron import): the shell passes it to
// Menu.buildFromTemplate. Roles give the OS's own behaviour (copy and paste on macOS need the Edit
// roles); labels follow the app's language.
import type { UiLanguage } from '../../shared/settings'

export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'reload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'window'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'help'

/** One menu entry; structurally an Electron MenuItemConstructorOptions. */
export interface MenuEntry {
  label?: string
  role?: MenuRole
  type?: 'separator'
  submenu?: MenuEntry[]
  click?: () => void
}

type LabelName =
  | MenuRole
  | 'edit'
  | 'view'
  | 'help'
  | 'checkForUpdates'
  | 'openLogs'
  | 'copyDiagnostics'

const LABELS: Record<UiLanguage, Record<LabelName, string>> = {
  en: {
    about: 'About {app}',
    services: 'Services',
    hide: 'Hide {app}',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    quit: 'Quit {app}',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    toggleDevTools: 'Toggle Developer Tools',
    resetZoom: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    togglefullscreen: 'Toggle Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    front: 'Bring All to Front',
    help: 'Help',
    checkForUpdates: 'Check for Updates…',
    openLogs: 'Open Logs Folder',
    copyDiagnostics: 'Copy Diagnostics'
  },
  'zh-CN': {
    about: '关于 {app}',
    services: '服务',
    hide: '隐藏 {app}',
    hideOthers: '隐藏其他',
    unhide: '全部显示',
    quit: '退出 {app}',
    edit: '编辑',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    view: '显示',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    resetZoom: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    togglefullscreen: '切换全屏',
    window: '窗口',
    minimize: '最小化',
    zoom: '缩放',
    close: '关闭窗口',
    front: '前置全部窗口',
    help: '帮助',
    checkForUpdates: '检查更新…',
    openLogs: '打开日志文件夹',
    copyDiagnostics: '复制诊断信息'
  }
}

export interface MenuOptions {
  platform: NodeJS.Platform
  /** app.isPackaged: a shipped app has no reload or developer tools. */
  isPackaged: boolean
  language: UiLanguage
  appName: string
  /** Help → Check for Updates…; the item is there only when the app can update itself. */
  checkForUpdates?: () => void
  /** The Help menu's log actions (the shell's Electron calls). */
  help?: { openLogsFolder(): void; copyDiagnostics(): void }
}

/** The application menu: the app menu on macOS, Edit, View, Window, and Help where it has items. */
export function menuTemplate({
  platform,
  isPackaged,
  language,
  appName,
  checkForUpdates,
  help
}: MenuOptions): MenuEntry[] {
  const label = (name: LabelName): string => LABELS[language][name].replace('{app}', appName)
  const item = (role: MenuRole): MenuEntry => ({ role, label: label(role) })
  const separator: MenuEntry = { type: 'separator' }
  const mac = platform === 'darwin'

  const appMenu: MenuEntry = {
    label: appName,
    submenu: [
      item('about'),
      separator,
      item('services'),
      separator,
      item('hide'),
      item('hideOthers'),
      item('unhide'),
      separator,
      item('quit')
    ]
  }
  const editMenu: MenuEntry = {
    label: label('edit'),
    submenu: [
      item('undo'),
      item('redo'),
      separator,
      item('cut'),
      item('copy'),
      item('paste'),
      item('selectAll')
    ]
  }
  const viewMenu: MenuEntry = {
    label: label('view'),
    submenu: [
      ...(isPackaged ? [] : [item('reload'), item('toggleDevTools'), separator]),
      item('resetZoom'),
      item('zoomIn'),
      item('zoomOut'),
      separator,
      item('togglefullscreen')
    ]
  }
  // role 'window' on macOS lets the OS add its window list to this menu.
  const windowMenu: MenuEntry = mac
    ? {
        role: 'window',
        label: label('window'),
        submenu: [item('minimize'), item('zoom'), separator, item('front')]
      }
    : { label: label('window'), submenu: [item('minimize'), item('close')] }

  const helpItems: MenuEntry[] = [
    ...(checkForUpdates ? [{ label: label('checkForUpdates'), click: checkForUpdates }] : []),
    ...(checkForUpdates && help ? [separator] : []),
    ...(help
      ? [
          { label: label('openLogs'), click: help.openLogsFolder },
          { label: label('copyDiagnostics'), click: help.copyDiagnostics }
        ]
      : [])
  ]
  const helpMenu: MenuEntry[] = helpItems.length
    ? [
        {
          role: 'help',
          label: label('help'),
          submenu: helpItems
        }
      ]
    : []

  return [...(mac ? [appMenu] : []), editMenu, viewMenu, windowMenu, ...helpMenu]
}
