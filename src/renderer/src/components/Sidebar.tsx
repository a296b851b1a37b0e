import type { UIEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../storeContext'

// Start loading the next page this far before the end of the list.
const LOAD_MORE_THRESHOLD_PX = 120

/** New chat, the conversation list (newest first, paged) and Settings. */
export function Sidebar() {
  const { t } = useTranslation()
  const conversations = useApp((s) => s.conversations)
  const activeId = useApp((s) => s.activeConversationId)
  const streaming = useApp((s) => s.streaming)
  const hasMore = useApp((s) => s.conversationsNext !== null)
  const loading = useApp((s) => s.conversationsLoading)
  const newChat = useApp((s) => s.newChat)
  const openConversation = useApp((s) => s.openConversation)
  const loadMore = useApp((s) => s.loadMoreConversations)
  const openSettings = useApp((s) => s.openSettings)

  function onScroll(event: UIEvent<HTMLElement>): void {
    const list = event.currentTarget
    if (hasMore && list.scrollHeight - list.scrollTop - list.clientHeight < LOAD_MORE_THRESHOLD_PX) {
      void loadMore()
    }
  }

  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <button type="button" className="button button-primary new-chat" onClick={newChat}>
          <span aria-hidden="true" className="icon-plus" />
          {t('sidebar.newChat')}
        </button>
      </div>
      <nav className="conversation-nav" aria-label={t('sidebar.conversations')} onScroll={onScroll}>
        {conversations.length === 0 && !loading ? <p className="sidebar-empty">{t('sidebar.empty')}</p> : null}
        <ul className="conversation-list">
          {conversations.map((conversation) => {
            const active = conversation.id === activeId
            return (
              <li key={conversation.id}>
                <button
                  type="button"
                  className="conversation-item"
                  aria-current={active ? 'page' : undefined}
                  onClick={() => void openConversation(conversation.id)}
                >
                  <span className="conversation-title">{conversation.title.trim() || t('sidebar.untitled')}</span>
                  {streaming[conversation.id] !== undefined ? (
                    <span className="streaming-dot" aria-hidden="true" />
                  ) : null}
                </button>
              </li>
            )
          })}
        </ul>
        {hasMore ? (
          <button type="button" className="button button-quiet load-more" disabled={loading} onClick={() => void loadMore()}>
            {t('sidebar.loadMore')}
          </button>
        ) : null}
      </nav>
      <div className="sidebar-bottom">
        <button type="button" className="button button-quiet settings-button" onClick={openSettings}>
          <span aria-hidden="true" className="icon-gear" />
          {t('sidebar.settings')}
        </button>
      </div>
    </aside>
  )
}
