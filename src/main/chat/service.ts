import type { EmitEvent, LeftOutAttachment, Message, SendResult } from '../../shared/contract'
import { modelOrTextOnly } from '../../shared/models'
import { requestFields, type ChatParams } from '../../shared/params'
import type { AttachmentRefusal } from '../../shared/attachments/refusals'
import { buildRequestMessages, type HistoryTurn } from '../attachments/context'
import { attachToMessage, listConversationAttachments, type NewAttachment } from '../attachments/records'
import type { AttachmentStore } from '../attachments/store'
import { AppError } from '../errors'
import type { HistoryDatabase } from '../history/database'
import * as conversations from '../history/conversations'
import * as messages from '../history/messages'
import { setReplyParams } from '../history/params'
import type { KeyManager } from '../secrets/keychain'
import { getSettings } from '../settings/settings'
import {
  DEFAULT_CHAT_OPTIONS,
  isAbort,
  streamChat,
  type ChatClientOptions,
  type ChatMessageParam
} from './client'
import { checkParams, lastTurns, withSystemPrompt } from './request'

/** The attachment side of a send: the file store, and the drafts waiting in the composer. */
export interface ChatAttachments {
  store: AttachmentStore
  /** Metadata of a stored draft or an attachment already in history; undefined if unknown. */
  find(sha256: string): NewAttachment | undefined
  /** Adds the renderer-facing fields to a message's attachments. */
  decorate(message: Message): Message
}

export interface ChatServiceOptions extends ChatClientOptions {
  /** How often streamed text is written to the database, so a crash keeps it. */
  flushIntervalMs: number
  /** A base URL used instead of the saved setting, without changing it (the CLI's SEED_CHAT_BASE_URL). */
  baseURL?: string
}

export const DEFAULT_SERVICE_OPTIONS: ChatServiceOptions = {
  ...DEFAULT_CHAT_OPTIONS,
  flushIntervalMs: 250
}

/** A request's messages, and the size of its body. */
interface RequestContext {
  messages: ChatMessageParam[]
  /** The parameters' body fields. */
  fields: Record<string, unknown>
  bodyBytes: number
}

interface ActiveReply {
  conversationId: number
  controller: AbortController
  done: Promise<void>
}

const TITLE_LENGTH = 60

/** Sends messages, streams replies into the database and out as events, stops them. */
export class ChatService {
  private readonly active = new Map<number, ActiveReply>()
  // Conversations with a send or retry between its first check and its first write: the awaits
  // in between must not let a second one through.
  private readonly preparing = new Set<number>()
  private closing = false

  constructor(
    private readonly db: HistoryDatabase,
    private readonly keys: KeyManager,
    private readonly emit: EmitEvent,
    private readonly attachments: ChatAttachments,
    private readonly options: ChatServiceOptions = DEFAULT_SERVICE_OPTIONS,
    private readonly now: () => number = Date.now
  ) {}

  /**
   * Checks the message's attachments against the model and the 64 MB limit, saves the user's
   * message and an empty reply, then streams the reply in the background.
   */
  async send(args: {
    conversationId: number | null
    model: string
    /** Replace the conversation's parameters first (a new chat without them takes Settings' defaults). */
    params?: ChatParams
    text: string
    attachments: { sha256: string; name: string; fps?: number }[]
  }): Promise<SendResult> {
    const release = this.reserve(args.conversationId)
    try {
      return await this.sendReserved(args)
    } finally {
      release()
    }
  }

