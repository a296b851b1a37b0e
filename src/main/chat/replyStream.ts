// Streams one reply into the history and out as events: text is saved every flush interval (so
// a crash keeps what arrived), and the reply is finished in one transaction however it ends. A
// disk that refuses the writes never ends the process: the text is kept in memory instead.
import { dirname } from 'node:path'
import type { EmitEvent } from '../../shared/contract'
import type { AppErrorInfo } from '../../shared/errors'
import { estimateTextTokens } from '../../shared/tokenEstimate'
import type { Message, Usage } from '../../shared/types'
import { AppError } from '../errors'
import * as conversations from '../history/conversations'
import type { HistoryDatabase } from '../db/database'
import * as messages from '../history/messages'
import { getSettings } from '../settings/settings'
import { storageError } from '../storage'
import { isAbort, streamChat } from './client'
import type { ChatServiceOptions } from './options'
import type { ReplyControl } from './rateLimitWait'
import type { RequestContext } from './request'

/** What a reply's stream needs from the chat service. */
export interface ReplyStreamDeps {
  db: HistoryDatabase
  emit: EmitEvent
  options: ChatServiceOptions
  now: () => number
}

/** The reply to stream into; `continued` is the reply as it was before a Continue. */
export interface ReplyStreamArgs {
  reply: Message
  apiKey: string
  context: RequestContext
  signal: AbortSignal
  /** Where a rate-limit wait sleeps ("Retry now" cuts it short). */
  rateLimitWait?: ReplyControl
  continued?: Message
}

/** How a reply ended, as finishMessage records it. */
export type ReplyEnd = Parameters<typeof messages.finishMessage>[2]

/** A reply whose final write the disk refused: its whole text and end, kept to save again. */
export interface UnsavedReply {
  content: string
  reasoning: string
  end: ReplyEnd
}

/**
 * Streams into `reply` until the answer ends, fails or is stopped; emits replyDelta and replyEnded.
 * Never rejects: when the disk refuses the final write, the reply ends with the storage error and
 * its text is handed to `onUnsaved`, to be written by saveReplyAgain.
 */
