import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../shared/contract'
import { selectActiveConversation } from '../store'
import { useApp } from '../storeContext'
import { Composer } from './Composer'
import { ErrorBanner } from './ErrorNotice'
import { LeftOutNotice } from './LeftOutNotice'
import { MessageList } from './MessageList'
import { ModelPicker } from './ModelPicker'
import { ParamsControl } from './ParamChips'
import { ParamsPanel } from './ParamsPanel'
import { TitleEditor } from './TitleEditor'
import { IconButton } from '../ui/IconButton'
import './ChatPane.css'

/** The main pane: title (renamable), model picker, messages and the composer. */
export function ChatPane() {
  const { t } = useTranslation()
  const conversation = useApp(selectActiveConversation)
  const deleteConversation = useApp((s) => s.deleteConversation)
  const paramsPanelOpen = useApp((s) => s.paramsPanelOpen)
  return (
    <main className="chat">
      <header className="chat-header">
        {conversation ? (
          <ConversationTitle conversation={conversation} />
        ) : (
          <h1 className="chat-title">{t('chat.newChatTitle')}</h1>
        )}
        <div className="chat-header-tools">
          <ParamsControl />
          <ModelPicker />
          {conversation ? (
            // No "are you sure?": the delete waits behind an Undo toast instead.
            <button type="button" className="button button-quiet" onClick={() => void deleteConversation(conversation.id)}>
              {t('chat.deleteChat')}
            </button>
          ) : null}
        </div>
      </header>
      <ErrorBanner />
      <MessageList />
      <LeftOutNotice />
      <Composer />
      {paramsPanelOpen ? <ParamsPanel key={conversation?.id ?? 'new'} /> : null}
    </main>
  )
}

/** The open conversation's title; the pencil (or a double click) edits it in place. */
function ConversationTitle({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation()
  const renameConversation = useApp((s) => s.renameConversation)
  const [editing, setEditing] = useState(false)
  useEffect(() => setEditing(false), [conversation.id])
  const title = conversation.title.trim() || t('sidebar.untitled')

  if (editing) {
    return (
      <div className="chat-title-edit">
        <TitleEditor
          title={conversation.title}
          className="chat-title-editor"
          onSave={(next) => renameConversation(conversation.id, next)}
          onDone={() => setEditing(false)}
        />
      </div>
    )
  }
  return (
    <div className="chat-title-row">
      <h1 className="chat-title" title={title} onDoubleClick={() => setEditing(true)}>
        {conversation.pinned ? <span className="pin-mark pin-mark-inline" role="img" aria-label={t('sidebar.pinned')} /> : null}
        {title}
      </h1>
      <IconButton className="chat-rename" label={t('conversation.rename')} title={t('conversation.rename')} onClick={() => setEditing(true)}>
        <span aria-hidden="true" className="icon-rename" />
      </IconButton>
    </div>
  )
}
