// Streams one reply into the history and out as events: text is saved every flush interval (so
// a crash keeps what arrived), and the reply is finished in one transaction however it ends.
import type { EmitEvent, Message, Usage } from '../../shared/contract'
import { AppError } from '../errors'
import * as conversations from '../history/conversations'
import type { HistoryDatabase } from '../history/database'
import * as messages from '../history/messages'
import { getSettings } from '../settings/settings'
import { isAbort, streamChat, type ChatMessageParam } from './client'
import type { ChatServiceOptions } from './service'

/** What a reply's stream needs from the chat service. */
export interface ReplyStreamDeps {
  db: HistoryDatabase
  emit: EmitEvent
  options: ChatServiceOptions
  now: () => number
}

/** A request's messages, extra body fields and size. */
export interface RequestContext {
  messages: ChatMessageParam[]
  fields: Record<string, unknown>
  bodyBytes: number
}

/** The reply to stream into; `continued` is the reply as it was before a Continue. */
export interface ReplyStreamArgs {
  reply: Message
  apiKey: string
  context: RequestContext
  signal: AbortSignal
  continued?: Message
}

/** Streams into `reply` until the answer ends, fails or is stopped; emits replyDelta and replyEnded. */
export async function streamReply(
  { db, emit, options, now }: ReplyStreamDeps,
  { reply, apiKey, context, signal, continued }: ReplyStreamArgs
): Promise<void> {
  const pending = { content: '', reasoning: '' }
  // Reasoning time: from its first piece to the answer's first piece (or the end).
  const thinking = { from: null as number | null, to: null as number | null }
  const reasoningMs = (): number | null => {
    const thought = thinking.from === null ? null : (thinking.to ?? now()) - thinking.from
    if (continued?.reasoningMs == null) return thought
    return continued.reasoningMs + (thought ?? 0)
  }
  const flush = (): void => {
    // Stryker disable next-line ConditionalExpression: appending two empty strings changes nothing
    if (!pending.content && !pending.reasoning) return
    try {
      messages.appendToMessage(db, reply.id, pending)
    } catch (error) {
      // Kept in `pending` for the next flush; the final write reports a closed database.
      console.error('Could not save streamed text:', error)
      return
    }
    pending.content = ''
    pending.reasoning = ''
  }
  const flushTimer = setInterval(flush, options.flushIntervalMs)
  let ended: Message
  try {
    const end = await streamChat(
      {
        baseURL: options.baseURL ?? getSettings(db).baseURL,
        apiKey,
        model: reply.model!,
        messages: context.messages,
        fields: context.fields,
        uploadBytes: context.bodyBytes,
        signal,
        onDelta: (delta) => {
          if (delta.reasoning && thinking.from === null) thinking.from = now()
          if (delta.content && thinking.from !== null && thinking.to === null) thinking.to = now()
          pending.content += delta.content
          pending.reasoning += delta.reasoning
          emit('replyDelta', {
            conversationId: reply.conversationId,
            messageId: reply.id,
            ...delta
          })
        }
      },
      options
    )
    ended = finish(db, now, reply, flush, {
      status: 'done',
      finishReason: end.finishReason,
      usage: continued ? addUsage(continued.usage, end.usage) : end.usage,
      error: null,
      reasoningMs: reasoningMs()
    })
  } catch (error) {
    const stopped = isAbort(error)
    const info =
      error instanceof AppError
        ? error.toInfo()
        : {
            code: 'internal' as const,
            message: error instanceof Error ? error.message : String(error)
          }
    ended = finish(db, now, reply, flush, {
      status: stopped ? 'stopped' : 'error',
      finishReason: null,
      usage: continued?.usage ?? null,
      error: stopped ? null : info,
      reasoningMs: reasoningMs()
    })
  } finally {
    clearInterval(flushTimer)
  }
  emit('replyEnded', { conversationId: reply.conversationId, message: ended })
}

function finish(
  db: HistoryDatabase,
  now: () => number,
  reply: Message,
  flush: () => void,
  end: Parameters<typeof messages.finishMessage>[2]
): Message {
  return db.transaction(() => {
    flush()
    conversations.touchConversation(db, reply.conversationId, now())
    return messages.finishMessage(db, reply.id, end)
  })()
}

/** A continued reply's usage: the tokens written so far plus the continuation's; its last prompt. */
function addUsage(before: Usage | null, after: Usage | null): Usage | null {
  if (!before || !after) return after ?? before
  return {
    promptTokens: after.promptTokens,
    completionTokens: before.completionTokens + after.completionTokens,
    reasoningTokens:
      before.reasoningTokens === null && after.reasoningTokens === null
        ? null
        : (before.reasoningTokens ?? 0) + (after.reasoningTokens ?? 0)
  }
}
