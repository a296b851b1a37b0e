import { useVirtualizer } from '@tanstack/react-virtual'
import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent
} from 'react'
import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../shared/types'
import { sidebarRows, startOfDay, type SidebarRow } from '../lib/conversationGroups'
import { IS_MAC } from '../lib/platform'
import { useApp } from '../storeContext'
import type { MenuAnchor } from '../ui/Menu'
import { ConversationMenu } from './ConversationMenu'
import { TitleEditor } from './TitleEditor'
import { IconButton } from '../ui/IconButton'
import './Sidebar.css'

// Every row has a fixed height (conversations one, group headers another): no measuring, so
// 100,000 rows cost what 30 do.
export const CONVERSATION_ROW_HEIGHT = 36
export const GROUP_HEADER_HEIGHT = 30
// Ask for the next page when the last rendered row is this close to the end of what is loaded.
const LOAD_MORE_WITHIN_ROWS = 15

interface OpenMenu {
  conversationId: number
  anchor: MenuAnchor
  /** The actions button it was opened from (null for a right click). */
  buttonId: string | null
}

/**
 * New chat, search, the conversation list (Pinned, then date groups by last activity, each
 * collapsible), Settings and the shortcut sheet.
 */
export function Sidebar() {
  const { t } = useTranslation()
  const conversations = useApp((s) => s.conversations)
  const activeId = useApp((s) => s.activeConversationId)
  const streaming = useApp((s) => s.streaming)
  const hasMore = useApp((s) => s.conversationsNext !== null)
  const loading = useApp((s) => s.conversationsLoading)
  const newChat = useApp((s) => s.newChat)
  const loadMore = useApp((s) => s.loadMoreConversations)
  const openSettings = useApp((s) => s.openSettings)
  const openSearch = useApp((s) => s.openSearch)
  const openShortcuts = useApp((s) => s.openShortcuts)
  const collapsedGroups = useApp((s) => s.collapsedGroups)
  const toggleGroup = useApp((s) => s.toggleGroup)
  const today = useToday()
  const listRows = useMemo(
    () => sidebarRows(conversations, new Set(collapsedGroups), today),
    [conversations, collapsedGroups, today]
  )
  const scrollRef = useRef<HTMLElement>(null)
  const [menu, setMenu] = useState<OpenMenu | null>(null)
  const [renamingId, setRenamingId] = useState<number | null>(null)

  const virtualizer = useVirtualizer({
    count: listRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) =>
      listRows[index].kind === 'header' ? GROUP_HEADER_HEIGHT : CONVERSATION_ROW_HEIGHT,
    getItemKey: (index) => rowKey(listRows[index]),
    overscan: 8
  })
  const rows = virtualizer.getVirtualItems()
  const lastRendered = rows.length > 0 ? rows[rows.length - 1].index : -1

  // Infinite scroll: pages come in as the end of the loaded list nears the window, never all.
  useEffect(() => {
    if (hasMore && !loading && lastRendered >= listRows.length - LOAD_MORE_WITHIN_ROWS)
      void loadMore()
  }, [hasMore, loading, lastRendered, listRows.length, loadMore])

  const closeMenu = useCallback(
    (refocus: boolean) => {
      setMenu((open) => {
        if (open && refocus) {
          // The row may have scrolled away (virtualized): then focus stays where it is.
          const target = open.buttonId
            ? document.getElementById(open.buttonId)
            : document.querySelector<HTMLElement>(`[data-conversation-id="${open.conversationId}"]`)
          queueMicrotask(() => target?.focus())
        }
        return null
      })
    },
    [setMenu]
  )
  const openMenu = useCallback((next: OpenMenu) => setMenu(next), [])
  const startRename = useCallback((id: number) => setRenamingId(id), [])
  const stopRename = useCallback(() => setRenamingId(null), [])
  const menuConversation = menu
    ? conversations.find((c) => c.id === menu.conversationId)
    : undefined

  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <button type="button" className="button button-primary new-chat" onClick={newChat}>
          <span aria-hidden="true" className="icon-plus" />
          {t('sidebar.newChat')}
        </button>
        {/*
          A button that looks like a field: typing starts in the search panel itself, so an input
          method (Chinese, Japanese) never loses its composition to a focus change.
        */}
        <button
          type="button"
          className="sidebar-search"
          onClick={openSearch}
          aria-keyshortcuts={IS_MAC ? 'Meta+K' : 'Control+K'}
        >
          <span aria-hidden="true" className="icon-search" />
          <span className="sidebar-search-text">{t('sidebar.search')}</span>
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <kbd> is not focusable; the button's name already says Search */}
          <kbd aria-hidden="true">{IS_MAC ? '⌘K' : 'Ctrl K'}</kbd>
        </button>
      </div>
      <nav
        ref={scrollRef}
        className="conversation-nav"
        aria-label={t('sidebar.conversations')}
        onScroll={menu ? () => closeMenu(false) : undefined}
      >
        {conversations.length === 0 && !loading ? (
          <p className="sidebar-empty">{t('sidebar.empty')}</p>
        ) : null}
        <ul className="conversation-list" style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const listRow = listRows[row.index]
            if (listRow.kind === 'header') {
              return (
                <GroupHeader key={row.key} row={listRow} start={row.start} onToggle={toggleGroup} />
              )
            }
            const { conversation, index } = listRow
            return (
              <ConversationRow
                key={row.key}
                conversation={conversation}
                start={row.start}
                position={index + 1}
                total={conversations.length}
                active={conversation.id === activeId}
                streaming={streaming[conversation.id] !== undefined}
                renaming={renamingId === conversation.id}
                menuOpen={menu?.conversationId === conversation.id}
                onOpenMenu={openMenu}
                onStartRename={startRename}
                onStopRename={stopRename}
              />
            )
          })}
        </ul>
        {loading && conversations.length > 0 ? (
          <p className="sidebar-loading" role="status">
            {t('sidebar.loadingMore')}
          </p>
        ) : null}
      </nav>
      <div className="sidebar-bottom">
        <button
          type="button"
          className="button button-quiet settings-button"
          onClick={openSettings}
          aria-keyshortcuts={IS_MAC ? 'Meta+,' : 'Control+,'}
        >
          <span aria-hidden="true" className="icon-gear" />
          {t('sidebar.settings')}
        </button>
        <IconButton
          className="shortcuts-button"
          label={t('sidebar.shortcuts')}
          title={`${t('sidebar.shortcuts')} (${IS_MAC ? '⌘/' : 'Ctrl+/'})`}
          aria-keyshortcuts={IS_MAC ? 'Meta+/' : 'Control+/'}
          onClick={openShortcuts}
        >
          <span aria-hidden="true" className="icon-keyboard" />
        </IconButton>
      </div>
      {menu && menuConversation ? (
        <ConversationMenu
          conversation={menuConversation}
          anchor={menu.anchor}
          labelledBy={menu.buttonId ?? undefined}
          onRename={() => setRenamingId(menuConversation.id)}
          onClose={closeMenu}
        />
      ) : null}
    </aside>
  )
}

