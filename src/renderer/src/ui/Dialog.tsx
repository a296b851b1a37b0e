import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react'
import './Dialog.css'

// What Tab can reach inside a dialog.
const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [href], [tabindex]:not([tabindex="-1"])'

/** Keeps Tab and Shift+Tab cycling inside `container`. */
export function trapTab(event: KeyboardEvent<HTMLElement>, container: HTMLElement): void {
  if (event.key !== 'Tab') return
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)]
  if (focusable.length === 0) return
  const first = focusable[0]
  const last = focusable[focusable.length - 1]
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault()
    first.focus()
  }
}

/**
 * A modal dialog over a backdrop: focus moves in when it opens (to `initialFocus`, else the first
 * control) and back where it was when it closes, Tab stays inside, a click on the backdrop closes.
 * Esc is left to the caller (the app's window shortcuts, or the dialog's own `onKeyDown`).
 */
export function Dialog({
  labelledBy,
  onClose,
  initialFocus,
  onKeyDown,
  className = 'modal',
  backdropClassName = 'modal-backdrop',
  children
}: {
  /** The id of the dialog's heading (its accessible name). */
  labelledBy: string
  onClose: () => void
  initialFocus?: RefObject<HTMLElement | null>
  /** Runs before the focus trap; `preventDefault()` there keeps the trap out of it. */
  onKeyDown?: (event: KeyboardEvent<HTMLDivElement>) => void
  className?: string
  backdropClassName?: string
  children: ReactNode
}) {
  const dialogRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const target = initialFocus?.current ?? dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE)
    target?.focus()
    return () => previous?.focus()
  }, [initialFocus])

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes, as Escape does from the keyboard
    <div
      className={backdropClassName}
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        ref={dialogRef}
        className={className}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        onKeyDown={(event) => {
          onKeyDown?.(event)
          if (!event.defaultPrevented && dialogRef.current) trapTab(event, dialogRef.current)
        }}
      >
        {children}
      </div>
    </div>
  )
}
