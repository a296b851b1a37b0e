// The window's layout: whether the sidebar shows (beside the chat, or over it in a narrow window),
// its collapsed groups, and the shortcut sheet.
import type { SliceArgs } from '../scope'

export interface LayoutSlice {
  /** The sidebar beside the chat, in a wide window. */
  sidebarOpen: boolean
  /** The window is narrow (below 900 px): the sidebar is an overlay, closed until asked for. */
  narrowWindow: boolean
  /** The sidebar shows over the chat (narrow windows only). */
  sidebarOverlayOpen: boolean
  shortcutsOpen: boolean
  /** The sidebar's groups the user folded away (keys from lib/conversationGroups.ts). */
  collapsedGroups: readonly string[]

  /** Hides or shows the sidebar: beside the chat, or over it in a narrow window. */
  toggleSidebar(): void
  closeSidebarOverlay(): void
  setNarrowWindow(narrow: boolean): void
  toggleGroup(key: string): void
  openShortcuts(): void
  closeShortcuts(): void
}

/** The layout slice: the sidebar's visibility and the shortcut sheet. */
export function createLayoutSlice({ set }: SliceArgs): LayoutSlice {
  return {
    sidebarOpen: true,
    narrowWindow: false,
    sidebarOverlayOpen: false,
    shortcutsOpen: false,
    collapsedGroups: [],

    toggleSidebar() {
      set((state) =>
        state.narrowWindow
          ? { sidebarOverlayOpen: !state.sidebarOverlayOpen }
          : { sidebarOpen: !state.sidebarOpen }
      )
    },

    closeSidebarOverlay() {
      set({ sidebarOverlayOpen: false })
    },

    setNarrowWindow(narrow) {
      set({ narrowWindow: narrow, sidebarOverlayOpen: false })
    },

    toggleGroup(key) {
      set((state) => ({
        collapsedGroups: state.collapsedGroups.includes(key)
          ? state.collapsedGroups.filter((group) => group !== key)
          : [...state.collapsedGroups, key]
      }))
    },

    openShortcuts() {
      set({ shortcutsOpen: true })
    },

    closeShortcuts() {
      set({ shortcutsOpen: false })
    }
  }
}
