// Global shortcuts as Electron accelerators: the syntax the settings accept, the string a key
// press records in Settings, and how a shortcut reads on each system.
import { describe, expect, it } from 'vitest'
import {
  acceleratorFromKeyPress,
  acceleratorLabel,
  isShortcutSetting,
  parseAccelerator,
  type KeyPress
} from '../../../src/shared/accelerator'
import { DEFAULT_SETTINGS, settingsPatchSchema } from '../../../src/shared/settings'

const press = (code: string, key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  code,
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods
})

describe('parseAccelerator', () => {
  it('writes an accelerator the one canonical way, whatever the spelling and order', () => {
    expect(parseAccelerator('shift+alt+space')).toMatchObject({
      ok: true,
      accelerator: 'Alt+Shift+Space'
    })
    expect(parseAccelerator('CmdOrCtrl+Option+k')).toMatchObject({
      ok: true,
      accelerator: 'CommandOrControl+Alt+K'
    })
    expect(parseAccelerator(' Ctrl + Shift + F12 ')).toMatchObject({
      ok: true,
      accelerator: 'Control+Shift+F12'
    })
    expect(parseAccelerator('Super+Plus')).toMatchObject({ ok: true, accelerator: 'Super+Plus' })
    expect(parseAccelerator('Alt+/')).toMatchObject({ ok: true, accelerator: 'Alt+/' })
    expect(parseAccelerator('Meta+num5')).toMatchObject({ ok: true, accelerator: 'Super+num5' })
  })

  it('takes a function key alone, any other key only with a modifier', () => {
    expect(parseAccelerator('F13')).toMatchObject({ ok: true, accelerator: 'F13' })
    expect(parseAccelerator('Space')).toEqual({ ok: false, problem: 'no_modifier' })
    expect(parseAccelerator('A')).toEqual({ ok: false, problem: 'no_modifier' })
    expect(parseAccelerator('F25')).toEqual({ ok: false, problem: 'unknown_part' })
  })

  it('names what is wrong', () => {
    expect(parseAccelerator('')).toEqual({ ok: false, problem: 'empty' })
    expect(parseAccelerator('Alt+Shift')).toEqual({ ok: false, problem: 'no_key' })
    expect(parseAccelerator('Alt+A+B')).toEqual({ ok: false, problem: 'two_keys' })
    expect(parseAccelerator('Alt+Alt+A')).toEqual({ ok: false, problem: 'repeated_modifier' })
    expect(parseAccelerator('Ctrl+Control+A')).toEqual({ ok: false, problem: 'repeated_modifier' })
    expect(parseAccelerator('Hyper+A')).toEqual({ ok: false, problem: 'unknown_part' })
    expect(parseAccelerator('Alt++')).toEqual({ ok: false, problem: 'unknown_part' })
    expect(parseAccelerator('Alt+Spacebar')).toEqual({ ok: false, problem: 'unknown_part' })
  })

  it('is what the settings accept: an accelerator, or "" for none', () => {
    expect(isShortcutSetting('')).toBe(true)
    expect(isShortcutSetting('Alt+Shift+S')).toBe(true)
    expect(isShortcutSetting('Alt')).toBe(false)
    expect(settingsPatchSchema.safeParse({ askShortcut: 'Ctrl+Alt+Q' }).success).toBe(true)
    expect(settingsPatchSchema.safeParse({ captureShortcut: '' }).success).toBe(true)
    const refused = settingsPatchSchema.safeParse({ askShortcut: 'Q' })
    expect(refused.success).toBe(false)
    expect(refused.error?.issues[0]).toMatchObject({ params: { reason: 'shortcut_invalid' } })
    expect(parseAccelerator(DEFAULT_SETTINGS.askShortcut).ok).toBe(true)
    expect(parseAccelerator(DEFAULT_SETTINGS.captureShortcut).ok).toBe(true)
    expect(DEFAULT_SETTINGS.askShortcut).not.toBe(DEFAULT_SETTINGS.captureShortcut)
  })
})

