import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { applyLanguage } from '../../i18n'
import { applyAppearance } from '../../lib/appearance'
import { selectActiveConversation } from '../../store'
import { useApp, useAppStore } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import { ErrorBanner } from '../app/ErrorNotice'
import { DeleteMessageDialog } from '../chat/DeleteMessageDialog'
import { LeftOutNotice } from '../chat/LeftOutNotice'
import { MessageList } from '../chat/MessageList'
import { Composer } from '../composer/Composer'
import { DropZone } from '../composer/DropZone'
import { ModelPicker } from '../models/ModelPicker'
import './QuickAsk.css'

/**
 * The Quick Ask window (the #/quick route): the model chip, the answer streaming in, the composer
 * with its attach button. Each chat is an ordinary conversation of the history; Esc hides the
 * window, the pin keeps it open when it loses focus, "Open in Seed Chat" continues in the main
 * window.
 */
export function QuickAsk() {
  const { t } = useTranslation()
  const phase = useApp((s) => s.phase)
  const language = useApp((s) => s.settings.language)
  const theme = useApp((s) => s.settings.theme)
  const fontSize = useApp((s) => s.settings.fontSize)
  const openInMainWindow = useApp((s) => s.openInMainWindow)

  useEffect(() => applyLanguage(language), [language])
  useEffect(() => applyAppearance({ theme, fontSize }), [theme, fontSize])
  useEffect(() => {
    document.title = t('quickAsk.title')
  }, [t])
  useQuickAskKeys()

  if (phase === 'chat') return <QuickChat />
  return (
    <main className="quick-ask quick-ask-waiting">
      <QuickHeader />
      {phase === 'loading' ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <div className="quick-ask-note">
          <p>{t('quickAsk.notReady')}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => void openInMainWindow()}
          >
            {t('quickAsk.openInApp')}
          </button>
        </div>
      )}
    </main>
  )
}

function QuickChat() {
  const conversation = useApp(selectActiveConversation)
  return (
    <main className="quick-ask chat">
      <QuickHeader chat />
      <ErrorBanner />
      <MessageList key={conversation?.id ?? 'new'} />
      <LeftOutNotice />
      <Composer />
      <DropZone />
      {/* A message's Delete asks first, as in the main window. */}
      <DeleteMessageDialog />
    </main>
  )
}

/** The title bar (the window is frameless: it drags by this bar) and the window's buttons. */
function QuickHeader({ chat = false }: { chat?: boolean }) {
  const { t } = useTranslation()
  const pinned = useApp((s) => s.quickAskPinned)
  const setPinned = useApp((s) => s.setQuickAskPinned)
  const newChat = useApp((s) => s.newChat)
  const hasConversation = useApp((s) => s.activeConversationId !== null)
  const openInMainWindow = useApp((s) => s.openInMainWindow)
  return (
    <header className="quick-ask-header">
      <h1 className="quick-ask-title">{t('quickAsk.title')}</h1>
      {chat ? (
        <div className="quick-ask-tools">
          <ModelPicker />
          <IconButton label={t('quickAsk.newChat')} disabled={!hasConversation} onClick={newChat}>
            <span aria-hidden="true" className="quick-icon icon-compose" />
          </IconButton>
          <IconButton
            label={t('quickAsk.pin')}
            aria-pressed={pinned}
            className="quick-ask-pin"
            onClick={() => void setPinned(!pinned)}
          >
            <span aria-hidden="true" className="quick-icon icon-pin" />
          </IconButton>
          <button
            type="button"
            className="button quick-ask-open"
            onClick={() => void openInMainWindow()}
          >
            {t('quickAsk.openInApp')}
          </button>
        </div>
      ) : null}
    </header>
  )
}

/** Esc hides the window, unless something in it (a menu, the model list) took the key first. */
function useQuickAskKeys(): void {
  const store = useAppStore()
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return
      event.preventDefault()
      void store.getState().hideQuickAsk()
    }
    // Shown again: the message box has the keys at once.
    function onFocus(): void {
      document.querySelector<HTMLTextAreaElement>('.composer-input')?.focus()
    }
    window.addEventListener('keydown', onKeyDown)
    window.addEventListener('focus', onFocus)
    return () => {
      window.removeEventListener('keydown', onKeyDown)
      window.removeEventListener('focus', onFocus)
    }
  }, [store])
}