export async function streamReply(
  { db, emit, options, now }: ReplyStreamDeps,
  { reply, apiKey, context, signal, rateLimitWait, continued }: ReplyStreamArgs,
  onUnsaved: (unsaved: UnsavedReply) => void
): Promise<void> {
  // `whole` is everything the reply holds (what a Continue started from, then every delta);
  // `pending` is what the database does not have yet.
  const whole = { content: reply.content, reasoning: reply.reasoning }
  const pending = { content: '', reasoning: '' }
  // Reasoning time: from its first piece to the answer's first piece (or the end).
  const thinking = { from: null as number | null, to: null as number | null }
  const reasoningMs = (): number | null => {
    const thought = thinking.from === null ? null : (thinking.to ?? now()) - thinking.from
    if (continued?.reasoningMs == null) return thought
    return continued.reasoningMs + (thought ?? 0)
  }
  /** Writes what is pending; mid-stream, a trailing high surrogate waits for its other half. */
  const save = (final: boolean): void => {
    const content = final ? pending.content : wholeCodePoints(pending.content)
    const reasoning = final ? pending.reasoning : wholeCodePoints(pending.reasoning)
    // Stryker disable next-line ConditionalExpression: appending two empty strings changes nothing
    if (!content && !reasoning) return
    messages.appendToMessage(db, reply.id, { content, reasoning })
    pending.content = pending.content.slice(content.length)
    pending.reasoning = pending.reasoning.slice(reasoning.length)
  }
  let saveFailed = false
  const flush = (): void => {
    try {
      save(false)
    } catch (error) {
      // Kept in `pending` for the next save; the final write reports the problem with the reply.
      if (!saveFailed) console.error('Could not save streamed text:', error)
      saveFailed = true
    }
  }
  const flushTimer = setInterval(flush, options.flushIntervalMs)
  let end: ReplyEnd
  try {
    const streamed = await streamChat(
      {
        baseURL: options.baseURL ?? getSettings(db).baseURL,
        apiKey,
        model: reply.model!,
        messages: context.messages,
        fields: context.fields,
        uploadBytes: context.bodyBytes,
        signal,
        rateLimitWait,
        onWaiting: (retryAt) =>
          emit('replyWaiting', {
            conversationId: reply.conversationId,
            messageId: reply.id,
            retryAt
          }),
        onDelta: (delta) => {
          if (delta.reasoning && thinking.from === null) thinking.from = now()
          if (delta.content && thinking.from !== null && thinking.to === null) thinking.to = now()
          pending.content += delta.content
          pending.reasoning += delta.reasoning
          whole.content += delta.content
          whole.reasoning += delta.reasoning
          emit('replyDelta', {
            conversationId: reply.conversationId,
            messageId: reply.id,
            ...delta
          })
        }
      },
      options
    )
    end = {
      status: 'done',
      finishReason: streamed.finishReason,
      usage: continued ? addUsage(continued, streamed.usage) : streamed.usage,
      error: null,
      reasoningMs: reasoningMs()
    }
  } catch (error) {
    const stopped = isAbort(error)
    end = {
      status: stopped ? 'stopped' : 'error',
      finishReason: null,
      usage: continued?.usage ?? null,
      error: stopped ? null : errorInfo(error),
      reasoningMs: reasoningMs()
    }
  } finally {
    clearInterval(flushTimer)
  }
  let ended: Message
  try {
    ended = db.transaction(() => {
      save(true)
      conversations.touchConversation(db, reply.conversationId, now())
      return messages.finishMessage(db, reply.id, end)
    })()
  } catch (error) {
    // The disk refused (full, read-only) or the database closed: the text stays in memory and
    // the reply is shown with the reason; Save again writes it once the disk takes it.
    console.error('Could not save the finished reply:', error)
    onUnsaved({ ...whole, end })
    ended = {
      ...reply,
      ...whole,
      status: end.status === 'done' ? 'error' : end.status,
      finishReason: end.finishReason,
      usage: end.usage,
      reasoningMs: end.reasoningMs ?? null,
      error: errorInfo(storageError(error, dirname(db.name)))
    }
  }
  emit('replyEnded', { conversationId: reply.conversationId, message: ended })
}

/** Writes a reply kept in memory after its final write failed; throws while the disk refuses. */
export function saveUnsavedReply(
  db: HistoryDatabase,
  now: () => number,
  id: number,
  unsaved: UnsavedReply
): Message | null {
  return db.transaction(() => {
    // Still the reply left streaming when its final write failed (not deleted, not replaced).
    const reply = messages.getMessage(db, id)
    if (reply?.status !== 'streaming') return null
    messages.setMessageText(db, id, unsaved)
    conversations.touchConversation(db, reply.conversationId, now())
    return messages.finishMessage(db, id, unsaved.end)
  })()
}

/** `text` without a trailing high surrogate, whose other half has not arrived yet. */
function wholeCodePoints(text: string): string {
  const last = text.charCodeAt(text.length - 1)
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text
}

function errorInfo(error: unknown): AppErrorInfo {
  return error instanceof AppError
    ? error.toInfo()
    : { code: 'internal', message: error instanceof Error ? error.message : String(error) }
}

/**
 * A continued reply's usage: the tokens written so far plus the continuation's; its last prompt.
 * A reply stopped or cut by the network before its end got no usage from the API: what it had
 * written is counted by the estimate instead, so the total is never just the continuation's.
 */
function addUsage(continued: Message, after: Usage | null): Usage | null {
  const before: Usage | null =
    continued.usage ??
    (continued.content === '' && continued.reasoning === ''
      ? null
      : {
          promptTokens: 0,
          completionTokens: estimateTextTokens(continued.reasoning + continued.content),
          reasoningTokens:
            continued.reasoning === '' ? null : estimateTextTokens(continued.reasoning)
        })
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
