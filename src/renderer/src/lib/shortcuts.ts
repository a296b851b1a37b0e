// Every keyboard shortcut of the window, in one table: the key handlers match presses against it
// (App.tsx, chat/MessageShortcuts.tsx, the composer's ↑), the shortcut sheet lists it, and the
// controls that do the same take their aria-keyshortcuts and titles from it. Where ChatGPT's apps
// have one for the same action, the keys are the same (README, "Shortcuts"); search and settings
// follow the platforms.
import { IS_MAC } from './platform'

/** What a message shortcut does (copy, regenerate, edit the last question). */
export type MessageShortcutAction =
  | 'copyLastAnswer'
  | 'copyLastCode'
  | 'regenerate'
  | 'editLastQuestion'

/** What a shortcut does; its name in the sheet is `shortcuts.<action>` in the locales. */
export type ShortcutAction =
  | 'newChat'
  | 'search'
  | 'toggleSidebar'
  | 'focusComposer'
  | 'deleteChat'
  | 'settings'
  | 'showShortcuts'
  | 'send'
  | 'newLine'
  | 'stopReply'
  | 'findInChat'
  | 'findNext'
  | 'findPrevious'
  | MessageShortcutAction

/** One shortcut: the key press that means it, and what it does. */
export interface Shortcut {
  /** Unique: two shortcuts may do the same thing (Ctrl+Shift+O and Ctrl+N). */
  id: string
  action: ShortcutAction
  /** The key as KeyboardEvent.key gives it (letters lower case). */
  key: string
  /** The physical key that counts too, where a layout types another character (Shift+; reads ':'). */
  code?: string
  /** Ctrl or ⌘ (either, on every platform; the sheet shows ⌘ on macOS, Ctrl elsewhere). */
  mod: boolean
  shift: boolean
  /** Only where it applies: `shortcuts.<action>When` says where. */
  where?: 'emptyComposer'
  /** Its name in the sheet: `shortcuts.<action>`. */
  labelKey: string
}

/** A message shortcut: one of the table's, with a message action. */
export type MessageShortcut = Shortcut & { action: MessageShortcutAction }

const TABLE: ReadonlyArray<Omit<Shortcut, 'labelKey'>> = [
  { id: 'new-chat', action: 'newChat', key: 'o', mod: true, shift: true },
  { id: 'new-chat-n', action: 'newChat', key: 'n', mod: true, shift: false },
  { id: 'search', action: 'search', key: 'k', mod: true, shift: false },
  // Find in the open chat, as browsers find in a page (search over every chat is Ctrl/⌘+K).
  { id: 'find-in-chat', action: 'findInChat', key: 'f', mod: true, shift: false },
  { id: 'find-next', action: 'findNext', key: 'F3', mod: false, shift: false },
  { id: 'find-previous', action: 'findPrevious', key: 'F3', mod: false, shift: true },
  { id: 'toggle-sidebar', action: 'toggleSidebar', key: 's', mod: true, shift: true },
  { id: 'focus-composer', action: 'focusComposer', key: 'Escape', mod: false, shift: true },
  { id: 'delete-chat', action: 'deleteChat', key: 'Backspace', mod: true, shift: true },
  { id: 'settings', action: 'settings', key: ',', mod: true, shift: false },
  // "/" by its physical key too, where a layout types another character there.
  {
    id: 'show-shortcuts',
    action: 'showShortcuts',
    key: '/',
    code: 'Slash',
    mod: true,
    shift: false
  },
  // The composer's own (its text box handles them).
  { id: 'send', action: 'send', key: 'Enter', mod: false, shift: false },
  { id: 'new-line', action: 'newLine', key: 'Enter', mod: false, shift: true },
  { id: 'stop-reply', action: 'stopReply', key: 'Escape', mod: false, shift: false },
  // The message shortcuts. ChatGPT: Copy last response, Ctrl/⌘+Shift+C.
  { id: 'copyLastAnswer', action: 'copyLastAnswer', key: 'c', mod: true, shift: true },
  // ChatGPT: Copy last code block, Ctrl/⌘+Shift+;.
  {
    id: 'copyLastCode',
    action: 'copyLastCode',
    key: ';',
    code: 'Semicolon',
    mod: true,
    shift: true
  },
  // ChatGPT has none. Open WebUI's Ctrl/⌘+Shift+R is Force Reload in Electron's default menu.
  { id: 'regenerate', action: 'regenerate', key: 'g', mod: true, shift: true },
  // ChatGPT: ↑ in an empty message box edits the last question.
  {
    id: 'editLastQuestion',
    action: 'editLastQuestion',
    key: 'ArrowUp',
    mod: false,
    shift: false,
    where: 'emptyComposer'
  }
]

