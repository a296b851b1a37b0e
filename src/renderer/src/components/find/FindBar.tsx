import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { shortcutOf } from '../../lib/shortcuts'
import { selectActiveMessages, selectChatKeysBlocked, selectIsStreaming } from '../../store'
import { useApp, useAppStore } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import './FindBar.css'

/** The first message row shown at the top of the list: finding starts there. */
function firstShownMessageId(): number | null {
  const scroller = document.querySelector('.message-scroll')
  if (!scroller) return null
  const top = scroller.getBoundingClientRect().top
  for (const row of scroller.querySelectorAll<HTMLElement>('.message-row[data-message-id]')) {
    if (row.getBoundingClientRect().bottom > top) return Number(row.dataset.messageId)
  }
  return null
}

/**
 * Find in the open chat: Ctrl/⌘+F opens the bar (or selects its text), F3 and Shift+F3 step while
 * it is open. Rendered by ChatPane; the marks and scrolling are components/find/useFindInList.
 */
export function FindInChat() {
  const store = useAppStore()
  // A new chat has nothing to find in: the bar waits for a conversation.
  const open = useApp((s) => s.find.open && s.activeConversationId !== null)
  // Where focus was when the bar opened: Esc gives it back.
  const returnTo = useRef<HTMLElement | null>(null)

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if (event.isComposing || event.defaultPrevented) return
      const shortcut = shortcutOf(event)
      const action = shortcut?.action
      if (action !== 'findInChat' && action !== 'findNext' && action !== 'findPrevious') return
      const state = store.getState()
      if (selectChatKeysBlocked(state) || state.activeConversationId === null) return
      event.preventDefault()
      if (action === 'findInChat') {
        if (!state.find.open) {
          const focused = document.activeElement
          returnTo.current = focused instanceof HTMLElement ? focused : null
          state.openFind()
        }
        const input = document.querySelector<HTMLInputElement>('.find-input')
        input?.focus()
        input?.select()
      } else if (state.find.open) void state.stepFind(action === 'findNext' ? 1 : -1)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store])

  return open ? <FindBar returnTo={returnTo} /> : null
}

function FindBar({ returnTo }: { returnTo: { current: HTMLElement | null } }) {
  const { t } = useTranslation()
  const find = useApp((s) => s.find)
  const setQuery = useApp((s) => s.setFindQuery)
  const step = useApp((s) => s.stepFind)
  const closeFind = useApp((s) => s.closeFind)
  const conversationId = useApp((s) => s.activeConversationId)
  // The branch changing under the bar (a new message, a reply ending, another version): count
  // again. Only while its end is loaded: loading pages around a match changes nothing.
  const lastId = useApp((s) =>
    s.activeConversationId !== null && s.messageWindows[s.activeConversationId]?.hasNewer
      ? null
      : (selectActiveMessages(s).at(-1)?.id ?? null)
  )
  const streaming = useApp(selectIsStreaming)
  const input = useRef<HTMLInputElement>(null)
  const asked = useRef<number | null>(null)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: only another conversation or a changed branch asks again
  useEffect(() => {
    if (streaming || !find.query) return
    const refresh = asked.current === conversationId
    asked.current = conversationId
    void setQuery(find.query, firstShownMessageId(), refresh)
  }, [conversationId, lastId, streaming])

  function close(): void {
    closeFind()
    const target = returnTo.current
    if (target?.isConnected) target.focus()
    else document.querySelector<HTMLTextAreaElement>('.composer-input')?.focus()
  }

  const total = find.result?.total ?? 0
  const status = find.failed
    ? t('find.failed')
    : !find.result
      ? ''
      : total === 0
        ? t('find.none')
        : t('find.count', { current: find.current + 1, total })
  return (
    <div className="find-anchor">
      <search className="find-bar" aria-label={t('find.label')}>
        <input
          ref={input}
          className="find-input"
          type="search"
          aria-label={t('find.label')}
          placeholder={t('find.placeholder')}
          value={find.query}
          spellCheck={false}
          onChange={(event) => {
            asked.current = conversationId
            void setQuery(event.target.value, firstShownMessageId())
          }}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing) return
            if (event.key === 'Enter') {
              event.preventDefault()
              void step(event.shiftKey ? -1 : 1)
            } else if (event.key === 'Escape') {
              event.preventDefault()
              close()
            }
          }}
        />
        <span className="find-count" role="status" aria-live="polite">
          {status}
        </span>
        <IconButton
          className="find-previous"
          label={t('find.previous')}
          shortcut="findPrevious"
          disabled={total === 0}
          onClick={() => void step(-1)}
        >
          <span aria-hidden="true" className="find-chevron find-chevron-up" />
        </IconButton>
        <IconButton
          className="find-next"
          label={t('find.next')}
          shortcut="findNext"
          disabled={total === 0}
          onClick={() => void step(1)}
        >
          <span aria-hidden="true" className="find-chevron" />
        </IconButton>
        <IconButton className="find-close" label={t('find.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </search>
    </div>
  )
}
