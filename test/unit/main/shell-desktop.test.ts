// The desktop shell's rules, without Electron: the global shortcuts kept in step with the
// settings (refusals reported, not lost), the tray menu, and where and when Quick Ask shows.
import { describe, expect, it } from 'vitest'
import {
  QUICK_ASK_SIZE,
  onAskShortcut,
  onQuickAskBlur,
  onQuickAskEscape,
  onWindowClose,
  quickAskBounds
} from '../../../src/main/shell/quickAsk'
import { createShortcutKeeper, type ShortcutRegistrar } from '../../../src/main/shell/shortcuts'
import { trayMenuTemplate, trayTooltip, type TrayActions } from '../../../src/main/shell/trayMenu'
import type { ShortcutStatuses } from '../../../src/shared/desktop'

/** A registrar like globalShortcut: it refuses keys another app holds, and keys registered twice. */
function registrar(takenByOthers: string[] = []) {
  const held = new Map<string, () => void>()
  const calls: string[] = []
  const api: ShortcutRegistrar = {
    register(accelerator, run) {
      calls.push(`register ${accelerator}`)
      if (takenByOthers.includes(accelerator) || held.has(accelerator)) return false
      held.set(accelerator, run)
      return true
    },
    unregister(accelerator) {
      calls.push(`unregister ${accelerator}`)
      held.delete(accelerator)
    }
  }
  return { api, held, calls, press: (accelerator: string) => held.get(accelerator)?.() }
}

describe('the global shortcuts', () => {
  it('registers both and runs the action of the one pressed', () => {
    const os = registrar()
    const ran: string[] = []
    const keeper = createShortcutKeeper(os.api, {
      ask: () => ran.push('ask'),
      capture: () => ran.push('capture')
    })
    const status = keeper.apply({ askShortcut: 'Alt+Shift+Space', captureShortcut: 'Alt+Shift+S' })
    expect(status).toEqual({
      ask: { accelerator: 'Alt+Shift+Space', state: 'registered' },
      capture: { accelerator: 'Alt+Shift+S', state: 'registered' }
    })
    os.press('Alt+Shift+S')
    os.press('Alt+Shift+Space')
    expect(ran).toEqual(['capture', 'ask'])
  })

  it('reports a shortcut the OS refuses, and keeps the other', () => {
    const os = registrar(['Alt+Shift+Space'])
    const keeper = createShortcutKeeper(os.api, { ask: () => {}, capture: () => {} })
    keeper.apply({ askShortcut: 'Alt+Shift+Space', captureShortcut: 'Alt+Shift+S' })
    expect(keeper.status()).toEqual({
      ask: { accelerator: 'Alt+Shift+Space', state: 'refused' },
      capture: { accelerator: 'Alt+Shift+S', state: 'registered' }
    })
  })

  it('leaves an unchanged shortcut registered, moves a changed one, and tries a refused one again', () => {
    const taken = ['Alt+Q']
    const os = registrar(taken)
    const keeper = createShortcutKeeper(os.api, { ask: () => {}, capture: () => {} })
    keeper.apply({ askShortcut: 'Alt+Q', captureShortcut: 'Alt+Shift+S' })
    os.calls.length = 0
    taken.length = 0 // the other app let go of Alt+Q
    keeper.apply({ askShortcut: 'alt+q', captureShortcut: 'Alt+Shift+C' })
    expect(os.calls).toEqual(['unregister Alt+Shift+S', 'register Alt+Q', 'register Alt+Shift+C'])
    expect([...os.held.keys()].sort()).toEqual(['Alt+Q', 'Alt+Shift+C'])
    expect(keeper.status().ask.state).toBe('registered')
  })

  it('lets two shortcuts swap their keys', () => {
    const os = registrar()
    const ran: string[] = []
    const keeper = createShortcutKeeper(os.api, {
      ask: () => ran.push('ask'),
      capture: () => ran.push('capture')
    })
    keeper.apply({ askShortcut: 'Alt+A', captureShortcut: 'Alt+B' })
    const status = keeper.apply({ askShortcut: 'Alt+B', captureShortcut: 'Alt+A' })
    expect(status.ask).toEqual({ accelerator: 'Alt+B', state: 'registered' })
    expect(status.capture).toEqual({ accelerator: 'Alt+A', state: 'registered' })
    os.press('Alt+A')
    expect(ran).toEqual(['capture'])
  })

  it('refuses the same keys for both: the first keeps them', () => {
    const os = registrar()
    const keeper = createShortcutKeeper(os.api, { ask: () => {}, capture: () => {} })
    const status = keeper.apply({ askShortcut: 'Alt+K', captureShortcut: 'Alt+K' })
    expect(status.ask.state).toBe('registered')
    expect(status.capture).toEqual({ accelerator: 'Alt+K', state: 'refused' })
    expect(os.calls).toEqual(['register Alt+K'])
  })

  it('a cleared shortcut is off and unregistered; release lets go of all', () => {
    const os = registrar()
    const keeper = createShortcutKeeper(os.api, { ask: () => {}, capture: () => {} })
    keeper.apply({ askShortcut: 'Alt+K', captureShortcut: 'Alt+J' })
    expect(keeper.apply({ askShortcut: '', captureShortcut: 'Alt+J' }).ask).toEqual({
      accelerator: '',
      state: 'off'
    })
    expect([...os.held.keys()]).toEqual(['Alt+J'])
    keeper.release()
    expect(os.held.size).toBe(0)
    expect(keeper.status().capture.state).toBe('off')
  })
})