  private async sendReserved(args: {
    conversationId: number | null
    model: string
    /** Replace the conversation's parameters first (a new chat without them takes Settings' defaults). */
    params?: ChatParams
    text: string
    attachments: { sha256: string; name: string; fps?: number }[]
  }): Promise<SendResult> {
    const apiKey = await this.keys.requireKey()
    if (args.conversationId !== null && !conversations.getConversation(this.db, args.conversationId)) {
      throw new AppError('not_found', 'That conversation no longer exists.')
    }
    const params =
      args.params ??
      (args.conversationId === null
        ? getSettings(this.db).defaultParams
        : conversations.getConversation(this.db, args.conversationId)!.params)
    const attached: NewAttachment[] = []
    for (const ref of args.attachments) {
      const stored = this.attachments.find(ref.sha256)
      if (!stored || !(await this.attachments.store.has(ref.sha256))) {
        throw new AppError('attachment_refused', `“${ref.name}” is no longer stored; attach it again.`, {
          reason: 'not_found',
          params: { name: ref.name }
        })
      }
      attached.push({ ...stored, name: ref.name, fps: stored.kind === 'video' ? (ref.fps ?? stored.fps) : null })
    }
    // The request is built before anything is saved: a refused send leaves no trace.
    const earlier = args.conversationId === null ? [] : this.turns(args.conversationId)
    const pending: HistoryTurn = {
      messageId: Number.MAX_SAFE_INTEGER,
      role: 'user',
      text: args.text,
      attachments: attached.map((a, ordinal) => ({ ...a, messageId: Number.MAX_SAFE_INTEGER, ordinal }))
    }
    const request = await this.buildRequest([...earlier, pending], args.model, params)

    const now = this.now()
    const { conversation, userMessage, assistantMessage } = this.db.transaction(() => {
      let conversation =
        args.conversationId === null
          ? conversations.createConversation(this.db, {
              title: titleFrom(args.text) || titleFrom(attached.map((a) => a.name).join(', ')),
              model: args.model,
              now
            })
          : conversations.getConversation(this.db, args.conversationId)!
      if (conversation.model !== args.model) {
        conversations.setConversationModel(this.db, conversation.id, args.model)
      }
      if (args.conversationId === null || args.params) {
        conversations.setConversationParams(this.db, conversation.id, params)
      }
      conversations.touchConversation(this.db, conversation.id, now)
      conversation = conversations.getConversation(this.db, conversation.id)!
      const userMessage = messages.insertMessage(this.db, {
        conversationId: conversation.id,
        role: 'user',
        content: args.text,
        status: 'done',
        model: null,
        now
      })
      attachToMessage(this.db, userMessage.id, attached)
      const assistantMessage = this.insertReply(conversation.id, args.model, params, now)
      return { conversation, userMessage, assistantMessage }
    })()
    const leftOut = request.leftOut.filter((item) => item.messageId !== pending.messageId)
    this.start(assistantMessage, apiKey, request)
    return {
      conversation,
      userMessage: this.attachments.decorate(userMessage),
      assistantMessage,
      leftOut
    }
  }

  /** Replaces a failed or stopped reply with a new one streamed from the same context. */
  async retry(messageId: number): Promise<Message> {
    const failed = messages.getMessage(this.db, messageId)
    if (!failed || failed.role !== 'assistant') {
      throw new AppError('not_found', 'That reply no longer exists.')
    }
    if (failed.status === 'streaming') throw new AppError('busy', 'That reply is still streaming.')
    // A new reply goes at the end of the conversation, so only the last one can be replaced.
    const last = messages.listMessages(this.db, failed.conversationId).at(-1)
    if (last?.id !== failed.id) {
      throw new AppError('invalid_input', 'Only the last reply of a conversation can be retried.')
    }
    const release = this.reserve(failed.conversationId)
    try {
      return await this.retryReserved(failed)
    } finally {
      release()
    }
  }

  private async retryReserved(failed: Message): Promise<Message> {
    const apiKey = await this.keys.requireKey()
    const conversation = conversations.getConversation(this.db, failed.conversationId)!
    const turns = this.turns(conversation.id).filter((turn) => turn.messageId < failed.id)
    const request = await this.buildRequest(turns, conversation.model, conversation.params)
    const reply = this.db.transaction(() => {
      messages.deleteMessage(this.db, failed.id)
      conversations.touchConversation(this.db, conversation.id, this.now())
      return this.insertReply(conversation.id, conversation.model, conversation.params, this.now())
    })()
    this.start(reply, apiKey, request)
    return reply
  }

  /** Stops a streaming reply; what arrived is kept. */
  async stop(messageId: number): Promise<void> {
    const reply = this.active.get(messageId)
    if (!reply) return
    reply.controller.abort()
    await reply.done
  }

  /** Refuses new replies and stops every streaming one (app quit); each keeps its text as 'stopped'. */
  async stopAll(): Promise<void> {
    this.closing = true
    await Promise.all([...this.active.keys()].map((id) => this.stop(id)))
  }

  /** Resolves when the given reply has ended (for tests and shutdown). */
  async whenIdle(messageId: number): Promise<void> {
    await this.active.get(messageId)?.done
  }

  /** A reply streams, or is about to, in this conversation. */
  isStreaming(conversationId: number): boolean {
    return (
      this.preparing.has(conversationId) ||
      [...this.active.values()].some((reply) => reply.conversationId === conversationId)
    )
  }

  /** Claims a conversation for one send or retry, synchronously; returns the release. */
  private reserve(conversationId: number | null): () => void {
    if (this.closing) throw new AppError('history_unavailable', 'The app is closing.')
    if (conversationId === null) return () => undefined
    if (this.isStreaming(conversationId)) {
      throw new AppError('busy', 'A reply is still streaming in this conversation. Stop it first.')
    }
    this.preparing.add(conversationId)
    return () => this.preparing.delete(conversationId)
  }

