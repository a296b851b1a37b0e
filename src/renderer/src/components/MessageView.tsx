import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment, Message } from '../../../shared/contract'
import { formatBytes, formatDuration } from '../attachments'
import { splitByTerms } from '../history'
import type { SearchHighlight } from '../store'
import { useApp } from '../storeContext'
import { Thumbnail } from '../ui/Thumbnail'
import { ContextTrimOffer } from './ContextTrimOffer'
import { ErrorNotice } from './ErrorNotice'
import { MarkdownView } from './MarkdownView'
import { ReplyParams } from './ReplyParams'
import './MessageView.css'

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
  if (message.role === 'user') {
    return (
      <article
        className={highlight ? 'message message-user message-highlighted' : 'message message-user'}
        aria-label={t('message.you')}
        {...highlighted}
      >
        <div className="message-user-body">
          {message.attachments?.length ? <MessageAttachments attachments={message.attachments} terms={terms} /> : null}
          {message.content !== '' ? (
            <div className="message-bubble">
              <MarkedText text={message.content} terms={terms} />
            </div>
          ) : null}
        </div>
      </article>
    )
  }
  const streaming = message.status === 'streaming'
  return (
    <article
      className={highlight ? 'message message-assistant message-highlighted' : 'message message-assistant'}
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
      {message.content !== '' ? <MarkdownView text={message.content} marks={terms} streaming={streaming} /> : null}
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
      {!streaming ? <ReplyFooter message={message} /> : null}
    </article>
  )
})

/** Plain text with the search matches in <mark>. */
function MarkedText({ text, terms }: { text: string; terms: readonly string[] }) {
  if (terms.length === 0) return <>{text}</>
  return (
    <>
      {splitByTerms(text, terms).map((piece, index) =>
        piece.match ? (
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
function MessageAttachments({ attachments, terms }: { attachments: Attachment[]; terms: readonly string[] }) {
  const { t } = useTranslation()
  return (
    <ul className="message-attachments" aria-label={t('attachments.sent')}>
      {attachments.map((attachment, index) => (
        <li key={`${attachment.sha256}-${index}`} className="message-attachment" title={`${attachment.name} · ${formatBytes(attachment.bytes)}`}>
          <Thumbnail url={attachment.thumbnailUrl} name={attachment.name} kind={attachment.kind} className="message-thumb" />
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
  const isLast = useApp((s) => s.messagesByConversation[message.conversationId]?.at(-1)?.id === message.id)
  return (
    <>
      <ErrorNotice
        error={message.error!}
        className="message-error"
        retryDisabled={busy}
        onRetry={isLast ? () => void retryReply(message.id) : undefined}
      />
      <ContextTrimOffer message={message} />
    </>
  )
}

function ReplyFooter({ message }: { message: Message }) {
  const { t } = useTranslation()
  const { usage, finishReason, status } = message
  const notes: Array<{ text: string; warning: boolean }> = []
  if (finishReason === 'length') notes.push({ text: t('message.cutOff'), warning: true })
  if (status === 'stopped') notes.push({ text: t('message.stopped'), warning: false })
  if (status === 'interrupted') notes.push({ text: t('message.interrupted'), warning: true })
  const tokens = usage
    ? usage.reasoningTokens !== null
      ? t('message.usageWithReasoning', {
          prompt: usage.promptTokens,
          completion: usage.completionTokens,
          reasoning: usage.reasoningTokens
        })
      : t('message.usage', { prompt: usage.promptTokens, completion: usage.completionTokens })
    : null
  const hasParams = message.params !== null && Object.keys(message.params).length > 0
  if (notes.length === 0 && !tokens && !finishReason && !hasParams) return null
  return (
    <footer className="message-footer">
      {notes.map((note) => (
        <p key={note.text} className={note.warning ? 'note note-warning' : 'note'}>
          {note.text}
        </p>
      ))}
      {tokens || finishReason || hasParams ? (
        <p className="message-meta">
          <ReplyParams params={message.params} />
          {tokens ? <span>{tokens}</span> : null}
          {finishReason ? <span>{t('message.finishReason', { reason: finishReason })}</span> : null}
        </p>
      ) : null}
    </footer>
  )
}
