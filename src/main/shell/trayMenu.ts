// The tray icon's menu as plain data (no electron import): Ask, Capture, Open and Quit in the app's
// language, Ask and Capture showing their global shortcut. The shell registers those shortcuts
// itself (shell/shortcuts.ts), so the menu only displays them (registerAccelerator: false).
import type { ShortcutStatuses } from '../../shared/desktop'
import type { UiLanguage } from '../../shared/settings'

/** One tray menu entry; structurally an Electron MenuItemConstructorOptions. */
export interface TrayEntry {
  label?: string
  type?: 'separator'
  accelerator?: string
  registerAccelerator?: false
  click?: () => void
}

type TrayLabel = 'ask' | 'capture' | 'open' | 'quit' | 'tooltip'

const LABELS: Record<UiLanguage, Record<TrayLabel, string>> = {
  en: {
    ask: 'Quick Ask',
    capture: 'Capture Region',
    open: 'Open {app}',
    quit: 'Quit {app}',
    tooltip: '{app}'
  },
  'zh-CN': {
    ask: '快速提问',
    capture: '截取屏幕区域',
    open: '打开 {app}',
    quit: '退出 {app}',
    tooltip: '{app}'
  }
}

/** What each tray item does (the shell's Electron calls; capture comes from the capture feature). */
export interface TrayActions {
  ask(): void
  capture(): void
  open(): void
  quit(): void
}

export interface TrayMenuOptions {
  language: UiLanguage
  appName: string
  /** Only a registered shortcut is shown: one the OS refused would not work from the keyboard. */
  shortcuts: ShortcutStatuses
  actions: TrayActions
}

/** The tray's tooltip in the app's language. */
export function trayTooltip(language: UiLanguage, appName: string): string {
  return LABELS[language].tooltip.replace('{app}', appName)
}

/** The tray menu: Ask and Capture (with their shortcuts), Open, and Quit after a separator. */
export function trayMenuTemplate({
  language,
  appName,
  shortcuts,
  actions
}: TrayMenuOptions): TrayEntry[] {
  const label = (name: TrayLabel): string => LABELS[language][name].replace('{app}', appName)
  const shortcutOf = (action: keyof ShortcutStatuses): Partial<TrayEntry> =>
    shortcuts[action].state === 'registered'
      ? { accelerator: shortcuts[action].accelerator, registerAccelerator: false }
      : {}
  return [
    { label: label('ask'), ...shortcutOf('ask'), click: actions.ask },
    { label: label('capture'), ...shortcutOf('capture'), click: actions.capture },
    { label: label('open'), click: actions.open },
    { type: 'separator' },
    { label: label('quit'), click: actions.quit }
  ]
}
