import {
  cloneElement,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type MouseEvent,
  type ReactElement
} from 'react'
import { createPortal } from 'react-dom'
import { ariaKeyShortcuts, shortcutFor, shortcutKeys, type ShortcutAction } from '../lib/shortcuts'
import './Tooltip.css'

// How long the pointer rests on (or focus stays at) a control before its tooltip shows.
const SHOW_DELAY_MS = 500
// Room between the control and its tooltip, and the tooltip and the window's edges.
const GAP = 6

type TriggerProps = {
  'aria-describedby'?: string
  'aria-keyshortcuts'?: string
  onMouseEnter?: (event: MouseEvent<HTMLElement>) => void
  onMouseLeave?: (event: MouseEvent<HTMLElement>) => void
  onFocus?: (event: FocusEvent<HTMLElement>) => void
  onBlur?: (event: FocusEvent<HTMLElement>) => void
  onPointerDown?: (event: React.PointerEvent<HTMLElement>) => void
}

/**
 * A control's tooltip: its name and, where the shortcut table has one, its keys ("Copy ·
 * Ctrl+Shift+C"). It shows after a short rest of the pointer or on keyboard focus, hides on leave,
 * blur, a click or Esc. The control gets aria-keyshortcuts and aria-describedby pointing at the
 * keys (its name is already its label), so screen readers hear the shortcut too.
 */
export function Tooltip({
  text,
  shortcut,
  children
}: {
  text: string
  shortcut?: ShortcutAction
  children: ReactElement<TriggerProps>
}) {
  const id = useId()
  const keys = shortcut ? shortcutKeys(shortcutFor(shortcut)) : null
  const [anchor, setAnchor] = useState<DOMRect | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  // A focus that follows a click is the pointer's, not the keyboard's: no tooltip for it.
  const pointerDown = useRef(false)

  const cancel = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
  }, [])
  const hide = useCallback(() => {
    cancel()
    setAnchor(null)
  }, [cancel])
  const showSoon = (target: HTMLElement): void => {
    cancel()
    timer.current = setTimeout(() => setAnchor(target.getBoundingClientRect()), SHOW_DELAY_MS)
  }
  useEffect(() => cancel, [cancel])
  useEffect(() => {
    if (!anchor) return
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') hide()
    }
    // Scrolling moves the control away from where the tooltip was placed.
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('scroll', hide, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('scroll', hide, true)
    }
  }, [anchor, hide])

  const props = children.props
  const describedBy = [props['aria-describedby'], keys ? `${id}-keys` : null]
    .filter(Boolean)
    .join(' ')
  const trigger = cloneElement(children, {
    'aria-describedby': describedBy || undefined,
    'aria-keyshortcuts':
      props['aria-keyshortcuts'] ??
      (shortcut ? ariaKeyShortcuts(shortcutFor(shortcut)) : undefined),
    onMouseEnter: (event) => {
      props.onMouseEnter?.(event)
      showSoon(event.currentTarget)
    },
    onMouseLeave: (event) => {
      props.onMouseLeave?.(event)
      hide()
    },
    onPointerDown: (event) => {
      props.onPointerDown?.(event)
      pointerDown.current = true
      hide()
    },
    onFocus: (event) => {
      props.onFocus?.(event)
      if (!pointerDown.current) showSoon(event.currentTarget)
      pointerDown.current = false
    },
    onBlur: (event) => {
      props.onBlur?.(event)
      pointerDown.current = false
      hide()
    }
  })
  return (
    <>
      {trigger}
      {keys ? (
        <span id={`${id}-keys`} hidden>
          {keys}
        </span>
      ) : null}
      {anchor
        ? createPortal(
            <TooltipBubble id={id} anchor={anchor} text={text} keys={keys} />,
            document.body
          )
        : null}
    </>
  )
}

/** The bubble: under the control, or above it near the window's bottom; kept inside the window. */
function TooltipBubble({
  id,
  anchor,
  text,
  keys
}: {
  id: string
  anchor: DOMRect
  text: string
  keys: string | null
}) {
  const ref = useRef<HTMLDivElement>(null)
  const [place, setPlace] = useState<{ left: number; top: number } | null>(null)
  useEffect(() => {
    const box = ref.current!.getBoundingClientRect()
    const below = anchor.bottom + GAP
    const top =
      below + box.height > window.innerHeight - GAP ? anchor.top - GAP - box.height : below
    const centred = anchor.left + anchor.width / 2 - box.width / 2
    const left = Math.min(Math.max(GAP, centred), window.innerWidth - GAP - box.width)
    setPlace({ left, top: Math.max(GAP, top) })
  }, [anchor])
  return (
    <div
      ref={ref}
      id={id}
      role="tooltip"
      className="tooltip"
      style={place ? { left: place.left, top: place.top } : { visibility: 'hidden' }}
    >
      {text}
      {keys ? <kbd className="tooltip-keys">{keys}</kbd> : null}
    </div>
  )
}