const noActions: TrayActions = { ask: () => {}, capture: () => {}, open: () => {}, quit: () => {} }
const registered: ShortcutStatuses = {
  ask: { accelerator: 'Alt+Shift+Space', state: 'registered' },
  capture: { accelerator: 'Alt+Shift+S', state: 'registered' }
}

describe('the tray menu', () => {
  it('has Ask, Capture, Open, then Quit, each doing its action', () => {
    const done: string[] = []
    const menu = trayMenuTemplate({
      language: 'en',
      appName: 'Seed Chat',
      shortcuts: registered,
      actions: {
        ask: () => done.push('ask'),
        capture: () => done.push('capture'),
        open: () => done.push('open'),
        quit: () => done.push('quit')
      }
    })
    expect(menu.map((entry) => entry.label ?? entry.type)).toEqual([
      'Quick Ask',
      'Capture Region',
      'Open Seed Chat',
      'separator',
      'Quit Seed Chat'
    ])
    for (const entry of menu) entry.click?.()
    expect(done).toEqual(['ask', 'capture', 'open', 'quit'])
  })

  it('shows each registered shortcut without registering it again', () => {
    const [ask, capture, open] = trayMenuTemplate({
      language: 'en',
      appName: 'Seed Chat',
      shortcuts: registered,
      actions: noActions
    })
    expect(ask).toMatchObject({ accelerator: 'Alt+Shift+Space', registerAccelerator: false })
    expect(capture).toMatchObject({ accelerator: 'Alt+Shift+S', registerAccelerator: false })
    expect(open.accelerator).toBeUndefined()
  })

  it('shows no shortcut the OS refused or the user cleared', () => {
    const [ask, capture] = trayMenuTemplate({
      language: 'en',
      appName: 'Seed Chat',
      shortcuts: {
        ask: { accelerator: 'Alt+Shift+Space', state: 'refused' },
        capture: { accelerator: '', state: 'off' }
      },
      actions: noActions
    })
    expect(ask.accelerator).toBeUndefined()
    expect(capture.accelerator).toBeUndefined()
  })

  it('speaks Chinese in Chinese', () => {
    const menu = trayMenuTemplate({
      language: 'zh-CN',
      appName: 'Seed Chat',
      shortcuts: registered,
      actions: noActions
    })
    expect(menu.map((entry) => entry.label).filter(Boolean)).toEqual([
      '快速提问',
      '截取屏幕区域',
      '打开 Seed Chat',
      '退出 Seed Chat'
    ])
    expect(trayTooltip('zh-CN', 'Seed Chat')).toBe('Seed Chat')
  })
})

describe('the Quick Ask window', () => {
  const left = { x: -1920, y: 0, width: 1920, height: 1040 }
  const primary = { x: 0, y: 0, width: 2560, height: 1400 }

  it('opens on the display under the cursor, centred across and a third of the way down', () => {
    const onPrimary = quickAskBounds({ x: 100, y: 900 }, [primary, left])
    expect(onPrimary).toEqual({
      x: (2560 - QUICK_ASK_SIZE.width) / 2,
      y: Math.round((1400 - QUICK_ASK_SIZE.height) / 3),
      ...QUICK_ASK_SIZE
    })
    const onLeft = quickAskBounds({ x: -5, y: 10 }, [primary, left])
    expect(onLeft.x).toBe(-1920 + (1920 - QUICK_ASK_SIZE.width) / 2)
    expect(onLeft.x + onLeft.width).toBeLessThanOrEqual(0)
  })

  it('takes the nearest display when the cursor is on none, and fits a small one', () => {
    const small = { x: 3000, y: 0, width: 600, height: 400 }
    const bounds = quickAskBounds({ x: 3700, y: 200 }, [primary, small])
    expect(bounds).toEqual({ x: 3000, y: 0, width: 600, height: 400 })
  })

  it('the shortcut shows it, brings it forward, or hides it', () => {
    expect(onAskShortcut({ visible: false, focused: false, pinned: false })).toBe('show')
    expect(onAskShortcut({ visible: true, focused: false, pinned: true })).toBe('focus')
    expect(onAskShortcut({ visible: true, focused: true, pinned: true })).toBe('hide')
  })

  it('hides on losing focus unless pinned; Esc hides it either way', () => {
    expect(onQuickAskBlur({ visible: true, focused: false, pinned: false })).toBe('hide')
    expect(onQuickAskBlur({ visible: true, focused: false, pinned: true })).toBe('stay')
    expect(onQuickAskBlur({ visible: false, focused: false, pinned: false })).toBe('stay')
    expect(onQuickAskEscape({ visible: true, focused: true, pinned: true })).toBe('hide')
    expect(onQuickAskEscape({ visible: false, focused: false, pinned: false })).toBe('stay')
  })

  it('closing: Quick Ask only hides; the main window hides in the tray or on macOS, else quits', () => {
    const close = (window: 'main' | 'quick', keepInTray: boolean, platform: NodeJS.Platform) =>
      onWindowClose({ window, quitting: false, keepInTray, platform })
    expect(close('quick', false, 'linux')).toBe('hide')
    expect(close('main', true, 'linux')).toBe('hide')
    expect(close('main', true, 'win32')).toBe('hide')
    expect(close('main', false, 'darwin')).toBe('hide')
    expect(close('main', false, 'linux')).toBe('quit')
    expect(close('main', false, 'win32')).toBe('quit')
    for (const window of ['main', 'quick'] as const)
      expect(onWindowClose({ window, quitting: true, keepInTray: true, platform: 'darwin' })).toBe(
        'close'
      )
  })
})
