import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { Conversation } from '../../../shared/contract'
import { useApp } from '../storeContext'
import '../ui/Menu.css'

/** Where a menu opens: below a button, or at the pointer for a right click. */
export interface MenuAnchor {
  x: number
  y: number
}

// Keep the menu this far from the window's edges.
const EDGE_PX = 8

/**
 * A conversation's actions: Rename, Pin/Unpin, Export as Markdown or JSON, Delete. A menu in the
 * ARIA sense: arrows move, Enter picks, Esc or a click outside closes. Rendered at the body so
 * neither the sidebar's scrolling nor its virtualized rows can cut it off.
 */
export function ConversationMenu({
  conversation,
  anchor,
  labelledBy,
  onRename,
  onClose
}: {
  conversation: Conversation
  anchor: MenuAnchor
  /** The id of the button that opened it, if a button did. */
  labelledBy?: string
  onRename: () => void
  /** `refocus`: give focus back to where the menu was opened from (not after a click outside). */
  onClose: (refocus: boolean) => void
}) {
  const { t } = useTranslation()
  const menuRef = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState({ left: anchor.x, top: anchor.y })
  const setPinned = useApp((s) => s.setConversationPinned)
  const exportConversation = useApp((s) => s.exportConversation)
  const deleteConversation = useApp((s) => s.deleteConversation)

  // Flip or shift it to stay inside the window.
  useLayoutEffect(() => {
    const menu = menuRef.current
    if (!menu) return
    const { width, height } = menu.getBoundingClientRect()
    const left = Math.max(EDGE_PX, Math.min(anchor.x, window.innerWidth - width - EDGE_PX))
    const top = anchor.y + height + EDGE_PX > window.innerHeight ? Math.max(EDGE_PX, anchor.y - height) : anchor.y
    setPosition({ left, top })
  }, [anchor.x, anchor.y])

  useEffect(() => {
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus()
    function onPointerDown(event: MouseEvent): void {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false)
    }
    function onBlur(): void {
      onClose(false)
    }
    document.addEventListener('mousedown', onPointerDown, true)
    window.addEventListener('blur', onBlur)
    window.addEventListener('resize', onBlur)
    return () => {
      document.removeEventListener('mousedown', onPointerDown, true)
      window.removeEventListener('blur', onBlur)
      window.removeEventListener('resize', onBlur)
    }
  }, [onClose])

  function items(): HTMLElement[] {
    return [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const list = items()
    const at = list.indexOf(document.activeElement as HTMLElement)
    let next: number | null = null
    if (event.key === 'ArrowDown') next = (at + 1) % list.length
    else if (event.key === 'ArrowUp') next = (at - 1 + list.length) % list.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = list.length - 1
    else if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose(true)
      return
    } else if (event.key === 'Tab') {
      event.preventDefault()
      onClose(true)
      return
    }
    if (next !== null) {
      event.preventDefault()
      list[next]?.focus()
    }
  }

  function run(action: () => void, refocus = true): void {
    onClose(refocus)
    action()
  }

  const { id, pinned } = conversation
  return createPortal(
    <div
      ref={menuRef}
      role="menu"
      className="menu"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : t('sidebar.actionsFor', { title: conversation.title })}
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
    >
      <button type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={() => run(onRename, false)}>
        <span aria-hidden="true" className="menu-icon icon-rename" />
        {t('conversation.rename')}
      </button>
      <button type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={() => run(() => void setPinned(id, !pinned))}>
        <span aria-hidden="true" className={`menu-icon ${pinned ? 'icon-unpin' : 'icon-pin'}`} />
        {pinned ? t('conversation.unpin') : t('conversation.pin')}
      </button>
      <div role="separator" className="menu-separator" />
      <button
        type="button"
        role="menuitem"
        className="menu-item"
        tabIndex={-1}
        onClick={() => run(() => void exportConversation(id, 'markdown'))}
      >
        <span aria-hidden="true" className="menu-icon icon-export" />
        {t('conversation.exportMarkdown')}
      </button>
      <button type="button" role="menuitem" className="menu-item" tabIndex={-1} onClick={() => run(() => void exportConversation(id, 'json'))}>
        <span aria-hidden="true" className="menu-icon icon-export" />
        {t('conversation.exportJson')}
      </button>
      <div role="separator" className="menu-separator" />
      <button
        type="button"
        role="menuitem"
        className="menu-item menu-item-danger"
        tabIndex={-1}
        onClick={() => run(() => void deleteConversation(id), false)}
      >
        <span aria-hidden="true" className="menu-icon icon-delete" />
        {t('conversation.delete')}
      </button>
    </div>,
    document.body
  )
}
