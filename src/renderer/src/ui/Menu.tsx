import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode
} from 'react'
import { createPortal } from 'react-dom'
import './Menu.css'

/** Where a menu opens: below a button, or at the pointer for a right click. */
export interface MenuAnchor {
  x: number
  y: number
}

// Keep the menu this far from the window's edges.
const EDGE_PX = 8

/**
 * A popup menu in the ARIA sense: the first item is focused, arrows (Home, End) move, Enter picks,
 * Esc or Tab closes and gives focus back, a click outside, leaving the window or resizing it closes.
 * Rendered at the body so no scrolling or clipping parent can cut it off.
 */
export function Menu({
  anchor,
  labelledBy,
  label,
  onClose,
  children
}: {
  anchor: MenuAnchor
  /** The id of the button that opened it, if a button did. */
  labelledBy?: string
  /** The menu's name when no button names it. */
  label: string
  /** `refocus`: give focus back to where the menu was opened from (not after a click outside). */
  onClose: (refocus: boolean) => void
  children: ReactNode
}) {
  const menuRef = useRef<HTMLDivElement>(null)
  const [position, setPosition] = useState({ left: anchor.x, top: anchor.y })

  // Flip or shift it to stay inside the window.
  useLayoutEffect(() => {
    const menu = menuRef.current
    if (!menu) return
    const { width, height } = menu.getBoundingClientRect()
    const left = Math.max(EDGE_PX, Math.min(anchor.x, window.innerWidth - width - EDGE_PX))
    const top =
      anchor.y + height + EDGE_PX > window.innerHeight
        ? Math.max(EDGE_PX, anchor.y - height)
        : anchor.y
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

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLElement)
    let next: number | null = null
    if (event.key === 'ArrowDown') next = (at + 1) % items.length
    else if (event.key === 'ArrowUp') next = (at - 1 + items.length) % items.length
    else if (event.key === 'Home') next = 0
    else if (event.key === 'End') next = items.length - 1
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
      items[next]?.focus()
    }
  }

  return createPortal(
    <div
      ref={menuRef}
      role="menu"
      className="menu"
      aria-labelledby={labelledBy}
      aria-label={labelledBy ? undefined : label}
      style={{ left: position.left, top: position.top }}
      onKeyDown={onKeyDown}
    >
      {children}
    </div>,
    document.body
  )
}

/** One action in a Menu, with its icon (a mask class from base.css, e.g. `icon-rename`). */
export function MenuItem({
  icon,
  danger = false,
  onSelect,
  children
}: {
  icon: string
  danger?: boolean
  onSelect: () => void
  children: ReactNode
}) {
  return (
    <button
      type="button"
      role="menuitem"
      className={danger ? 'menu-item menu-item-danger' : 'menu-item'}
      tabIndex={-1}
      onClick={onSelect}
    >
      <span aria-hidden="true" className={`menu-icon ${icon}`} />
      {children}
    </button>
  )
}

/** A line between groups of items. */
export function MenuSeparator() {
  // biome-ignore lint/a11y/useSemanticElements: a menu separator (ARIA) styled as a thin line
  return <div role="separator" className="menu-separator" />
}
