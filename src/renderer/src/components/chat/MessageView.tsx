import { memo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '../../../../shared/types'
import { modelInfoOf } from '../../lib/attachmentRules'
import {
  selectModelCorrections,
  selectModels,
  type AppState,
  type SearchHighlight
} from '../../store'
import { useApp } from '../../store/StoreProvider'
import { ContextTrimOffer } from './ContextTrimOffer'
import { ErrorNotice } from '../app/ErrorNotice'
import { MarkedText } from './MarkedText'
import { MessageAttachments } from './MessageAttachments'
import { MessageActions, VersionSwitcher, type MessagePlace } from './MessageActions'
import { QuestionEditor } from './QuestionEditor'
import { RateLimitWait } from './RateLimitWait'
import { ReplyFooter } from './ReplyFooter'
import { SaveAgainOffer } from './SaveAgainOffer'
import './MessageView.css'
import { SafeMarkdown } from '../markdown/SafeMarkdown'

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
  const retryAt = useApp((s) => s.rateLimitWaits[message.id])
  // Only a question with files asks (it looks through the conversation, on every store change).
  const blindModel = useApp((s) =>
    message.role === 'user' && message.attachments?.length ? modelWithoutSight(s, message) : null
  )
  if (message.role === 'user') {
    return (
      <article
        className={highlight ? 'message message-user message-highlighted' : 'message message-user'}
        aria-label={t('message.you')}
        {...highlighted}
      >
        <div className="message-user-body">
          {message.attachments?.length ? (
            <MessageAttachments
              attachments={message.attachments}
              terms={terms}
              asTextFor={blindModel}
              highlightedImage={highlight?.imageSha256 ?? null}
            />
          ) : null}
          {editing ? (
            <QuestionEditor message={message} busy={place.busy} unanswered={place.last} />
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
      {streaming && retryAt !== undefined ? (
        <RateLimitWait messageId={message.id} retryAt={retryAt} />
      ) : streaming && message.content === '' && message.reasoning === '' ? (
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
 * The model a question went to (its reply's, else the conversation's) when that model cannot see
 * images: its images went as their text. Null when it sees them.
 */
function modelWithoutSight(state: AppState, message: Message): string | null {
  const reply = state.messagesByConversation[message.conversationId]?.find(
    (other) => other.parentId === message.id && other.role === 'assistant'
  )
  const model =
    reply?.model ?? state.conversations.find((c) => c.id === message.conversationId)?.model
  if (!model) return null
  const info = modelInfoOf(selectModels(state), model, selectModelCorrections(state))
  return info.image ? null : model
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