/** Every shortcut, in the order the sheet lists them. */
export const SHORTCUTS: readonly Shortcut[] = TABLE.map((shortcut) => ({
  ...shortcut,
  labelKey: `shortcuts.${shortcut.action}`
}))

const MESSAGE_ACTIONS: ReadonlySet<ShortcutAction> = new Set<MessageShortcutAction>([
  'copyLastAnswer',
  'copyLastCode',
  'regenerate',
  'editLastQuestion'
])

/** Whether a shortcut is one of the message shortcuts. */
export function isMessageShortcut(shortcut: Shortcut): shortcut is MessageShortcut {
  return MESSAGE_ACTIONS.has(shortcut.action)
}

/** The message shortcuts, in the order the sheet lists them. */
export const MESSAGE_SHORTCUTS: readonly MessageShortcut[] = SHORTCUTS.filter(isMessageShortcut)

/** The (first) shortcut for an action, e.g. to name it in a control's aria-keyshortcuts. */
export function shortcutFor(action: ShortcutAction): Shortcut {
  return SHORTCUTS.find((shortcut) => shortcut.action === action)!
}

/** The shortcut a key press means, if any (physical keys, so Shift+; reading ':' still counts). */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): Shortcut | undefined {
  if (event.altKey) return undefined
  const mod = event.ctrlKey || event.metaKey
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key
  return SHORTCUTS.find(
    (shortcut) =>
      (shortcut.key === key || (shortcut.code !== undefined && shortcut.code === event.code)) &&
      shortcut.mod === mod &&
      shortcut.shift === event.shiftKey
  )
}

// Keys shown by another name than their letter: [macOS, elsewhere].
const KEY_NAMES: Record<string, [string, string]> = {
  Escape: ['Esc', 'Esc'],
  Backspace: ['⌫', 'Backspace'],
  Enter: ['↩', 'Enter'],
  ArrowUp: ['↑', '↑']
}

/**
 * A shortcut's keys as the sheet shows them: "⌘⇧S" on macOS, "Ctrl+Shift+S" elsewhere
 * (`separator` between the keys there, e.g. a space in a small key hint).
 */
export function shortcutKeys(shortcut: Shortcut, mac: boolean = IS_MAC, separator = '+'): string {
  const named = KEY_NAMES[shortcut.key]
  const key = named ? named[mac ? 0 : 1] : shortcut.key.toUpperCase()
  if (mac) return `${shortcut.mod ? '⌘' : ''}${shortcut.shift ? '⇧' : ''}${key}`
  return [...(shortcut.mod ? ['Ctrl'] : []), ...(shortcut.shift ? ['Shift'] : []), key].join(
    separator
  )
}

/** A shortcut as the aria-keyshortcuts attribute spells it, e.g. "Control+Shift+S". */
export function ariaKeyShortcuts(shortcut: Shortcut, mac: boolean = IS_MAC): string {
  const key = shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key
  return [
    ...(shortcut.mod ? [mac ? 'Meta' : 'Control'] : []),
    ...(shortcut.shift ? ['Shift'] : []),
    key
  ].join('+')
}

/** An action's shortcut as a small key hint beside a control: "⌘K", or "Ctrl K". */
export function keyHint(action: ShortcutAction): string {
  return shortcutKeys(shortcutFor(action), IS_MAC, ' ')
}
