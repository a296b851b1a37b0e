import {
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject
} from 'react'
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

// Where each open dialog gives focus back: a dialog opened from another one (Settings from
// search) falls back to where the first one came from when its own origin is gone.
const returnTargets = new WeakMap<Element, HTMLElement[]>()

/**
 * Where focus goes back to when a dialog closes: the element focused before it opened, then (if
 * that was in a dialog closed meanwhile) where that dialog came from. Read while rendering, before
 * any autoFocus or child effect inside the new dialog moves the focus.
 */
function focusOrigin(): HTMLElement[] {
  const active = document.activeElement
  if (!(active instanceof HTMLElement) || active === document.body) return []
  const dialog = active.closest('[role="dialog"]')
  return [active, ...((dialog && returnTargets.get(dialog)) ?? [])]
}

/** Focuses the first of `targets` still in the page, unless focus already moved on elsewhere. */
function restoreFocus(targets: HTMLElement[], dialog: HTMLElement | null): void {
  const active = document.activeElement
  const lost = !active || active === document.body || !active.isConnected
  if (!lost && !dialog?.contains(active)) return
  targets.find((target) => target.isConnected)?.focus()
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
  const [origin] = useState(focusOrigin)

  useEffect(() => {
    const dialog = dialogRef.current
    if (dialog) returnTargets.set(dialog, origin)
    const target = initialFocus?.current ?? dialog?.querySelector<HTMLElement>(FOCUSABLE)
    target?.focus()
    // Runs once the dialog has left the page: its focused control went with it.
    return () => restoreFocus(origin, dialog)
  }, [initialFocus, origin])

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a click on the backdrop closes, as Escape does from the keyboard
    <div
      className={backdropClassName}
      onMouseDown={(event) => {
        if (event.target !== event.currentTarget) return
        // Else the press would move focus to the page after the dialog gave it back.
        event.preventDefault()
        onClose()
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
