// Global shortcuts as Electron accelerator strings ("Alt+Shift+Space"): the syntax check the
// settings schema applies, the string a key press in Settings records, and how one reads on screen.
// Pure: the renderer (recording), main (the schema, the tray) and tests share it.

/** Modifiers in the order an accelerator is written, with the spellings Electron accepts. */
const MODIFIERS: ReadonlyArray<readonly [name: string, spellings: readonly string[]]> = [
  ['CommandOrControl', ['commandorcontrol', 'cmdorctrl']],
  ['Command', ['command', 'cmd']],
  ['Control', ['control', 'ctrl']],
  ['Alt', ['alt', 'option']],
  ['AltGr', ['altgr']],
  ['Shift', ['shift']],
  ['Super', ['super', 'meta']]
]

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
  ...Array.from({ length: 10 }, (_, digit) => `num${digit}`),
  ...Array.from({ length: 24 }, (_, index) => `F${index + 1}`)
]
const NAMED_BY_LOWER = new Map(NAMED_KEYS.map((key) => [key.toLowerCase(), key]))
// Punctuation Electron names by its character ("+" itself is written Plus).
const PUNCTUATION = new Set(')!@#$%^&*(:;<=,_->.?/~`{}[]|\\"\''.split(''))

const FUNCTION_KEY = /^F([1-9]|1\d|2[0-4])$/

/** Why a string is not a usable global shortcut. */
export type AcceleratorProblem =
  | 'empty'
  | 'unknown_part'
  | 'no_key'
  | 'two_keys'
  | 'repeated_modifier'
  | 'no_modifier'

export type ParsedAccelerator =
  | { ok: true; accelerator: string; modifiers: string[]; key: string }
  | { ok: false; problem: AcceleratorProblem }

function keyName(part: string): string | null {
  if (/^[a-z0-9]$/i.test(part)) return part.toUpperCase()
  if (PUNCTUATION.has(part)) return part
  return NAMED_BY_LOWER.get(part.toLowerCase()) ?? null
}

function modifierName(part: string): string | null {
  const lower = part.toLowerCase()
  return MODIFIERS.find(([, spellings]) => spellings.includes(lower))?.[0] ?? null
}

/**
 * Reads an accelerator as Electron does (case aside): modifiers joined by "+", then one key. As a
 * global shortcut it needs a modifier, unless the key is a function key. The result is written
 * the one canonical way (modifiers in a fixed order, keys as Electron's documentation spells them).
 */
export function parseAccelerator(text: string): ParsedAccelerator {
  const trimmed = text.trim()
  if (trimmed === '') return { ok: false, problem: 'empty' }
  // "Shift++" is not Electron's syntax: the plus key is "Plus".
  const parts = trimmed.split('+').map((part) => part.trim())
  if (parts.some((part) => part === '')) return { ok: false, problem: 'unknown_part' }
  const modifiers: string[] = []
  let key: string | null = null
  for (const part of parts) {
    const modifier = modifierName(part)
    if (modifier) {
      if (modifiers.includes(modifier)) return { ok: false, problem: 'repeated_modifier' }
      modifiers.push(modifier)
      continue
    }
    const name = keyName(part)
    if (!name) return { ok: false, problem: 'unknown_part' }
    if (key !== null) return { ok: false, problem: 'two_keys' }
    key = name
  }
  if (key === null) return { ok: false, problem: 'no_key' }
  if (modifiers.length === 0 && !FUNCTION_KEY.test(key))
    return { ok: false, problem: 'no_modifier' }
  const order = MODIFIERS.map(([name]) => name)
  modifiers.sort((a, b) => order.indexOf(a) - order.indexOf(b))
  return { ok: true, accelerator: [...modifiers, key].join('+'), modifiers, key }
}

/** Whether a setting's value is a shortcut ("" = none) Electron can register. */
export function isShortcutSetting(value: string): boolean {
  return value === '' || parseAccelerator(value).ok
}