describe('acceleratorFromKeyPress', () => {
  it('waits while only modifiers are down', () => {
    for (const key of ['Control', 'Alt', 'Shift', 'Meta', 'AltGraph']) {
      expect(acceleratorFromKeyPress(press('ShiftLeft', key, { shiftKey: true }), false)).toEqual({
        state: 'waiting'
      })
    }
  })

  it('records the key by its position, so Option on macOS and the layout do not change it', () => {
    // Option+Shift+S types "Í" on a US Mac keyboard: the code still says KeyS.
    expect(
      acceleratorFromKeyPress(press('KeyS', 'Í', { altKey: true, shiftKey: true }), true)
    ).toEqual({ state: 'recorded', accelerator: 'Alt+Shift+S' })
    // AZERTY: the 1 key types "&" without Shift; the code names the key the user pressed.
    expect(acceleratorFromKeyPress(press('Digit1', '&', { ctrlKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'CommandOrControl+1'
    })
    expect(acceleratorFromKeyPress(press('Space', ' ', { altKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'Alt+Space'
    })
    expect(acceleratorFromKeyPress(press('ArrowUp', 'ArrowUp', { altKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'Alt+Up'
    })
    expect(acceleratorFromKeyPress(press('Numpad7', '7', { ctrlKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'CommandOrControl+num7'
    })
    expect(acceleratorFromKeyPress(press('F9', 'F9'), false)).toEqual({
      state: 'recorded',
      accelerator: 'F9'
    })
  })

  it('saves the main modifier as CommandOrControl: ⌘ on macOS, Ctrl elsewhere', () => {
    expect(acceleratorFromKeyPress(press('KeyK', 'k', { metaKey: true }), true)).toEqual({
      state: 'recorded',
      accelerator: 'CommandOrControl+K'
    })
    expect(acceleratorFromKeyPress(press('KeyK', 'k', { ctrlKey: true }), true)).toEqual({
      state: 'recorded',
      accelerator: 'Control+K'
    })
    expect(acceleratorFromKeyPress(press('KeyK', 'k', { ctrlKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'CommandOrControl+K'
    })
    expect(acceleratorFromKeyPress(press('KeyK', 'k', { metaKey: true }), false)).toEqual({
      state: 'recorded',
      accelerator: 'Super+K'
    })
  })

  it('refuses a plain key and a key Electron cannot name', () => {
    expect(acceleratorFromKeyPress(press('KeyA', 'a'), false)).toEqual({
      state: 'refused',
      problem: 'no_modifier'
    })
    expect(acceleratorFromKeyPress(press('IntlRo', 'ろ', { altKey: true }), false)).toEqual({
      state: 'refused',
      problem: 'unknown_part'
    })
  })

  it('records what parseAccelerator reads back the same', () => {
    const recorded = acceleratorFromKeyPress(
      press('Backquote', '`', { ctrlKey: true, altKey: true, shiftKey: true }),
      false
    )
    expect(recorded).toEqual({ state: 'recorded', accelerator: 'CommandOrControl+Alt+Shift+`' })
    if (recorded.state === 'recorded')
      expect(parseAccelerator(recorded.accelerator)).toMatchObject({
        ok: true,
        accelerator: recorded.accelerator
      })
  })
})

describe('acceleratorLabel', () => {
  it('reads as symbols on macOS and as names elsewhere', () => {
    expect(acceleratorLabel('Alt+Shift+Space', true)).toBe('⌥⇧Space')
    expect(acceleratorLabel('CommandOrControl+Shift+K', true)).toBe('⌘⇧K')
    expect(acceleratorLabel('Alt+Shift+Space', false)).toBe('Alt+Shift+Space')
    expect(acceleratorLabel('CommandOrControl+Super+K', false)).toBe('Ctrl+Win+K')
  })

  it('shows a string it cannot read as it is', () => {
    expect(acceleratorLabel('Alt', false)).toBe('Alt')
  })
})
