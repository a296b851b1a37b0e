// Find in a chat, in the message list: scrolls the virtualized list to the current match's
// message (once per move), marks the matches of the rows on screen as they render, and brings the
// current match itself into view when its message is taller than the window. While the user reads
// a match, the rows around the next one are rendered (and measured) ahead, off screen, so the
// step to it only scrolls.
import { defaultRangeExtractor, type Range as RowRange } from '@tanstack/react-virtual'
import {
  type RefObject,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState
} from 'react'
import { foldQuery, locateMatch } from '../../../../shared/find'
import type { Message } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'
import { matchesIn, paintHighlights } from './findHighlights'

/** A mark, set each time the current match is painted (the benchmark and tests wait on it). */
export const FIND_PAINTED_MARK = 'find-current-painted'

/**
 * The message list's rows to render: the virtualizer's range, and the rows around the message
 * the next find step goes to (its id set by useFindInList), rendered ahead off screen.
 */
export function useRenderAhead(messages: readonly Message[]) {
  const [aheadId, setAheadId] = useState<number | null>(null)
  const around = aheadId === null ? -1 : messages.findIndex((message) => message.id === aheadId)
  const rangeExtractor = useCallback(
    (range: RowRange) => withRowsAround(defaultRangeExtractor(range), range, around),
    [around]
  )
  return { rangeExtractor, renderAhead: setAheadId }
}

/**
 * The rows of the virtualizer's range (`rows`, in order) and those a step centring the row at
 * `around` would show (as many as the range on screen and its overscan), in order; -1: none.
 */
export function withRowsAround(rows: number[], range: RowRange, around: number): number[] {
  if (around === -1 || rows.length === 0) return rows
  const half = Math.ceil((range.endIndex - range.startIndex) / 2) + range.overscan
  const from = Math.max(0, around - half)
  const to = Math.min(range.count - 1, around + half)
  if (from >= rows[0] && to <= rows[rows.length - 1]) return rows
  const all = new Set(rows)
  for (let index = from; index <= to; index++) all.add(index)
  return [...all].sort((a, b) => a - b)
}

/** Keeps the find bar's matches marked in the list and the current one in view. */
export function useFindInList(
  scrollRef: RefObject<HTMLElement | null>,
  feedRef: RefObject<HTMLDivElement | null>,
  messages: readonly Message[],
  /** Scrolls the list so the message at this index is centred. */
  centerMessage: (index: number) => void,
  /** Renders the rows around this message ahead (useRenderAhead), or none. */
  renderAhead: (messageId: number | null) => void
): void {
  const find = useApp((s) =>
    s.find.open && s.find.result && s.find.conversationId === s.activeConversationId ? s.find : null
  )
  const needle = useMemo(() => (find ? foldQuery(find.query) : ''), [find])
  const counts = useMemo(
    () => new Map(find?.result?.hits.map((hit) => [hit.messageId, hit.count]) ?? []),
    [find?.result]
  )
  const at = find?.result ? locateMatch(find.result.hits, find.current) : null
  const token = find?.token ?? 0
  const atId = at?.messageId ?? -1
  const atNth = at?.nth ?? 0
  const shown = messages.length > 0
  const index = at ? messages.findIndex((message) => message.id === at.messageId) : -1
  // The move already scrolled to, and the one whose match was already brought into view.
  const scrolled = useRef(-1)
  const revealed = useRef(-1)
  // Where the next step most likely goes: on in the direction of the last one (forward at first).
  const total = find?.result?.total ?? 0
  const currentIndex = find?.current ?? -1
  const moved = useRef({ index: -1, backward: false })
  if (moved.current.index !== currentIndex) {
    const was = moved.current.index
    const backward = was >= 0 && total > 1 && currentIndex === (was - 1 + total) % total
    moved.current = { index: currentIndex, backward }
  }
  const nextAt =
    find?.result && currentIndex >= 0 && total > 1
      ? locateMatch(
          find.result.hits,
          (currentIndex + (moved.current.backward ? -1 : 1) + total) % total
        )
      : null
  const nextId = nextAt?.messageId ?? null

  // biome-ignore lint/correctness/useExhaustiveDependencies: a move (token) or its page arriving (index) scrolls; nothing else
  useLayoutEffect(() => {
    if (index === -1 || scrolled.current === token) return
    scrolled.current = token
    // A message already in view stays where it is (the match itself is brought in when painted).
    const row = feedRef.current?.querySelector(`.message-row[data-message-id="${atId}"]`)
    const view = scrollRef.current?.getBoundingClientRect()
    const box = row?.getBoundingClientRect()
    if (view && box && box.bottom > view.top && box.top < view.bottom) return
    centerMessage(index)
  }, [token, index])

  useEffect(() => {
    const feed = feedRef.current
    const scroller = scrollRef.current
    if (!needle || !shown || !feed || !scroller) {
      paintHighlights([], null)
      return
    }
    let frame = 0
    const ahead = new MessageChannel()
    ahead.port1.onmessage = (event: MessageEvent<number | null>) => renderAhead(event.data)
    const paint = () => {
      frame = 0
      const all: Range[] = []
      let current: Range | null = null
      for (const row of feed.querySelectorAll<HTMLElement>('.message-row[data-message-id]')) {
        const id = Number(row.dataset.messageId)
        if (!counts.has(id)) continue
        const ranges = matchesIn(row, needle)
        if (id === atId && ranges.length) {
          // Main counted the stored text; the rendered one may hold fewer (a link's address).
          current = ranges[Math.min(atNth, ranges.length - 1)]
          ranges.splice(ranges.indexOf(current), 1)
        }
        all.push(...ranges)
      }
      paintHighlights(all, current)
      if (!current) return
      if (revealed.current !== token) {
        revealed.current = token
        const view = scroller.getBoundingClientRect()
        const box = current.getBoundingClientRect()
        if (box.top < view.top || box.bottom > view.bottom)
          scroller.scrollTop += box.top - view.top - view.height / 2
      }
      performance.mark(FIND_PAINTED_MARK)
      // Once this frame is painted (a task posted from a frame callback runs after its paint):
      // the next match's rows, ahead. Not a transition: a key pressed meanwhile would throw its
      // work away, and the step would mount the rows itself.
      ahead.port2.postMessage(nextId)
    }
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(paint)
    }
    schedule()
    // Rows come and go as the list scrolls, and their Markdown and code render later: re-mark.
    const observer = new MutationObserver(schedule)
    observer.observe(feed, { childList: true, subtree: true, characterData: true })
    return () => {
      ahead.port1.close()
      observer.disconnect()
      if (frame) cancelAnimationFrame(frame)
    }
  }, [needle, counts, atId, atNth, token, shown, feedRef, scrollRef, nextId, renderAhead])
  useEffect(() => {
    if (!needle) renderAhead(null)
  }, [needle, renderAhead])
  useEffect(() => () => paintHighlights([], null), [])
}
