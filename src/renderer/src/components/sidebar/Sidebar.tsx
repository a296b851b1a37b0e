import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sidebarRows, startOfDay, type SidebarRow } from '../../lib/conversationGroups'
import { projectRows, type ProjectListRow } from '../../lib/projectRows'
import { ariaKeyShortcuts, keyHint, shortcutFor } from '../../lib/shortcuts'
import { useApp } from '../../store/StoreProvider'
import { ConversationMenu } from './ConversationMenu'
import { ConversationRow, type OpenMenu } from './ConversationRow'
import { GroupHeader } from './GroupHeader'
import { ProjectRow, ProjectsHeader } from './ProjectRows'
import { CONVERSATION_ROW_HEIGHT, GROUP_HEADER_HEIGHT } from './rowHeights'
import { IconButton } from '../../ui/IconButton'
import { Tooltip } from '../../ui/Tooltip'
import './Sidebar.css'

// Ask for the next page when the last rendered row is this close to the end of what is loaded.
const LOAD_MORE_WITHIN_ROWS = 15

/**
 * New chat, search, the conversation list (Pinned, then date groups by last activity, each
 * collapsible), Settings and the shortcut sheet.
 */
export function Sidebar() {
  const { t } = useTranslation()
  const all = useApp((s) => s.conversations)
  // An archived conversation opened from search or the Archived view is loaded, not listed.
  const conversations = useMemo(() => all.filter((c) => !c.archived), [all])
  const activeId = useApp((s) => s.activeConversationId)
  const streaming = useApp((s) => s.streaming)
  const hasMore = useApp((s) => s.conversationsNext !== null)
  const loading = useApp((s) => s.conversationsLoading)
  const newChat = useApp((s) => s.newChat)
  const loadMore = useApp((s) => s.loadMoreConversations)
  const openSettings = useApp((s) => s.openSettings)
  const openSearch = useApp((s) => s.openSearch)
  const openShortcuts = useApp((s) => s.openShortcuts)
  const openArchived = useApp((s) => s.openArchived)
  const collapsedGroups = useApp((s) => s.collapsedGroups)
  const toggleGroup = useApp((s) => s.toggleGroup)
  const projects = useApp((s) => s.projects)
  const expandedProjects = useApp((s) => s.expandedProjects)
  const today = useToday()
  // Projects first (each with its chats when expanded), then the chats in no project by date.
  const outside = useMemo(() => conversations.filter((c) => c.projectId === null), [conversations])
  const listRows: ListRow[] = useMemo(
    () => [
      ...projectRows(projects, conversations, new Set(expandedProjects)),
      ...sidebarRows(outside, new Set(collapsedGroups), today)
    ],
    [projects, conversations, expandedProjects, outside, collapsedGroups, today]
  )
  const scrollRef = useRef<HTMLElement>(null)
  const [menu, setMenu] = useState<OpenMenu | null>(null)
  const [renamingId, setRenamingId] = useState<number | null>(null)

  const virtualizer = useVirtualizer({
    count: listRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) =>
      listRows[index].kind === 'header' || listRows[index].kind === 'projects-header'
        ? GROUP_HEADER_HEIGHT
        : CONVERSATION_ROW_HEIGHT,
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
  const menuConversation = menu ? all.find((c) => c.id === menu.conversationId) : undefined

  return (
    <aside className="sidebar">
      <div className="sidebar-top">
        <Tooltip text={t('sidebar.newChat')} shortcut="newChat">
          <button type="button" className="button button-primary new-chat" onClick={newChat}>
            <span aria-hidden="true" className="icon-plus" />
            {t('sidebar.newChat')}
          </button>
        </Tooltip>
        {/*
          A button that looks like a field: typing starts in the search panel itself, so an input
          method (Chinese, Japanese) never loses its composition to a focus change.
        */}
        <button
          type="button"
          className="sidebar-search"
          onClick={openSearch}
          aria-keyshortcuts={ariaKeyShortcuts(shortcutFor('search'))}
        >
          <span aria-hidden="true" className="icon-search" />
          <span className="sidebar-search-text">{t('sidebar.search')}</span>
          {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: a <kbd> is not focusable; the button's name already says Search */}
          <kbd aria-hidden="true">{keyHint('search')}</kbd>
        </button>
      </div>
      <nav
        ref={scrollRef}
        className="conversation-nav"
        aria-label={t('sidebar.conversations')}
        onScroll={menu ? () => closeMenu(false) : undefined}
      >
        {conversations.length === 0 && projects.length === 0 && !loading ? (
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
            if (listRow.kind === 'projects-header')
              return <ProjectsHeader key={row.key} start={row.start} />
            if (listRow.kind === 'project') {
              return (
                <ProjectRow
                  key={row.key}
                  project={listRow.project}
                  expanded={listRow.expanded}
                  start={row.start}
                />
              )
            }
            const { conversation, index } = listRow
            const inProject = listRow.kind === 'project-chat'
            return (
              <ConversationRow
                key={row.key}
                conversation={conversation}
                start={row.start}
                position={index + 1}
                total={inProject ? listRow.total : outside.length}
                inProject={inProject}
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
        <Tooltip text={t('sidebar.settings')} shortcut="settings">
          <button
            type="button"
            className="button button-quiet settings-button"
            onClick={openSettings}
          >
            <span aria-hidden="true" className="icon-gear" />
            {t('sidebar.settings')}
          </button>
        </Tooltip>
        <IconButton
          className="archived-button"
          label={t('archive.view')}
          onClick={() => void openArchived()}
        >
          <span aria-hidden="true" className="icon-archive-button" />
        </IconButton>
        <IconButton
          className="shortcuts-button"
          label={t('sidebar.shortcuts')}
          shortcut="showShortcuts"
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

type ListRow = SidebarRow | ProjectListRow

function rowKey(row: ListRow): string {
  if (row.kind === 'header') return `group:${row.key}`
  if (row.kind === 'projects-header') return 'projects'
  if (row.kind === 'project') return `project:${row.project.id}`
  return `${row.kind}:${row.conversation.id}`
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
