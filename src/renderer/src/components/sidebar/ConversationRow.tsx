import { memo, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'
import type { MenuAnchor } from '../../ui/Menu'
import { CONVERSATION_ROW_HEIGHT } from './rowHeights'
import { TitleEditor } from './TitleEditor'
import { Tooltip } from '../../ui/Tooltip'

/** A conversation's open actions menu. */
export interface OpenMenu {
  conversationId: number
  anchor: MenuAnchor
  /** The actions button it was opened from (null for a right click). */
  buttonId: string | null
}

interface RowProps {
  conversation: Conversation
  start: number
  position: number
  total: number
  active: boolean
  streaming: boolean
  renaming: boolean
  menuOpen: boolean
  /** A chat shown under its project (indented). */
  inProject?: boolean
  onOpenMenu(menu: OpenMenu): void
  onStartRename(id: number): void
  onStopRename(): void
}

/** One conversation: open it, or its actions (the ⋯ button, a right click, Shift+F10, F2, Delete). */
export const ConversationRow = memo(function ConversationRow({
  conversation,
  start,
  position,
  total,
  active,
  streaming,
  renaming,
  menuOpen,
  inProject,
  onOpenMenu,
  onStartRename,
  onStopRename
}: RowProps) {
  const { t } = useTranslation()
  const openConversation = useApp((s) => s.openConversation)
  const renameConversation = useApp((s) => s.renameConversation)
  const deleteConversation = useApp((s) => s.deleteConversation)
  const setDragged = useApp((s) => s.setDraggedConversation)
  const title = conversation.title.trim() || t('sidebar.untitled')
  const buttonId = `conversation-actions-${conversation.id}`

  function menuBelow(button: HTMLElement): void {
    const box = button.getBoundingClientRect()
    onOpenMenu({
      conversationId: conversation.id,
      anchor: { x: box.left, y: box.bottom + 4 },
      buttonId
    })
  }

  function onContextMenu(event: MouseEvent<HTMLButtonElement>): void {
    event.preventDefault()
    onOpenMenu({
      conversationId: conversation.id,
      anchor: { x: event.clientX, y: event.clientY },
      buttonId: null
    })
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void {
    if (event.key === 'F2') {
      event.preventDefault()
      onStartRename(conversation.id)
    } else if (event.key === 'Delete') {
      event.preventDefault()
      void deleteConversation(conversation.id)
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      menuBelow(event.currentTarget)
    }
  }

  return (
    <li
      className="conversation-row"
      data-active={active || undefined}
      data-pinned={conversation.pinned || undefined}
      data-in-project={inProject || undefined}
      aria-setsize={total}
      aria-posinset={position}
      style={{ transform: `translateY(${start}px)`, height: CONVERSATION_ROW_HEIGHT }}
    >
      {renaming ? (
        <TitleEditor
          title={conversation.title}
          className="conversation-title-editor"
          onSave={(next) => renameConversation(conversation.id, next)}
          onDone={onStopRename}
        />
      ) : (
        <>
          <button
            type="button"
            className="conversation-item"
            data-conversation-id={conversation.id}
            aria-current={active ? 'page' : undefined}
            title={title}
            onClick={() => void openConversation(conversation.id)}
            onDoubleClick={() => onStartRename(conversation.id)}
            onContextMenu={onContextMenu}
            onKeyDown={onKeyDown}
            draggable
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = 'move'
              event.dataTransfer.setData('text/plain', title)
              setDragged(conversation.id)
            }}
            onDragEnd={() => setDragged(null)}
          >
            <span className="conversation-title">{title}</span>
            {streaming ? <span className="streaming-dot" aria-hidden="true" /> : null}
          </button>
          {conversation.pinned ? (
            <span className="pin-mark" role="img" aria-label={t('sidebar.pinned')} />
          ) : null}
          <Tooltip text={t('chat.conversationActions')}>
            <button
              type="button"
              id={buttonId}
              className="conversation-actions"
              aria-label={t('sidebar.actionsFor', { title })}
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              onClick={(event) => menuBelow(event.currentTarget)}
            >
              <span aria-hidden="true" className="icon-more" />
            </button>
          </Tooltip>
        </>
      )}
    </li>
  )
})
