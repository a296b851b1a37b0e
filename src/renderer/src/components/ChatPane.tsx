import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { selectActiveConversation } from '../store'
import { useApp } from '../storeContext'
import { Composer } from './Composer'
import { ErrorBanner } from './ErrorNotice'
import { LeftOutNotice } from './LeftOutNotice'
import { MessageList } from './MessageList'
import { ModelPicker } from './ModelPicker'

/** The main pane: title, model picker, messages and the composer. */
export function ChatPane() {
  const { t } = useTranslation()
  const conversation = useApp(selectActiveConversation)
  const title = conversation ? conversation.title.trim() || t('sidebar.untitled') : t('chat.newChatTitle')
  return (
    <main className="chat">
      <header className="chat-header">
        <h1 className="chat-title" title={title}>
          {title}
        </h1>
        <div className="chat-header-tools">
          <ModelPicker />
          {conversation ? <DeleteConversation id={conversation.id} /> : null}
        </div>
      </header>
      <ErrorBanner />
      <MessageList />
      <LeftOutNotice />
      <Composer />
    </main>
  )
}

function DeleteConversation({ id }: { id: number }) {
  const { t } = useTranslation()
  const deleteConversation = useApp((s) => s.deleteConversation)
  const [confirming, setConfirming] = useState(false)
  useEffect(() => setConfirming(false), [id])

  if (!confirming) {
    return (
      <button type="button" className="button button-quiet" onClick={() => setConfirming(true)}>
        {t('chat.deleteChat')}
      </button>
    )
  }
  return (
    <div className="confirm" role="group" aria-label={t('chat.deleteChat')}>
      <span>{t('chat.confirmDelete')}</span>
      <button type="button" className="button button-danger" onClick={() => void deleteConversation(id)}>
        {t('chat.delete')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
        {t('chat.cancel')}
      </button>
    </div>
  )
}
