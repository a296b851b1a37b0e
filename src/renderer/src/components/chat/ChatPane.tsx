import { useCallback, useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../../shared/types'
import { selectActiveConversation } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { Composer } from '../composer/Composer'
import { ConversationMenu } from '../sidebar/ConversationMenu'
import { ErrorBanner } from '../app/ErrorNotice'
import { ArchivedMark } from '../archive/ArchivedMark'
import { FindInChat } from '../find/FindBar'
import { MoveToProjectDialog, ParamsPanel, ProjectDialog } from './chatDialogs'
import { LeftOutNotice } from './LeftOutNotice'
import { MessageList } from './MessageList'
import { ModelPicker } from '../models/ModelPicker'
import { ParamsControl } from '../params/ParamsControl'
import { TitleEditor } from '../sidebar/TitleEditor'
import { IconButton } from '../../ui/IconButton'
import type { MenuAnchor } from '../../ui/Menu'
import './ChatPane.css'

/** The main pane: the sidebar toggle, title (renamable), model picker, the chat's menu, messages and the composer. */
export function ChatPane() {
  const { t } = useTranslation()
  const conversation = useApp(selectActiveConversation)
  const [editingTitle, setEditingTitle] = useState(false)
  useEffect(() => setEditingTitle(false), [conversation?.id])
  const paramsPanelOpen = useApp((s) => s.paramsPanelOpen)
  const editingProject = useApp((s) => s.editingProject)
  const moving = useApp((s) => s.movingConversationId)
  return (
    <main className="chat">
      <header className="chat-header">
        <SidebarToggle />
        {conversation ? (
          <ConversationTitle
            conversation={conversation}
            editing={editingTitle}
            onEditingChange={setEditingTitle}
          />
        ) : (
          <h1 className="chat-title">{t('chat.newChatTitle')}</h1>
        )}
        <div className="chat-header-tools">
          <ParamsControl />
          <ModelPicker />
          {conversation ? (
            <ConversationActions
              conversation={conversation}
              onRename={() => setEditingTitle(true)}
            />
          ) : null}
        </div>
      </header>
      <ErrorBanner />
      <FindInChat />
      {/* One list per conversation: it starts at that conversation's end. */}
      <MessageList key={conversation?.id ?? 'new'} />
      <LeftOutNotice />
      <Composer />
      {paramsPanelOpen ? <ParamsPanel key={conversation?.id ?? 'new'} /> : null}
      {editingProject !== null ? <ProjectDialog key={String(editingProject)} /> : null}
      {moving !== null ? <MoveToProjectDialog /> : null}
    </main>
  )
}

/** Hides or shows the sidebar (Ctrl/Cmd+Shift+S): beside the chat, or over it in a narrow window. */
function SidebarToggle() {
  const { t } = useTranslation()
  const sidebarOpen = useApp((s) => (s.narrowWindow ? s.sidebarOverlayOpen : s.sidebarOpen))
  const toggleSidebar = useApp((s) => s.toggleSidebar)
  const label = sidebarOpen ? t('sidebar.hide') : t('sidebar.show')
  return (
    <IconButton
      className="sidebar-toggle"
      label={label}
      shortcut="toggleSidebar"
      aria-expanded={sidebarOpen}
      onClick={toggleSidebar}
    >
      <span aria-hidden="true" className="icon-sidebar" />
    </IconButton>
  )
}

/** The ⋯ button opening the conversation's menu (Rename, Pin, Export, Delete), as in the sidebar. */
function ConversationActions({
  conversation,
  onRename
}: {
  conversation: Conversation
  onRename: () => void
}) {
  const { t } = useTranslation()
  const buttonId = useId()
  const [anchor, setAnchor] = useState<MenuAnchor | null>(null)
  const close = useCallback(
    (refocus: boolean) => {
      setAnchor(null)
      if (refocus) queueMicrotask(() => document.getElementById(buttonId)?.focus())
    },
    [buttonId]
  )
  return (
    <>
      <IconButton
        id={buttonId}
        className="chat-actions"
        label={t('chat.conversationActions')}
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect()
          // Right-aligned under the button (Menu keeps it inside the window).
          setAnchor(anchor ? null : { x: box.right - 200, y: box.bottom + 4 })
        }}
      >
        <span aria-hidden="true" className="icon-more" />
      </IconButton>
      {anchor ? (
        <ConversationMenu
          conversation={conversation}
          anchor={anchor}
          labelledBy={buttonId}
          onRename={onRename}
          onClose={close}
        />
      ) : null}
    </>
  )
}

/** The open conversation's title; the pencil (or a double click) edits it in place. */
function ConversationTitle({
  conversation,
  editing,
  onEditingChange
}: {
  conversation: Conversation
  editing: boolean
  onEditingChange: (editing: boolean) => void
}) {
  const { t } = useTranslation()
  const renameConversation = useApp((s) => s.renameConversation)
  const setEditing = onEditingChange
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
        {conversation.pinned ? (
          <span className="pin-mark pin-mark-inline" role="img" aria-label={t('sidebar.pinned')} />
        ) : null}
        {title}
      </h1>
      {conversation.archived ? <ArchivedMark id={conversation.id} /> : null}
      <IconButton
        className="chat-rename"
        label={t('conversation.rename')}
        onClick={() => setEditing(true)}
      >
        <span aria-hidden="true" className="icon-rename" />
      </IconButton>
    </div>
  )
}