/** The parts of a keydown event recording reads (a DOM KeyboardEvent has them all). */
export interface KeyPress {
  key: string
  code: string
  ctrlKey: boolean
  altKey: boolean
  shiftKey: boolean
  metaKey: boolean
}

/** What a key press in the recorder means: keep waiting (a modifier alone), a shortcut, or no shortcut. */
export type RecordedKey =
  | { state: 'waiting' }
  | { state: 'recorded'; accelerator: string }
  | { state: 'refused'; problem: AcceleratorProblem }

// Keys by their physical position (event.code), so the layout and Option's accents do not matter.
const CODE_KEYS: Record<string, string> = {
  Space: 'Space',
  Tab: 'Tab',
  Backspace: 'Backspace',
  Delete: 'Delete',
  Insert: 'Insert',
  Enter: 'Enter',
  NumpadEnter: 'Enter',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Escape: 'Escape',
  PrintScreen: 'PrintScreen',
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  NumpadDecimal: 'numdec',
  NumpadAdd: 'numadd',
  NumpadSubtract: 'numsub',
  NumpadMultiply: 'nummult',
  NumpadDivide: 'numdiv'
}

const MODIFIER_KEYS = new Set([
  'Control',
  'Alt',
  'AltGraph',
  'Shift',
  'Meta',
  'OS',
  'Super',
  'Hyper'
])

function keyOfCode(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code)
  if (letter) return letter[1]
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code)
  if (digit) return code.startsWith('Numpad') ? `num${digit[1]}` : digit[1]
  if (FUNCTION_KEY.test(code)) return code
  return CODE_KEYS[code] ?? null
}

/**
 * The accelerator a key press in Settings records. The platform's main modifier (⌘ on macOS, Ctrl
 * elsewhere) is saved as CommandOrControl, so a shortcut reads the same after a move between
 * systems; Ctrl on macOS is Control, the Windows/Super key elsewhere is Super.
 */
export function acceleratorFromKeyPress(press: KeyPress, isMac: boolean): RecordedKey {
  if (MODIFIER_KEYS.has(press.key)) return { state: 'waiting' }
  const key = keyOfCode(press.code)
  if (!key) return { state: 'refused', problem: 'unknown_part' }
  const modifiers: string[] = []
  if (isMac ? press.metaKey : press.ctrlKey) modifiers.push('CommandOrControl')
  if (isMac && press.ctrlKey) modifiers.push('Control')
  if (press.altKey) modifiers.push('Alt')
  if (press.shiftKey) modifiers.push('Shift')
  if (!isMac && press.metaKey) modifiers.push('Super')
  const parsed = parseAccelerator([...modifiers, key].join('+'))
  return parsed.ok
    ? { state: 'recorded', accelerator: parsed.accelerator }
    : { state: 'refused', problem: parsed.problem }
}

const MAC_SYMBOLS: Record<string, string> = {
  CommandOrControl: '⌘',
  Command: '⌘',
  Control: '⌃',
  Alt: '⌥',
  AltGr: '⌥',
  Shift: '⇧',
  Super: '⌘'
}
const PC_NAMES: Record<string, string> = {
  CommandOrControl: 'Ctrl',
  Command: 'Win',
  Control: 'Ctrl',
  Alt: 'Alt',
  AltGr: 'AltGr',
  Shift: 'Shift',
  Super: 'Win'
}

/** How a shortcut reads on screen: ⌥⇧Space on macOS, Alt+Shift+Space elsewhere. */
export function acceleratorLabel(accelerator: string, isMac: boolean): string {
  const parsed = parseAccelerator(accelerator)
  if (!parsed.ok) return accelerator
  if (isMac) return [...parsed.modifiers.map((m) => MAC_SYMBOLS[m]), parsed.key].join('')
  return [...parsed.modifiers.map((m) => PC_NAMES[m]), parsed.key].join('+')
}
