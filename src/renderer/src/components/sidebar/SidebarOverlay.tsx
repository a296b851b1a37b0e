import { useEffect, useRef } from 'react'
import { useApp, useAppStore } from '../../store/StoreProvider'
import { Sidebar } from './Sidebar'
import './SidebarOverlay.css'

// Below this width the sidebar leaves the chat its room: it shows over it when asked for.
const NARROW_QUERY = '(max-width: 900px)'

/** Follows the window's width into the store (narrowWindow); no media queries, no change. */
export function useNarrowWindow(): void {
  const setNarrowWindow = useApp((s) => s.setNarrowWindow)
  useEffect(() => {
    // jsdom has no matchMedia: the window counts as wide there.
    const query = window.matchMedia?.(NARROW_QUERY)
    if (!query) return
    setNarrowWindow(query.matches)
    const onChange = (event: MediaQueryListEvent): void => setNarrowWindow(event.matches)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [setNarrowWindow])
}

/**
 * The sidebar in a narrow window: over the chat (never pushing it), closed until the header's
 * toggle or Ctrl/⌘+Shift+S opens it; Esc, a click outside, opening a conversation or a dialog
 * closes it.
 * Focus goes into it on opening and back to the toggle on closing.
 */
export function SidebarOverlay() {
  const open = useApp((s) => s.sidebarOverlayOpen)
  const close = useApp((s) => s.closeSidebarOverlay)
  const activeId = useApp((s) => s.activeConversationId)
  const store = useAppStore()
  const panelRef = useRef<HTMLDivElement>(null)

  // Opening a conversation from the list, or Settings, search or the shortcut sheet from it,
  // closes the overlay: what was asked for shows on its own.
  const dialogOpen = useApp((s) => s.settingsOpen || s.search.open || s.shortcutsOpen)
  useEffect(() => {
    if (store.getState().sidebarOverlayOpen) close()
  }, [activeId, dialogOpen, close, store])

  useEffect(() => {
    if (!open) return
    const panel = panelRef.current
    panel?.querySelector<HTMLElement>('button, [href], [tabindex="0"]')?.focus()
    return () => {
      // Focus left inside the closed overlay goes back to the toggle that opened it.
      if (
        !panel ||
        panel.contains(document.activeElement) ||
        document.activeElement === document.body
      )
        document.querySelector<HTMLElement>('.sidebar-toggle')?.focus()
    }
  }, [open])

  if (!open) return null
  return (
    <div className="sidebar-overlay">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a click on the dimmed chat closes the overlay; Esc does the same from the keyboard */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: Esc closes it (App's key handler) */}
      <div className="sidebar-overlay-backdrop" onClick={close} />
      <div ref={panelRef} className="sidebar-overlay-panel">
        <Sidebar />
      </div>
    </div>
  )
}