  /** An empty reply that records the parameters it is requested with. */
  private insertReply(conversationId: number, model: string, params: ChatParams, now: number): Message {
    const reply = messages.insertMessage(this.db, {
      conversationId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model,
      now
    })
    setReplyParams(this.db, reply.id, params)
    return { ...reply, params }
  }

  private start(reply: Message, apiKey: string, context: RequestContext): void {
    const controller = new AbortController()
    const done = this.stream(reply, apiKey, context, controller.signal).finally(() => {
      this.active.delete(reply.id)
    })
    this.active.set(reply.id, { conversationId: reply.conversationId, controller, done })
  }

  private async stream(
    reply: Message,
    apiKey: string,
    context: RequestContext,
    signal: AbortSignal
  ): Promise<void> {
    const pending = { content: '', reasoning: '' }
    const flush = (): void => {
      if (!pending.content && !pending.reasoning) return
      try {
        messages.appendToMessage(this.db, reply.id, pending)
      } catch (error) {
        // Kept in `pending` for the next flush; the final write reports a closed database.
        console.error('Could not save streamed text:', error)
        return
      }
      pending.content = ''
      pending.reasoning = ''
    }
    const flushTimer = setInterval(flush, this.options.flushIntervalMs)
    let ended: Message
    try {
      const end = await streamChat(
        {
          baseURL: this.options.baseURL ?? getSettings(this.db).baseURL,
          apiKey,
          model: reply.model!,
          messages: context.messages,
          fields: context.fields,
          uploadBytes: context.bodyBytes,
          signal,
          onDelta: (delta) => {
            pending.content += delta.content
            pending.reasoning += delta.reasoning
            this.emit('replyDelta', {
              conversationId: reply.conversationId,
              messageId: reply.id,
              ...delta
            })
          }
        },
        this.options
      )
      ended = this.finish(reply, flush, {
        status: 'done',
        finishReason: end.finishReason,
        usage: end.usage,
        error: null
      })
    } catch (error) {
      const stopped = isAbort(error)
      const info =
        error instanceof AppError
          ? error.toInfo()
          : { code: 'internal' as const, message: error instanceof Error ? error.message : String(error) }
      ended = this.finish(reply, flush, {
        status: stopped ? 'stopped' : 'error',
        finishReason: null,
        usage: null,
        error: stopped ? null : info
      })
    } finally {
      clearInterval(flushTimer)
    }
    this.emit('replyEnded', { conversationId: reply.conversationId, message: ended })
  }

  private finish(
    reply: Message,
    flush: () => void,
    end: Parameters<typeof messages.finishMessage>[2]
  ): Message {
    return this.db.transaction(() => {
      flush()
      conversations.touchConversation(this.db, reply.conversationId, this.now())
      return messages.finishMessage(this.db, reply.id, end)
    })()
  }

  /**
   * The conversation's turns, in order, as context for a reply. Failed and empty replies are
   * left out; reasoning is never sent back (docs/api.md).
   */
  private turns(conversationId: number): HistoryTurn[] {
    const attachments = listConversationAttachments(this.db, conversationId)
    return messages
      .listMessages(this.db, conversationId)
      .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content))
      .map((message) => ({
        messageId: message.id,
        role: message.role,
        text: message.content,
        attachments: attachments.get(message.id) ?? []
      }))
  }

  /**
   * The request: parameters the model refuses throw (nothing is sent), the last turns the
   * parameters ask for, attachments fitted to the model and the 64 MB limit, the system prompt first.
   */
  private async buildRequest(
    turns: HistoryTurn[],
    modelId: string,
    params: ChatParams
  ): Promise<RequestContext & { leftOut: LeftOutAttachment[] }> {
    const model = modelOrTextOnly(modelId)
    checkParams(params, model)
    const built = await buildRequestMessages(this.attachments.store, lastTurns(turns, params.historyTurns), model)
    if (!built.ok) throw refusalError(built.error)
    return {
      messages: withSystemPrompt(built.value.messages, params),
      fields: requestFields(params),
      bodyBytes: built.value.bodyBytes + Buffer.byteLength(params.systemPrompt ?? ''),
      leftOut: built.value.leftOut
    }
  }
}

function refusalError(refusal: AttachmentRefusal): AppError {
  return new AppError('attachment_refused', refusal.message, {
    reason: refusal.code,
    params: refusal.params
  })
}

/** A conversation's first title: the first line of the first message, shortened. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].trim()
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line
}
