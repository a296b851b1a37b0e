// The requests the desktop shell serves: hiding and pinning Quick Ask, showing a conversation in
// the main window, the global shortcuts' status. Without a shell (the CLI, the Chromium harness)
// they do what they can without one: the event still goes out, the rest is nothing.
import type { EmitEvent, Handlers } from '../../shared/contract'
import { SHORTCUTS_UNAVAILABLE, type ShortcutStatuses } from '../../shared/desktop'

export type DesktopRequest =
  | 'hideQuickAsk'
  | 'setQuickAskPinned'
  | 'showInMainWindow'
  | 'getShortcutStatus'

/** What the Electron shell does for these requests (src/main/shell/desktop.ts). */
export interface DesktopHost {
  hideQuickAsk(): void
  setQuickAskPinned(pinned: boolean): void
  /** Brings the main window forward (shown, restored, focused). */
  showMainWindow(): void
  shortcutStatus(): ShortcutStatuses
}

export function desktopHandlers(
  host: DesktopHost | undefined,
  emit: EmitEvent
): Pick<Handlers, DesktopRequest> {
  return {
    hideQuickAsk: async () => {
      host?.hideQuickAsk()
      return null
    },
    setQuickAskPinned: async ({ pinned }) => {
      host?.setQuickAskPinned(pinned)
      return null
    },
    showInMainWindow: async ({ conversationId }) => {
      // Every window hears it; the main window opens the conversation, Quick Ask leaves it.
      emit('showConversation', { conversationId })
      host?.showMainWindow()
      return null
    },
    getShortcutStatus: async () => host?.shortcutStatus() ?? SHORTCUTS_UNAVAILABLE
  }
}
