import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ChatPane } from './components/ChatPane'
import { DeleteMessageDialog } from './components/DeleteMessageDialog'
import { DropZone } from './components/DropZone'
import { MessageShortcuts } from './components/MessageShortcuts'
import { CrashNoticeBanner } from './components/CrashNotice'
import { RecoveryScreen } from './components/RecoveryScreen'
import { SearchDialog } from './components/SearchDialog'
import { SettingsDialog } from './components/SettingsDialog'
import { SetupScreen } from './components/SetupScreen'
import { ShortcutSheet } from './components/ShortcutSheet'
import { Sidebar } from './components/Sidebar'
import { UndoToast } from './components/UndoToast'
import { applyLanguage } from './i18n'
import { applyAppearance } from './lib/appearance'
import { selectIsStreaming } from './store'
import { useApp, useAppStore } from './storeContext'
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
  const shortcutsOpen = useApp((s) => s.shortcutsOpen)

  useEffect(() => applyLanguage(language), [language])
  useEffect(() => applyAppearance({ theme, fontSize }), [theme, fontSize])
  useEffect(() => {
    document.title = t('app.title')
  }, [t])
  useWindowShortcuts()

  if (phase === 'loading') {
    return (
      <div className="app-loading" role="status">
        {t('app.loading')}
      </div>
    )
  }
  if (phase === 'recovery') return <RecoveryScreen />
  if (phase === 'setup') return <SetupScreen />
  return (
    <div className="app" data-sidebar={sidebarOpen ? undefined : 'hidden'}>
      {sidebarOpen ? <Sidebar /> : null}
      <ChatPane />
      {searchOpen && !settingsOpen ? <SearchDialog /> : null}
      {settingsOpen ? <SettingsDialog /> : null}
      {shortcutsOpen && !settingsOpen ? <ShortcutSheet /> : null}
      <UndoToast />
      <CrashNoticeBanner />
      <DropZone />
      <DeleteMessageDialog />
      <MessageShortcuts />
    </div>
  )
}

/**
 * The window's shortcuts (listed in lib/shortcuts.ts): Esc closes settings, the shortcut sheet or
 * search, or stops the streaming reply; Shift+Esc focuses the message field; with Ctrl/Cmd: N or
 * Shift+O new chat, K search (and closes it again), "," settings, "/" the shortcut sheet, Shift+S
 * the sidebar, Shift+Backspace deletes the open chat (behind the Undo toast).
 */
function useWindowShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      // Keys that belong to an IME composition are the IME's.
      if (event.isComposing || event.defaultPrevented) return
      const state = store.getState()
      if (state.phase !== 'chat') return
      if (event.key === 'Escape') {
        if (state.settingsOpen) {
          event.preventDefault()
          state.closeSettings()
        } else if (state.shortcutsOpen) {
          event.preventDefault()
          state.closeShortcuts()
        } else if (state.search.open) {
          event.preventDefault()
          state.closeSearch()
        } else if (event.shiftKey) {
          event.preventDefault()
          document.querySelector<HTMLTextAreaElement>('.composer-input')?.focus()
        } else if (selectIsStreaming(state)) {
          event.preventDefault()
          void state.stopReply()
        }
        return
      }
      const mod = event.ctrlKey || event.metaKey
      if (!mod || event.altKey || state.settingsOpen) return
      const key = event.key.toLowerCase()
      // "/" by its key where a layout needs Shift for it.
      if (!event.shiftKey && (key === '/' || event.code === 'Slash')) {
        event.preventDefault()
        if (state.shortcutsOpen) state.closeShortcuts()
        else state.openShortcuts()
        return
      }
      if (state.shortcutsOpen) return
      if (event.shiftKey) {
        if (key === 'o') {
          event.preventDefault()
          if (state.search.open) state.closeSearch()
          state.newChat()
        } else if (key === 's') {
          event.preventDefault()
          state.toggleSidebar()
        } else if (
          key === 'backspace' &&
          state.activeConversationId !== null &&
          !state.search.open
        ) {
          event.preventDefault()
          void state.deleteConversation(state.activeConversationId)
        }
        return
      }
      if (key === 'n') {
        event.preventDefault()
        if (state.search.open) state.closeSearch()
        state.newChat()
      } else if (key === 'k') {
        event.preventDefault()
        if (state.search.open) state.closeSearch()
        else state.openSearch()
      } else if (key === ',') {
        event.preventDefault()
        if (state.search.open) state.closeSearch()
        state.openSettings()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
