import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ChatPane } from './components/chat/ChatPane'
import { DeleteMessageDialog } from './components/chat/DeleteMessageDialog'
import { DropZone } from './components/composer/DropZone'
import { MessageShortcuts } from './components/chat/MessageShortcuts'
import { Sidebar } from './components/sidebar/Sidebar'
import { SidebarOverlay, useNarrowWindow } from './components/sidebar/SidebarOverlay'
import { UndoToast } from './components/sidebar/UndoToast'
import { UpdateBanner } from './components/app/UpdateBanner'
import { CrashNoticeBanner } from './components/app/CrashNotice'
import { applyLanguage } from './i18n'
import {
  ArchivedDialog,
  preloadDialogs,
  RecoveryScreen,
  SearchDialog,
  SettingsDialog,
  SetupScreen,
  ShortcutSheet
} from './appParts'
import { applyAppearance } from './lib/appearance'
import { shortcutOf, type ShortcutAction } from './lib/shortcuts'
import { selectIsStreaming, selectKeyOwningDialogOpen, type AppState } from './store'
import { useApp, useAppStore } from './store/StoreProvider'
import './App.css'

/**
 * The window: a loading note, the recovery screen (history refused), the setup screen, or the chat
 * with its search panel, settings dialog and Undo toast.
 */
export function App() {
  const { t } = useTranslation()
  const phase = useApp((s) => s.phase)
  const language = useApp((s) => s.settings.language)
  const theme = useApp((s) => s.settings.theme)
  const fontSize = useApp((s) => s.settings.fontSize)
  const settingsOpen = useApp((s) => s.settingsOpen)
  const searchOpen = useApp((s) => s.search.open)
  const sidebarOpen = useApp((s) => s.sidebarOpen)
  const narrowWindow = useApp((s) => s.narrowWindow)
  const shortcutsOpen = useApp((s) => s.shortcutsOpen)
  const archivedOpen = useApp((s) => s.archivedOpen)

  useEffect(() => applyLanguage(language), [language])
  useEffect(() => applyAppearance({ theme, fontSize }), [theme, fontSize])
  useEffect(() => {
    document.title = t('app.title')
  }, [t])
  useWindowShortcuts()
  useNarrowWindow()
  // The dialogs' code loads once the chat is on screen, so that their first opening is quick.
  useEffect(() => {
    if (phase === 'chat') preloadDialogs()
  }, [phase])

  if (phase === 'loading') {
    return (
      <div className="app-loading" role="status">
        {t('app.loading')}
      </div>
    )
  }
  if (phase === 'recovery') {
    return (
      <>
        <RecoveryScreen />
        <UpdateBanner />
      </>
    )
  }
  if (phase === 'setup') return <SetupScreen />
  return (
    <div className="app" data-sidebar={sidebarOpen && !narrowWindow ? undefined : 'hidden'}>
      {narrowWindow ? <SidebarOverlay /> : sidebarOpen ? <Sidebar /> : null}
      <ChatPane />
      {searchOpen && !settingsOpen ? <SearchDialog /> : null}
      {settingsOpen ? <SettingsDialog /> : null}
      {shortcutsOpen && !settingsOpen ? <ShortcutSheet /> : null}
      {archivedOpen && !settingsOpen ? <ArchivedDialog /> : null}
      <UndoToast />
      <UpdateBanner />
      <CrashNoticeBanner />
      <DropZone />
      <DeleteMessageDialog />
      <MessageShortcuts />
    </div>
  )
}

/**
 * The window's shortcuts (the table in lib/shortcuts.ts): Esc first closes Settings, the shortcut
 * sheet or search; then each shortcut's action. While Settings is open only Esc works; over the
 * shortcut sheet only the sheet's own shortcut; over Parameters or Delete message none.
 */
function useWindowShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      // Keys that belong to an IME composition are the IME's.
      if (event.isComposing || event.defaultPrevented) return
      const state = store.getState()
      if (state.phase !== 'chat' || selectKeyOwningDialogOpen(state)) return
      if (event.key === 'Escape' && closeTopmost(state)) {
        event.preventDefault()
        return
      }
      const shortcut = shortcutOf(event)
      if (shortcut && runWindowShortcut(shortcut.action, state)) event.preventDefault()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}

/**
 * Closes Settings, the shortcut sheet, the Archived view or search, the one on top; false when
 * none is open.
 */
function closeTopmost(state: AppState): boolean {
  if (state.settingsOpen) state.closeSettings()
  else if (state.sidebarOverlayOpen && !state.shortcutsOpen && !state.search.open)
    state.closeSidebarOverlay()
  else if (state.shortcutsOpen) state.closeShortcuts()
  else if (state.archivedOpen) state.closeArchived()
  else if (state.search.open) state.closeSearch()
  else return false
  return true
}

/** Does what a window shortcut says; false when it does not apply here (the key is left alone). */
function runWindowShortcut(action: ShortcutAction, state: AppState): boolean {
  if (action === 'focusComposer') {
    document.querySelector<HTMLTextAreaElement>('.composer-input')?.focus()
    return true
  }
  if (action === 'stopReply') {
    if (!selectIsStreaming(state)) return false
    void state.stopReply()
    return true
  }
  if (state.settingsOpen) return false
  if (action === 'showShortcuts') {
    if (state.shortcutsOpen) state.closeShortcuts()
    else state.openShortcuts()
    return true
  }
  if (state.shortcutsOpen) return false
  switch (action) {
    case 'newChat':
      if (state.search.open) state.closeSearch()
      state.newChat()
      return true
    case 'toggleSidebar':
      state.toggleSidebar()
      return true
    case 'deleteChat':
      if (state.activeConversationId === null || state.search.open) return false
      void state.deleteConversation(state.activeConversationId)
      return true
    case 'search':
      if (state.search.open) state.closeSearch()
      else state.openSearch()
      return true
    case 'settings':
      if (state.search.open) state.closeSearch()
      state.openSettings()
      return true
    default:
      // The composer's and the message shortcuts have handlers of their own.
      return false
  }
}
