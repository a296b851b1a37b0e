// The message shortcuts, as data: the shortcut sheet lists them, the window's key handler
// matches them. Chosen to match ChatGPT's desktop app where it has them (README, "Shortcuts").
import { IS_MAC } from './platform'

/** What a shortcut does; its name is `shortcuts.<action>` in the locales. */
export type MessageShortcutAction =
  | 'copyLastAnswer'
  | 'copyLastCode'
  | 'regenerate'
  | 'editLastQuestion'

export interface MessageShortcut {
  action: MessageShortcutAction
  /** The key as KeyboardEvent.key gives it (letters lower case). */
  key: string
  /** Ctrl on Windows and Linux, ⌘ on macOS. */
  mod: boolean
  shift: boolean
  /** Only where it applies, said in the sheet: `shortcuts.<action>When`. */
  where?: 'emptyComposer'
}

/** The message shortcuts, in the order the sheet lists them. */
export const MESSAGE_SHORTCUTS: readonly MessageShortcut[] = [
  // ChatGPT: Copy last response, Ctrl/⌘+Shift+C.
  { action: 'copyLastAnswer', key: 'c', mod: true, shift: true },
  // ChatGPT: Copy last code block, Ctrl/⌘+Shift+;.
  { action: 'copyLastCode', key: ';', mod: true, shift: true },
  // ChatGPT has none. Open WebUI's Ctrl/⌘+Shift+R is Force Reload in Electron's default menu.
  { action: 'regenerate', key: 'g', mod: true, shift: true },
  // ChatGPT: ↑ in an empty message box edits the last question.
  { action: 'editLastQuestion', key: 'ArrowUp', mod: false, shift: false, where: 'emptyComposer' }
]

/** The shortcut a key press means, if any (physical keys, so Shift+; reading ':' still counts). */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>
): MessageShortcut | undefined {
  if (event.altKey) return undefined
  const mod = IS_MAC ? event.metaKey : event.ctrlKey
  const key =
    event.code === 'Semicolon' ? ';' : event.key.length === 1 ? event.key.toLowerCase() : event.key
  return MESSAGE_SHORTCUTS.find((s) => s.key === key && s.mod === mod && s.shift === event.shiftKey)
}

/** How a shortcut's keys read on this platform, e.g. "Ctrl+Shift+C" or "⇧⌘C". */
export function keysOf(shortcut: MessageShortcut, mac: boolean = IS_MAC): string[] {
  const key = shortcut.key === 'ArrowUp' ? '↑' : shortcut.key.toUpperCase()
  if (!shortcut.mod) return [key]
  return mac
    ? [...(shortcut.shift ? ['⇧'] : []), '⌘', key]
    : ['Ctrl', ...(shortcut.shift ? ['Shift'] : []), key]
}
