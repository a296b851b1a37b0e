import { memo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment, Message } from '../../../shared/types'
import { formatBytes, formatDuration } from '../attachments'
import { splitByTerms } from '../history'
import type { SearchHighlight } from '../store'
import { useApp } from '../storeContext'
import { Thumbnail } from '../ui/Thumbnail'
import { ContextTrimOffer } from './ContextTrimOffer'
import { ErrorNotice } from './ErrorNotice'
import { canContinue, MessageActions, VersionSwitcher, type MessagePlace } from './MessageActions'
import { ReplyParams } from './ReplyParams'
import { SaveAgainOffer } from './SaveAgainOffer'
import './MessageView.css'
import { SafeMarkdown } from './SafeMarkdown'

const NO_TERMS: readonly string[] = []

/**
 * One message: the user's text in a bubble, or the assistant's reasoning, answer and footer.
 * `highlight` is set on the message a search result opened: it is marked, and so are its matches.
 */
export const MessageView = memo(function MessageView({
  message,
  highlight = null
}: {
  message: Message
  highlight?: SearchHighlight | null
}) {
  const { t } = useTranslation()
  const terms = highlight?.terms ?? NO_TERMS
  const highlighted = highlight ? { 'aria-current': true as const, 'data-highlighted': 'true' } : {}
  const place = useMessagePlace(message)
  const editing = useApp((s) => s.editingMessageId === message.id)
  if (message.role === 'user') {
    return (
      <article
        className={highlight ? 'message message-user message-highlighted' : 'message message-user'}
        aria-label={t('message.you')}
        {...highlighted}
      >
        <div className="message-user-body">
          {message.attachments?.length ? (
            <MessageAttachments attachments={message.attachments} terms={terms} />
          ) : null}
          {editing ? (
            <QuestionEditor message={message} busy={place.busy} />
          ) : message.content !== '' ? (
            <div className="message-bubble">
              <MarkedText text={message.content} terms={terms} />
            </div>
          ) : null}
          {editing ? null : (
            // Right-aligned: the switcher stays at the edge while the actions are hidden.
            <div className="message-toolbar">
              <MessageActions message={message} place={place} />
              <VersionSwitcher message={message} busy={place.busy} />
            </div>
          )}
        </div>
      </article>
    )
  }
  const streaming = message.status === 'streaming'
  return (
    <article
      className={
        highlight ? 'message message-assistant message-highlighted' : 'message message-assistant'
      }
      aria-label={t('message.assistant')}
      aria-busy={streaming}
      {...highlighted}
    >
      {message.reasoning !== '' ? (
        <Thinking
          reasoning={message.reasoning}
          // A match in the reasoning is shown: the section opens by itself.
          autoOpen={(streaming && message.content === '') || highlight?.field === 'reasoning'}
          streaming={streaming}
          terms={terms}
        />
      ) : null}
      {message.content !== '' ? (
        <SafeMarkdown text={message.content} marks={terms} streaming={streaming} />
      ) : null}
      {streaming && message.content === '' && message.reasoning === '' ? (
        <p className="message-waiting">
          <span className="typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="visually-hidden">{t('message.waiting')}</span>
        </p>
      ) : null}
      {message.error ? <ReplyError message={message} /> : null}
      {!streaming ? <ReplyFooter message={message} place={place} /> : null}
    </article>
  )
})

/** Where a message stands: the last of the path shown or not, and whether actions must wait. */
function useMessagePlace(message: Message): MessagePlace {
  const busy = useApp((s) => s.sending || s.streaming[message.conversationId] !== undefined)
  const last = useApp(
    (s) =>
      s.messagesByConversation[message.conversationId]?.at(-1)?.id === message.id &&
      !s.messageWindows[message.conversationId]?.hasNewer
  )
  // One object per change, so the memoized actions do not re-render for nothing.
  const ref = useRef<MessagePlace>({ busy, last })
  if (ref.current.busy !== busy || ref.current.last !== last) ref.current = { busy, last }
  return ref.current
}

