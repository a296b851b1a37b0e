import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ChatPane } from './components/ChatPane'
import { DropZone } from './components/DropZone'
import { SettingsDialog } from './components/SettingsDialog'
import { SetupScreen } from './components/SetupScreen'
import { Sidebar } from './components/Sidebar'
import { applyLanguage } from './i18n'
import { selectIsStreaming } from './store'
import { useApp, useAppStore } from './storeContext'

/** The window: a loading note, the setup screen, or the chat with its settings dialog. */
export function App() {
  const { t } = useTranslation()
  const phase = useApp((s) => s.phase)
  const language = useApp((s) => s.settings.language)
  const settingsOpen = useApp((s) => s.settingsOpen)

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
  if (phase === 'setup') return <SetupScreen />
  return (
    <div className="app">
      <Sidebar />
      <ChatPane />
      {settingsOpen ? <SettingsDialog /> : null}
      <DropZone />
    </div>
  )
}

/** Esc closes settings or stops the streaming reply; Ctrl/Cmd+N starts a new chat. */
function useWindowShortcuts(): void {
  const store = useAppStore()
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      // Keys that belong to an IME composition are the IME's.
      if (event.isComposing) return
      const state = store.getState()
      if (state.phase !== 'chat') return
      if (event.key === 'Escape') {
        if (state.settingsOpen) {
          event.preventDefault()
          state.closeSettings()
        } else if (selectIsStreaming(state)) {
          event.preventDefault()
          void state.stopReply()
        }
        return
      }
      const mod = event.ctrlKey || event.metaKey
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'n' && !state.settingsOpen) {
        event.preventDefault()
        state.newChat()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])
}
