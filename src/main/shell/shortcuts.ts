// The two global shortcuts (Ask, Capture): registered from the settings, each change applied, and
// where each stands (registered, refused by the OS, off) kept for Settings and the tray. No
// electron import: the shell hands in globalShortcut's register and unregister.
import { parseAccelerator } from '../../shared/accelerator'
import { SHORTCUT_ACTIONS, type ShortcutAction, type ShortcutStatuses } from '../../shared/desktop'
import type { Settings } from '../../shared/settings'

/** globalShortcut's two calls: register answers false when the OS or another app has the keys. */
export interface ShortcutRegistrar {
  register(accelerator: string, run: () => void): boolean
  unregister(accelerator: string): void
}

type ShortcutSettings = Pick<Settings, 'askShortcut' | 'captureShortcut'>

const SETTING_OF: Record<ShortcutAction, keyof ShortcutSettings> = {
  ask: 'askShortcut',
  capture: 'captureShortcut'
}

export interface ShortcutKeeper {
  /** Registers the shortcuts the settings name; unchanged registered ones are left alone. */
  apply(settings: ShortcutSettings): ShortcutStatuses
  status(): ShortcutStatuses
  /** Unregisters everything this keeper registered (the app quits). */
  release(): void
}

/** Keeps the global shortcuts in step with the settings, running `actions` when pressed. */
export function createShortcutKeeper(
  registrar: ShortcutRegistrar,
  actions: Record<ShortcutAction, () => void>
): ShortcutKeeper {
  let status: ShortcutStatuses = {
    ask: { accelerator: '', state: 'off' },
    capture: { accelerator: '', state: 'off' }
  }

  const release = (action: ShortcutAction): void => {
    if (status[action].state === 'registered') registrar.unregister(status[action].accelerator)
    status = { ...status, [action]: { accelerator: '', state: 'off' } }
  }

  return {
    apply(settings) {
      const wanted = Object.fromEntries(
        SHORTCUT_ACTIONS.map((action) => {
          const parsed = parseAccelerator(settings[SETTING_OF[action]])
          return [action, parsed.ok ? parsed.accelerator : '']
        })
      ) as Record<ShortcutAction, string>
      // First let go of what changed, so a swap (Ask takes Capture's keys) can register.
      for (const action of SHORTCUT_ACTIONS) {
        const current = status[action]
        if (current.accelerator !== wanted[action] || current.state !== 'registered')
          release(action)
      }
      const taken = new Set<string>()
      for (const action of SHORTCUT_ACTIONS) {
        const accelerator = wanted[action]
        if (status[action].state === 'registered') {
          taken.add(accelerator)
          continue
        }
        if (accelerator === '') continue
        // The same keys for both: the first keeps them, the second is refused like any taken keys.
        const registered =
          !taken.has(accelerator) && registrar.register(accelerator, actions[action])
        if (registered) taken.add(accelerator)
        status = {
          ...status,
          [action]: { accelerator, state: registered ? 'registered' : 'refused' }
        }
      }
      return status
    },
    status: () => status,
    release() {
      for (const action of SHORTCUT_ACTIONS) release(action)
    }
  }
}
