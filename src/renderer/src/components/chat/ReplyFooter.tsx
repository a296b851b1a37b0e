import { useTranslation } from 'react-i18next'
import type { Message } from '../../../../shared/types'
import { formatNumber } from '../../lib/numberFormat'
import { useApp } from '../../store/StoreProvider'
import { ReplyParams } from '../params/ReplyParams'
import { canContinue, MessageActions, VersionSwitcher, type MessagePlace } from './MessageActions'
import './ReplyFooter.css'

/** The footer in people's words: what matters about how the reply ended, its length, its thinking time. */
export function ReplyFooter({ message, place }: { message: Message; place: MessagePlace }) {
  const { t, i18n } = useTranslation()
  const continueReply = useApp((s) => s.continueReply)
  const retryReply = useApp((s) => s.retryReply)
  const { usage, finishReason, status } = message
  // Stopped before any text came (e.g. while waiting out a rate limit): nothing was kept.
  const nothingArrived = message.content === '' && message.reasoning === ''
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
  // Retry replaces the empty reply; main retries only the last reply of the path.
  const retryButton =
    place.last && nothingArrived ? (
      <button
        type="button"
        className="button button-small"
        disabled={place.busy}
        onClick={() => void retryReply(message.id)}
      >
        {t('errors.retry')}
      </button>
    ) : null
  const notes: Array<{ text: string; warning: boolean; action: boolean }> = []
  if (finishReason === 'length')
    notes.push({ text: t('message.cutOff'), warning: true, action: true })
  if (finishReason === 'content_filter')
    notes.push({ text: t('message.contentFilter'), warning: true, action: false })
  if (status === 'stopped' && nothingArrived)
    notes.push({ text: t('stoppedEmpty.note'), warning: false, action: true })
  else if (status === 'stopped')
    notes.push({ text: t('message.stopped'), warning: false, action: finishReason !== 'length' })
  if (status === 'interrupted')
    notes.push({ text: t('message.interrupted'), warning: true, action: finishReason !== 'length' })
  const words: string[] = []
  if (usage)
    words.push(
      t('message.tokens', {
        count: usage.completionTokens,
        formatted: formatNumber(usage.completionTokens, i18n.language)
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
          className={`${note.warning ? 'note note-warning' : 'note'}${note.action && (continueButton ?? retryButton) ? ' note-with-action' : ''}`}
        >
          <span>{note.text}</span>
          {note.action ? (continueButton ?? retryButton) : null}
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
