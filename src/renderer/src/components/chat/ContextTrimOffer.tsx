import { useTranslation } from 'react-i18next'
import type { AppErrorInfo } from '../../../../shared/errors'
import type { Message } from '../../../../shared/types'
import { modelInfoOf } from '../../lib/attachmentRules'
import { turnsThatFit } from '../../lib/promptEstimate'
import { useApp } from '../../store/StoreProvider'

// The server's own name for it, when main passes the error on as a bad request.
const OUT_OF_CONTEXT =
  /OutofContextError|context[_ ]length|maximum context|too long for the context/i

/** Whether a reply failed because the request was longer than the model's context. */
export function isContextTooLong(error: AppErrorInfo): boolean {
  // context_too_long is main's code for it (issue 8); older builds say bad_request with the server's message.
  return (
    (error.code as string) === 'context_too_long' ||
    (error.code === 'bad_request' && OUT_OF_CONTEXT.test(error.message))
  )
}

/**
 * Under a reply that failed for being too long: "Retry with only the last N turns of history",
 * which sets the conversation's history to send and asks again. The question being answered
 * always goes; N counts the earlier turns (historyTurns): as many as the estimate fits in 80% of
 * the context, and always fewer than were sent.
 */
export function ContextTrimOffer({ message }: { message: Message }) {
  const { t } = useTranslation()
  const conversation = useApp((s) => s.conversations.find((c) => c.id === message.conversationId))
  const messages = useApp((s) => s.messagesByConversation[message.conversationId])
  const models = useApp((s) => s.models)
  const busy = useApp((s) => s.streaming[message.conversationId] !== undefined)
  const trim = useApp((s) => s.trimHistoryAndRetry)
  if (!message.error || !isContextTooLong(message.error) || !conversation || !messages) return null
  if (messages.at(-1)?.id !== message.id) return null
  const questions = messages.filter((m) => m.role === 'user').length
  const earlierSent = Math.min(conversation.params.historyTurns ?? Infinity, questions - 1)
  if (earlierSent <= 1) return null
  const context = modelInfoOf(models, message.model ?? conversation.model).context
  // turnsThatFit counts the question being answered as a turn.
  const fit = turnsThatFit(messages, conversation.params, context) - 1
  const turns = Math.max(1, Math.min(fit, earlierSent - 1))
  return (
    <div className="form-actions form-actions-start">
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={() => void trim(message.id, turns)}
      >
        {t('params.trimHistory', { count: turns })}
      </button>
    </div>
  )
}
