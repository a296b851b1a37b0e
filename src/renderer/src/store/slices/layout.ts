// The window's layout: whether the sidebar shows, its collapsed groups, and the shortcut sheet.
import type { SliceArgs } from '../scope'

export interface LayoutSlice {
  sidebarOpen: boolean
  shortcutsOpen: boolean
  /** The sidebar's groups the user folded away (keys from lib/conversationGroups.ts). */
  collapsedGroups: readonly string[]

  toggleSidebar(): void
  toggleGroup(key: string): void
  openShortcuts(): void
  closeShortcuts(): void
}

/** The layout slice: the sidebar's visibility and the shortcut sheet. */
export function createLayoutSlice({ set }: SliceArgs): LayoutSlice {
  return {
    sidebarOpen: true,
    shortcutsOpen: false,
    collapsedGroups: [],

    toggleSidebar() {
      set((state) => ({ sidebarOpen: !state.sidebarOpen }))
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