function rowKey(row: SidebarRow): string {
  return row.kind === 'header' ? `group:${row.key}` : `conversation:${row.conversation.id}`
}

/** The start of today, moved on at midnight so the date groups follow the calendar. */
function useToday(): number {
  const [today, setToday] = useState(() => startOfDay(Date.now()))
  useEffect(() => {
    const tomorrow = new Date(today)
    tomorrow.setDate(tomorrow.getDate() + 1)
    const timer = setTimeout(
      () => setToday(startOfDay(Date.now())),
      tomorrow.getTime() - Date.now() + 1000
    )
    return () => clearTimeout(timer)
  }, [today])
  return today
}

/** A group's header: its name (a month in the UI language), a button that folds it away. */
const GroupHeader = memo(function GroupHeader({
  row,
  start,
  onToggle
}: {
  row: Extract<SidebarRow, { kind: 'header' }>
  start: number
  onToggle: (key: string) => void
}) {
  const { t, i18n } = useTranslation()
  const label = row.month ? monthLabel(row.month, i18n.language) : t(`sidebar.groups.${row.key}`)
  return (
    <li
      className="conversation-group"
      style={{ transform: `translateY(${start}px)`, height: GROUP_HEADER_HEIGHT }}
    >
      <button
        type="button"
        className="conversation-group-toggle"
        aria-expanded={!row.collapsed}
        data-group={row.key}
        onClick={() => onToggle(row.key)}
      >
        <span aria-hidden="true" className="group-chevron" />
        <span className="conversation-group-label">{label}</span>
        {row.collapsed ? (
          <>
            <span className="conversation-group-count" aria-hidden="true">
              {row.count}
            </span>
            <span className="visually-hidden">
              , {t('sidebar.groupCount', { count: row.count })}
            </span>
          </>
        ) : null}
      </button>
    </li>
  )
})

/** "March" for this year, "March 2025" for another, in the UI language. */
function monthLabel({ year, month }: { year: number; month: number }, language: string): string {
  const thisYear = new Date().getFullYear() === year
  return new Intl.DateTimeFormat(
    language,
    thisYear ? { month: 'long' } : { year: 'numeric', month: 'long' }
  ).format(new Date(year, month - 1, 1))
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
  onOpenMenu(menu: OpenMenu): void
  onStartRename(id: number): void
  onStopRename(): void
}

/** One conversation: open it, or its actions (the ⋯ button, a right click, Shift+F10, F2, Delete). */
const ConversationRow = memo(function ConversationRow({
  conversation,
  start,
  position,
  total,
  active,
  streaming,
  renaming,
  menuOpen,
  onOpenMenu,
  onStartRename,
  onStopRename
}: RowProps) {
  const { t } = useTranslation()
  const openConversation = useApp((s) => s.openConversation)
  const renameConversation = useApp((s) => s.renameConversation)
  const deleteConversation = useApp((s) => s.deleteConversation)
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
          >
            <span className="conversation-title">{title}</span>
            {streaming ? <span className="streaming-dot" aria-hidden="true" /> : null}
          </button>
          {conversation.pinned ? (
            <span className="pin-mark" role="img" aria-label={t('sidebar.pinned')} />
          ) : null}
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
        </>
      )}
    </li>
  )
})
