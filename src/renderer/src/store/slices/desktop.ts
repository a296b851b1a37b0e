// What the two app windows share through main: a conversation sent to from either joins both
// lists (and the other window's open copy is read again), the main window opens what Quick Ask
// hands it, Quick Ask's own requests (hide, pin), and where the global shortcuts stand.
import type { EventPayloads } from '../../../../shared/contract'
import { SHORTCUTS_UNAVAILABLE, type ShortcutStatuses } from '../../../../shared/desktop'
import type { SliceArgs } from '../scope'
import { onArchiveChanged } from './archive'
import { updateConversation } from './conversations'

export interface DesktopSlice {
  /** This store runs the Quick Ask window (the #/quick route), not the main window. */
  quickAsk: boolean
  quickAskPinned: boolean
  shortcutStatus: ShortcutStatuses

  /** Marks this store as Quick Ask's; set before init. */
  setQuickAsk(quickAsk: boolean): void
  /** Esc in Quick Ask: main hides the window (nothing without a desktop shell). */
  hideQuickAsk(): Promise<void>
  setQuickAskPinned(pinned: boolean): Promise<void>
  /** Quick Ask's "Open in Seed Chat": the main window comes forward on this conversation. */
  openInMainWindow(): Promise<void>
  loadShortcutStatus(): Promise<void>
}

export function createDesktopSlice({ set, get, api }: SliceArgs): DesktopSlice {
  return {
    quickAsk: false,
    quickAskPinned: false,
    shortcutStatus: SHORTCUTS_UNAVAILABLE,

    setQuickAsk(quickAsk) {
      set({ quickAsk })
    },

    async hideQuickAsk() {
      const result = await api.hideQuickAsk()
      if (!result.ok) set({ banner: result.error })
    },

    async setQuickAskPinned(pinned) {
      set({ quickAskPinned: pinned })
      const result = await api.setQuickAskPinned({ pinned })
      if (!result.ok) set({ quickAskPinned: !pinned, banner: result.error })
    },

    async openInMainWindow() {
      const result = await api.showInMainWindow({ conversationId: get().activeConversationId })
      if (!result.ok) set({ banner: result.error })
    },

    async loadShortcutStatus() {
      const result = await api.getShortcutStatus()
      if (result.ok) set({ shortcutStatus: result.value })
    }
  }
}

/** Subscribes to the events the windows share; returns the unsubscribers. */
export function listenToDesktop(args: SliceArgs): Array<() => void> {
  const { api, set, get } = args
  return [
    api.onConversationChanged((changed) => onConversationChanged(args, changed)),
    api.onArchiveChanged((changed) => onArchiveChanged(args, changed)),
    api.onShowConversation(({ conversationId }) => {
      const state = get()
      // Quick Ask hands conversations over; it never takes one.
      if (state.quickAsk || state.phase !== 'chat') return
      if (state.search.open) state.closeSearch()
      if (state.settingsOpen) state.closeSettings()
      if (conversationId === null) state.newChat()
      else void state.openConversation(conversationId)
    }),
    api.onShortcutStatus((status) => set({ shortcutStatus: status }))
  ]
}

function onConversationChanged(
  args: SliceArgs,
  { conversation }: EventPayloads['conversationChanged']
): void {
  const { set, get, scope } = args
  updateConversation(args, conversation, true)
  const state = get()
  // This window's own request (its answer settles the messages), or a conversation not loaded here.
  if (state.sending || scope.stream.tracking || !state.messagesByConversation[conversation.id])
    return
  // The other window sent in it: what this window holds is out of date; read it again when open.
  const { [conversation.id]: _stale, ...messagesByConversation } = state.messagesByConversation
  set({ messagesByConversation })
  if (state.activeConversationId === conversation.id) void state.openConversation(conversation.id)
}
