// Every keyboard shortcut of the window, as the shortcut sheet lists them. Where ChatGPT's apps
// have one for the same action, the keys are the same (new chat, toggle sidebar, focus the
// message field, delete chat, the sheet itself); search and settings follow the platforms.
import { MESSAGE_SHORTCUTS, keysOf } from './messageShortcuts'
import { IS_MAC } from './platform'

/** One shortcut: its keys as shown on each platform, and what it does (a translation key). */
export interface Shortcut {
  id: string
  keys: { mac: string; other: string }
  labelKey: string
}

/** The window's shortcuts (message actions add theirs to this list). */
export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'new-chat', keys: { mac: '⌘⇧O', other: 'Ctrl+Shift+O' }, labelKey: 'shortcuts.newChat' },
  { id: 'new-chat-n', keys: { mac: '⌘N', other: 'Ctrl+N' }, labelKey: 'shortcuts.newChat' },
  { id: 'search', keys: { mac: '⌘K', other: 'Ctrl+K' }, labelKey: 'shortcuts.search' },
  {
    id: 'toggle-sidebar',
    keys: { mac: '⌘⇧S', other: 'Ctrl+Shift+S' },
    labelKey: 'shortcuts.toggleSidebar'
  },
  {
    id: 'focus-composer',
    keys: { mac: '⇧Esc', other: 'Shift+Esc' },
    labelKey: 'shortcuts.focusComposer'
  },
  {
    id: 'delete-chat',
    keys: { mac: '⌘⇧⌫', other: 'Ctrl+Shift+Backspace' },
    labelKey: 'shortcuts.deleteChat'
  },
  { id: 'settings', keys: { mac: '⌘,', other: 'Ctrl+,' }, labelKey: 'shortcuts.settings' },
  {
    id: 'show-shortcuts',
    keys: { mac: '⌘/', other: 'Ctrl+/' },
    labelKey: 'shortcuts.showShortcuts'
  },
  { id: 'send', keys: { mac: '↩', other: 'Enter' }, labelKey: 'shortcuts.send' },
  { id: 'new-line', keys: { mac: '⇧↩', other: 'Shift+Enter' }, labelKey: 'shortcuts.newLine' },
  { id: 'stop-reply', keys: { mac: 'Esc', other: 'Esc' }, labelKey: 'shortcuts.stopReply' },
  // The message actions' own (lib/messageShortcuts.ts), as the sheet shows them.
  ...MESSAGE_SHORTCUTS.map((shortcut) => ({
    id: shortcut.action,
    keys: { mac: keysOf(shortcut, true).join(''), other: keysOf(shortcut, false).join('+') },
    labelKey: `shortcuts.${shortcut.action}`
  }))
]

/** A shortcut's keys on this platform. */
export function shortcutKeys(shortcut: Shortcut, mac: boolean = IS_MAC): string {
  return mac ? shortcut.keys.mac : shortcut.keys.other
}
