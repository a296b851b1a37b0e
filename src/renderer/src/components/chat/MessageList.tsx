import { useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { selectActiveMessages, selectIsStreaming } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { MessageView } from './MessageView'
import { PlainFirstContext, usePlainFirst } from '../markdown/plainFirst'
import { useValueAfterPaint } from '../../lib/afterPaint'
import { PresetMenu } from '../params/PresetMenu'
import { useMessageFocus } from './useMessageFocus'
import { useFindInList, useRenderAhead } from '../find/useFindInList'
import './MessageList.css'

// A first guess for rows not measured yet; measureElement replaces it with the real height.
const ESTIMATED_ROW_HEIGHT = 160
// Within this many pixels of the end counts as "at the bottom", so streaming keeps following.
const AT_END_THRESHOLD_PX = 48
// How long the virtualizer gets to settle on a search result (rows above it are measured as they
// render) before the first mark of a long message is brought into view.
const MARK_CHECK_DELAY_MS = 350
// Rows rendered beyond each edge of the screen; none in a conversation's first frame (they follow
// once it has been painted), so opening a chat mounts only the rows it shows.
const OVERSCAN = 4
// Within this many pixels of either end of what is loaded, the next page is asked for.
const LOAD_MORE_THRESHOLD_PX = 800

/** The open conversation's messages, virtualized; follows a streaming reply while at the bottom. */
export function MessageList() {
  const { t } = useTranslation()
  const messages = useApp(selectActiveMessages)
  const conversationId = useApp((s) => s.activeConversationId)
  const loading = useApp((s) => s.loadingConversationId !== null)
  const highlight = useApp((s) =>
    s.highlight && s.highlight.conversationId === s.activeConversationId ? s.highlight : null
  )
  const window = useApp((s) =>
    s.activeConversationId === null ? undefined : s.messageWindows[s.activeConversationId]
  )
  const streaming = useApp(selectIsStreaming)
  const loadOlder = useApp((s) => s.loadOlderMessages)
  const loadNewer = useApp((s) => s.loadNewerMessages)
  const showLatest = useApp((s) => s.showLatestMessages)
  const [awayFromEnd, setAwayFromEnd] = useState(false)
  const scrollRef = useRef<HTMLElement>(null)
  const feedRef = useRef<HTMLDivElement>(null)
  // The search result already scrolled to: streaming or re-renders must not scroll there again.
  const scrolledToken = useRef<number | null>(null)
  const plainFirst = usePlainFirst()
  const ahead = useRenderAhead(messages)
  const shownFor = useValueAfterPaint(messages.length > 0 ? conversationId : null)

  const virtualizer = useVirtualizer({
    count: messages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_HEIGHT,
    getItemKey: (index) => messages[index].id,
    overscan: shownFor === conversationId ? OVERSCAN : 0,
    // A conversation opens at its end (or at a search hit, scrolled to below): start the range
    // there, so the rows at the top are never rendered only to be scrolled away.
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    // Keep the bottom in view when rows grow or are appended, as long as the user is there; not
    // while newer pages are still to load below a jump (following them loaded the rest, page
    // after page, to the very end).
    anchorTo: 'end',
    followOnAppend: !(window?.hasNewer ?? false),
    scrollEndThreshold: AT_END_THRESHOLD_PX,
    // Rows around the next find match, rendered ahead of the step (find/useFindInList.ts).
    rangeExtractor: ahead.rangeExtractor
  })

  const scrollToMessage = useCallback(
    (index: number) => virtualizer.scrollToIndex(index, { align: 'auto' }),
    [virtualizer]
  )
  const messageFocus = useMessageFocus(feedRef, messages, scrollToMessage)

  // Opening a conversation or sending a message shows the end of it, wherever the user was.
  let lastUserMessageId: number | null = null
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].role === 'user') {
      lastUserMessageId = messages[i].id
      break
    }
  }
  const count = messages.length
  const highlightIndex = highlight ? messages.findIndex((m) => m.id === highlight.messageId) : -1
  const highlightToken = highlight?.token ?? null
  // Whether the window held the conversation's end at the last commit: a page loaded below a
  // jump (to a search hit or a find match) is no new question and must not scroll to the end.
  const heldEnd = useRef(true)
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new conversation, a new question or a search hit scrolls; the count also changes while older pages load
  useLayoutEffect(() => {
    if (count === 0) return
    // A search result opens the conversation at its message instead of at the end.
    if (highlightIndex !== -1 && highlightToken !== null) {
      if (scrolledToken.current === highlightToken) return
      scrolledToken.current = highlightToken
      virtualizer.scrollToIndex(highlightIndex, { align: 'center' })
      return
    }
    if (!heldEnd.current) return
    virtualizer.scrollToIndex(count - 1, { align: 'end' })
    // Only these say "jump somewhere"; a growing reply is handled by anchorTo above.
  }, [conversationId, lastUserMessageId, highlightIndex, highlightToken])
  const endLoaded = !(window?.hasNewer ?? false)
  useLayoutEffect(() => {
    heldEnd.current = endLoaded
  }, [endLoaded])

  // Find in the chat (Ctrl/⌘+F): after the scroll above, so a page loaded for a match centres it.
  useFindInList(
    scrollRef,
    feedRef,
    messages,
    (index) => virtualizer.scrollToIndex(index, { align: 'center' }),
    ahead.renderAhead
  )

  // Older pages as the user nears the top, newer ones (after a jump to a hit) near the bottom.
  const hasOlder = window?.hasOlder ?? false
  const hasNewer = window?.hasNewer ?? false
  const onScroll = useCallback(() => {
    const scroller = scrollRef.current
    if (!scroller) return
    const fromEnd = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight
    setAwayFromEnd(fromEnd > AT_END_THRESHOLD_PX)
    if (hasOlder && scroller.scrollTop < LOAD_MORE_THRESHOLD_PX) void loadOlder()
    if (hasNewer && fromEnd < LOAD_MORE_THRESHOLD_PX) void loadNewer()
  }, [hasOlder, hasNewer, loadOlder, loadNewer])
  // A first page shorter than the window cannot be scrolled: fill it.
  useEffect(() => {
    if (count > 0) onScroll()
  }, [count, onScroll])

  function jumpToLatest(): void {
    if (hasNewer) void showLatest()
    else if (count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' })
  }

  // A message taller than the window may hold its match below the fold: bring the mark in.
  useEffect(() => {
    if (highlightToken === null || highlightIndex === -1) return
    const timer = setTimeout(() => {
      const scroller = scrollRef.current
      const mark = scroller?.querySelector<HTMLElement>('[data-highlighted] mark')
      if (!scroller || !mark) return
      const view = scroller.getBoundingClientRect()
      const box = mark.getBoundingClientRect()
      if (box.top < view.top || box.bottom > view.bottom) {
        scroller.scrollTop += box.top - view.top - view.height / 2
      }
    }, MARK_CHECK_DELAY_MS)
    return () => clearTimeout(timer)
  }, [highlightToken, highlightIndex])

  return (
    <section
      ref={scrollRef}
      className="message-scroll"
      aria-label={t('chat.messages')}
      onScroll={onScroll}
    >
      {window?.loading === 'older' ? (
        <p role="status" className="message-page-loading">
          {t('chat.loadingOlder')}
        </p>
      ) : null}
      {count === 0 ? (
        loading ? (
          <p role="status" className="empty-state-hint">
            {t('chat.loadingMessages')}
          </p>
        ) : conversationId === null ? (
          <div className="empty-state">
            <h2>{t('chat.emptyTitle')}</h2>
            <p className="empty-state-hint">{t('chat.emptyHint')}</p>
            <PresetMenu />
          </div>
        ) : null
      ) : (
        // A feed: one tab stop, the arrow keys between messages (see useMessageFocus).
        <div
          ref={feedRef}
          role="feed"
          aria-label={t('chat.messages')}
          aria-busy={streaming}
          className="message-canvas"
          style={{ height: virtualizer.getTotalSize() }}
          onKeyDown={messageFocus.onKeyDown}
          onFocus={messageFocus.onFocus}
        >
          {/* Rows open with their text, their Markdown follows right after the first paint. */}
          <PlainFirstContext.Provider value={plainFirst}>
            {virtualizer.getVirtualItems().map((row) => (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                data-message-id={messages[row.index].id}
                className="message-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <MessageView
                  message={messages[row.index]}
                  highlight={row.index === highlightIndex ? highlight : null}
                />
              </div>
            ))}
          </PlainFirstContext.Provider>
        </div>
      )}
      {count > 0 && (hasNewer || (streaming && awayFromEnd)) ? (
        <button type="button" className="jump-to-latest" onClick={jumpToLatest}>
          {t('chat.jumpToLatest')}
        </button>
      ) : null}
    </section>
  )
}
