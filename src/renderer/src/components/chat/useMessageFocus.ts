import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject
} from 'react'
import type { Message } from '../../../../shared/types'

// What Tab could reach inside a message (its actions, links, code's Copy, the reasoning toggle).
const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]'
// Marks the controls this hook took out of the tab order, to give them back.
const PARKED = 'data-roving-parked'

/**
 * The messages as one tab stop: the WAI-ARIA feed pattern with a roving tabindex. The list is a
 * `feed` of `article`s; exactly one message (the current one: the last, or the last one focused)
 * has tabindex 0, the others -1, and the controls inside every other message are out of the tab
 * order. So Tab reaches the current message, Tab again walks into its own actions and then on out
 * of the list; ArrowUp/ArrowDown (and PageUp/PageDown, as the feed pattern says) move between
 * messages, Home/End to the first and last one loaded. The attributes are set on the DOM here
 * rather than in MessageView, so the rows (virtualized, memoized, streaming) stay as they are.
 */
export function useMessageFocus(
  feedRef: RefObject<HTMLElement | null>,
  messages: readonly Message[],
  scrollToIndex: (index: number) => void
): {
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void
  onFocus: (event: FocusEvent<HTMLElement>) => void
} {
  const [currentId, setCurrentId] = useState<number | null>(null)
  // The message to move focus to once it is rendered (a move may scroll to a row not yet there).
  const [pendingFocus, setPendingFocus] = useState<number | null>(null)
  const current =
    currentId !== null && messages.some((m) => m.id === currentId)
      ? currentId
      : (messages.at(-1)?.id ?? null)

  // Re-applied on every change of the rows: virtualization and streaming add elements any time.
  useLayoutEffect(() => {
    const feed = feedRef.current
    if (!feed) return
    const apply = (): void => applyTabStops(feed, current, messages.length)
    apply()
    // Rows come and go with scrolling; inside a row, a streaming reply adds elements every frame:
    // only controls added to a message that is not the tab stop need parking, not every row again.
    const observer = new MutationObserver((records) => {
      if (records.some(changesRows)) apply()
      else for (const record of records) parkAdded(record)
    })
    observer.observe(feed, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [feedRef, current, messages.length])

  // A message focused any way (a click on its actions, a search result) becomes the current one.
  const onFocus = useCallback((event: FocusEvent<HTMLElement>): void => {
    const id = messageIdOf(event.target)
    if (id !== null) setCurrentId(id)
  }, [])

  useEffect(() => {
    if (pendingFocus === null) return
    let frame = 0
    let tries = 0
    const focus = (): void => {
      const article = feedRef.current?.querySelector<HTMLElement>(
        `[data-message-id="${pendingFocus}"] > article`
      )
      if (article) {
        article.focus()
        setPendingFocus(null)
      } else if (tries++ < 30) frame = requestAnimationFrame(focus)
    }
    focus()
    return () => cancelAnimationFrame(frame)
  }, [feedRef, pendingFocus])

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>): void => {
      const target = event.target as HTMLElement
      const onArticle = target.matches('[data-message-id] > article')
      const inText = target.matches('input, textarea, select, [contenteditable="true"]')
      const index = messages.findIndex((m) => m.id === messageIdOf(target))
      if (index === -1 || event.altKey || event.ctrlKey || event.metaKey || inText) return
      let next: number
      if (event.key === 'PageDown' || (onArticle && event.key === 'ArrowDown')) next = index + 1
      else if (event.key === 'PageUp' || (onArticle && event.key === 'ArrowUp')) next = index - 1
      else if (onArticle && event.key === 'Home') next = 0
      else if (onArticle && event.key === 'End') next = messages.length - 1
      else return
      event.preventDefault()
      next = Math.max(0, Math.min(messages.length - 1, next))
      setCurrentId(messages[next].id)
      scrollToIndex(next)
      setPendingFocus(messages[next].id)
    },
    [messages, scrollToIndex]
  )

  return { onKeyDown, onFocus }
}

/** The id of the message an element belongs to, or null outside any message. */
function messageIdOf(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null
  const id = target.closest('[data-message-id]')?.getAttribute('data-message-id')
  return id ? Number(id) : null
}

/**
 * One tab stop: the current message's article (or, when virtualization left it unrendered, the
 * first one rendered); the controls of every other message parked out of the tab order.
 */
function applyTabStops(feed: HTMLElement, current: number | null, count: number): void {
  const rows = [...feed.querySelectorAll<HTMLElement>('[data-message-id]')]
  const stop = rows.find((row) => Number(row.dataset.messageId) === current) ?? rows[0] ?? null
  for (const row of rows) {
    const article = row.querySelector<HTMLElement>(':scope > article')
    if (!article) continue
    const isStop = row === stop
    setAttribute(article, 'tabindex', isStop ? '0' : '-1')
    setAttribute(article, 'aria-setsize', String(count))
    setAttribute(article, 'aria-posinset', String(Number(row.dataset.index) + 1))
    for (const control of article.querySelectorAll<HTMLElement>(FOCUSABLE)) {
      if (isStop && control.hasAttribute(PARKED)) {
        const was = control.getAttribute(PARKED)
        control.removeAttribute(PARKED)
        if (was === '') control.removeAttribute('tabindex')
        else control.setAttribute('tabindex', was!)
      } else if (!isStop) park(control)
    }
  }
}

const ROW = '[data-message-id]'

/** Whether a mutation added or removed rows (or an article in a row), not just content inside one. */
function changesRows(record: MutationRecord): boolean {
  const target = record.target
  if (!(target instanceof Element) || target.closest(`${ROW} > article`) === null) return true
  return [...record.addedNodes, ...record.removedNodes].some(
    (node) => node instanceof Element && (node.matches(ROW) || node.querySelector(ROW) !== null)
  )
}

/** Parks the controls a mutation added inside a message that is not the tab stop. */
function parkAdded(record: MutationRecord): void {
  const article = (record.target as Element).closest<HTMLElement>(`${ROW} > article`)
  if (!article || article.getAttribute('tabindex') === '0') return
  for (const node of record.addedNodes) {
    if (!(node instanceof HTMLElement)) continue
    const controls = node.matches(FOCUSABLE) ? [node] : []
    for (const control of [...controls, ...node.querySelectorAll<HTMLElement>(FOCUSABLE)])
      park(control)
  }
}

function park(control: HTMLElement): void {
  if (control.hasAttribute(PARKED) || control.tabIndex < 0) return
  control.setAttribute(PARKED, control.getAttribute('tabindex') ?? '')
  control.setAttribute('tabindex', '-1')
}

// Writing only what changed keeps the observer from seeing its own writes as new work.
function setAttribute(element: HTMLElement, name: string, value: string): void {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value)
}
