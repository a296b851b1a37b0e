// What the desktop shell adds around the chat: the two global shortcuts and where each stands.

/** The actions a global shortcut (and the tray) runs. */
export const SHORTCUT_ACTIONS = ['ask', 'capture'] as const
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number]

/**
 * Where a global shortcut stands: registered with the OS, refused by it (taken by another app or
 * the system), off (no shortcut set), or unavailable (no desktop shell: the CLI, the test harness).
 */
export type ShortcutState = 'registered' | 'refused' | 'off' | 'unavailable'

export interface ShortcutStatus {
  /** The accelerator this state is about ("" when off or unavailable). */
  accelerator: string
  state: ShortcutState
}

export type ShortcutStatuses = Record<ShortcutAction, ShortcutStatus>

/** The status without a desktop shell. */
export const SHORTCUTS_UNAVAILABLE: ShortcutStatuses = {
  ask: { accelerator: '', state: 'unavailable' },
  capture: { accelerator: '', state: 'unavailable' }
}