/**
 * A question edited in place: Enter (or "Save and send") sends it as a new version beside the
 * original, Shift+Enter breaks the line, Esc cancels.
 */
function QuestionEditor({ message, busy }: { message: Message; busy: boolean }) {
  const { t } = useTranslation()
  const [text, setText] = useState(message.content)
  const editMessage = useApp((s) => s.editMessage)
  const startEditing = useApp((s) => s.startEditing)
  const empty = text.trim() === '' && message.attachments.length === 0
  const unchanged = text === message.content
  function save(): void {
    if (empty || busy) return
    void editMessage(message.id, text)
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.nativeEvent.isComposing) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      startEditing(null)
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      save()
    }
  }
  return (
    <form
      className="message-editor"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <textarea
        aria-label={t('actions.editLabel')}
        value={text}
        // biome-ignore lint/a11y/noAutofocus: Edit was just asked for: the question's own text box takes the focus
        autoFocus
        onFocus={(event) => event.currentTarget.setSelectionRange(text.length, text.length)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="message-editor-hint">{t('actions.editHint')}</p>
      <div className="message-editor-buttons">
        <button type="button" className="button" onClick={() => startEditing(null)}>
          {t('actions.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={empty || busy || unchanged}
        >
          {t('actions.saveAndSend')}
        </button>
      </div>
    </form>
  )
}

/** Plain text with the search matches in <mark>. */
function MarkedText({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>
  return (
    <>
      {splitByTerms(text, terms).map((piece, index) =>
        piece.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one text, in order, never reordered
          <mark key={index} className="search-mark">
            {piece.text}
          </mark>
        ) : (
          piece.text
        )
      )}
    </>
  )
}

/** The images and videos sent with a message: thumbnail, name, and for videos length and fps. */
function MessageAttachments({
  attachments,
  terms
}: {
  attachments: Attachment[]
  terms: readonly string[]
}) {
  const { t } = useTranslation()
  return (
    <ul className="message-attachments" aria-label={t('attachments.sent')}>
      {attachments.map((attachment, index) => (
        <li
          // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be attached twice; the order is fixed
          key={`${attachment.sha256}-${index}`}
          className="message-attachment"
          title={`${attachment.name} · ${formatBytes(attachment.bytes)}`}
        >
          <Thumbnail
            url={attachment.thumbnailUrl}
            name={attachment.name}
            kind={attachment.kind}
            className="message-thumb"
          />
          <span className="message-attachment-name">
            <MarkedText text={attachment.name} terms={terms} />
          </span>
          {attachment.kind === 'video' ? (
            <span className="video-badge">
              <span className="visually-hidden">{t('attachments.video')}: </span>
              {t('attachments.badge', {
                duration: formatDuration(attachment.durationSeconds ?? 0),
                fps: attachment.fps ?? 1
              })}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  )
}

function Thinking({
  reasoning,
  autoOpen,
  streaming,
  terms
}: {
  reasoning: string
  autoOpen: boolean
  streaming: boolean
  terms: readonly string[]
}) {
  const { t } = useTranslation()
  // Open on its own while only reasoning has arrived; once the user toggles, their choice wins.
  const [chosen, setChosen] = useState<boolean | null>(null)
  const open = chosen ?? autoOpen
  return (
    <details className="thinking" open={open}>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a <summary> is interactive (it toggles its <details>) */}
      <summary
        onClick={(event) => {
          event.preventDefault()
          setChosen(!open)
        }}
      >
        {t('message.thinking')}
        {streaming ? <span className="thinking-pulse" aria-hidden="true" /> : null}
      </summary>
      <div className="thinking-text">
        <MarkedText text={reasoning} terms={terms} />
      </div>
    </details>
  )
}

function ReplyError({ message }: { message: Message }) {
  const retryReply = useApp((s) => s.retryReply)
  const busy = useApp((s) => s.streaming[message.conversationId] !== undefined)
  // Main retries only a conversation's last reply (the new one is written at the end).
  const isLast = useApp(
    (s) => s.messagesByConversation[message.conversationId]?.at(-1)?.id === message.id
  )
  return (
    <>
      <ErrorNotice
        error={message.error!}
        className="message-error"
        retryDisabled={busy}
        onRetry={isLast ? () => void retryReply(message.id) : undefined}
      />
      <ContextTrimOffer message={message} />
      <SaveAgainOffer message={message} />
    </>
  )
}

/** "1,234" in the user's language. */
function formatCount(count: number, language: string): string {
  return new Intl.NumberFormat(language).format(count)
}

/** The footer in people's words: what matters about how the reply ended, its length, its thinking time. */
function ReplyFooter({ message, place }: { message: Message; place: MessagePlace }) {
  const { t, i18n } = useTranslation()
  const continueReply = useApp((s) => s.continueReply)
  const { usage, finishReason, status } = message
  // Continue is offered where the reply was cut short, on the last reply of the path.
  const continueButton =
    place.last && canContinue(message) ? (
      <button
        type="button"
        className="button button-small"
        disabled={place.busy}
        onClick={() => void continueReply(message.id)}
      >
        {t('actions.continue')}
      </button>
    ) : null
  const notes: Array<{ text: string; warning: boolean; action: boolean }> = []
  if (finishReason === 'length')
    notes.push({ text: t('message.cutOff'), warning: true, action: true })
  if (finishReason === 'content_filter')
    notes.push({ text: t('message.contentFilter'), warning: true, action: false })
  if (status === 'stopped')
    notes.push({ text: t('message.stopped'), warning: false, action: finishReason !== 'length' })
  if (status === 'interrupted')
    notes.push({ text: t('message.interrupted'), warning: true, action: finishReason !== 'length' })
  const words: string[] = []
  if (usage)
    words.push(
      t('message.tokens', {
        count: usage.completionTokens,
        formatted: formatCount(usage.completionTokens, i18n.language)
      })
    )
  if (
    message.reasoningMs !== null &&
    message.reasoningMs !== undefined &&
    message.reasoning !== ''
  ) {
    words.push(thoughtFor(t, message.reasoningMs))
  }
  const details = usage
    ? [
        t('message.promptTokens', { count: usage.promptTokens }),
        t('message.completionTokens', { count: usage.completionTokens }),
        ...(usage.reasoningTokens
          ? [t('message.reasoningTokens', { count: usage.reasoningTokens })]
          : [])
      ].join(' · ')
    : undefined
  const hasParams = message.params !== null && Object.keys(message.params).length > 0
  return (
    <footer className="message-footer">
      {notes.map((note) => (
        <p
          key={note.text}
          className={`${note.warning ? 'note note-warning' : 'note'}${note.action && continueButton ? ' note-with-action' : ''}`}
        >
          <span>{note.text}</span>
          {note.action ? continueButton : null}
        </p>
      ))}
      {/* The actions last: hidden until hover, they leave no gap in the words. */}
      <div className="message-toolbar">
        <VersionSwitcher message={message} busy={place.busy} />
        {hasParams ? <ReplyParams params={message.params} /> : null}
        {words.length > 0 ? (
          <p className="message-meta" title={details}>
            {words.map((word) => (
              <span key={word}>{word}</span>
            ))}
          </p>
        ) : null}
        <MessageActions message={message} place={place} />
      </div>
    </footer>
  )
}

/** "Thought for 12 s", "Thought for 2 min 5 s", "Thought for less than a second". */
function thoughtFor(t: ReturnType<typeof useTranslation>['t'], ms: number): string {
  const seconds = Math.round(ms / 1000)
  if (seconds < 1) return t('message.thoughtBriefly')
  if (seconds < 60) return t('message.thoughtFor', { seconds })
  return t('message.thoughtForMinutes', {
    minutes: Math.floor(seconds / 60),
    seconds: seconds % 60
  })
}
