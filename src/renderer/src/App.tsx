import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ChatPane } from './components/ChatPane'
import { DeleteMessageDialog } from './components/DeleteMessageDialog'
import { DropZone } from './components/DropZone'
import { MessageShortcuts } from './components/MessageShortcuts'
import { RecoveryScreen } from './components/RecoveryScreen'
import { SearchDialog } from './components/SearchDialog'
import { SettingsDialog } from './components/SettingsDialog'
import { SetupScreen } from './components/SetupScreen'
import { Sidebar } from './components/Sidebar'
import { UndoToast } from './components/UndoToast'
import { applyLanguage } from './i18n'
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
  const settingsOpen = useApp((s) => s.settingsOpen)
  const searchOpen = useApp((s) => s.search.open)

  useEffect(() => applyLanguage(language), [language])
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
    <div className="app">
      <Sidebar />
      <ChatPane />
      {searchOpen && !settingsOpen ? <SearchDialog /> : null}
      {settingsOpen ? <SettingsDialog /> : null}
      <UndoToast />
      <DropZone />
      <DeleteMessageDialog />
      <MessageShortcuts />
    </div>
  )
}

/**
 * Esc closes settings or stops the streaming reply; Ctrl/Cmd+N starts a new chat; Ctrl/Cmd+K
 * opens search (and closes it again).
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
        } else if (state.search.open) {
          event.preventDefault()
          state.closeSearch()
        } else if (selectIsStreaming(state)) {
          event.preventDefault()
          void state.stopReply()
        }
        return
      }
      const mod = event.ctrlKey || event.metaKey
      if (!mod || event.shiftKey || event.altKey || state.settingsOpen) return
      const key = event.key.toLowerCase()
      if (key === 'n') {
        event.preventDefault()
        if (state.search.open) state.closeSearch()
        state.newChat()
      } else if (key === 'k') {
        event.preventDefault()
        if (state.search.open) state.closeSearch()
        else state.openSearch()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
