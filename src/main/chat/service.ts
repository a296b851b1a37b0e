import type { EmitEvent, Message, SendResult } from '../../shared/contract'
import { AppError } from '../errors'
import type { HistoryDatabase } from '../history/database'
import * as conversations from '../history/conversations'
import * as messages from '../history/messages'
import type { KeyManager } from '../secrets/keychain'
import { getSettings } from '../settings/settings'
import {
  DEFAULT_CHAT_OPTIONS,
  isAbort,
  streamChat,
  type ChatClientOptions,
  type ChatMessageParam
} from './client'

export interface ChatServiceOptions extends ChatClientOptions {
  /** How often streamed text is written to the database, so a crash keeps it. */
  flushIntervalMs: number
}

export const DEFAULT_SERVICE_OPTIONS: ChatServiceOptions = {
  ...DEFAULT_CHAT_OPTIONS,
  flushIntervalMs: 250
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

  constructor(
    private readonly db: HistoryDatabase,
    private readonly keys: KeyManager,
    private readonly emit: EmitEvent,
    private readonly options: ChatServiceOptions = DEFAULT_SERVICE_OPTIONS,
    private readonly now: () => number = Date.now
  ) {}

  /** Saves the user's message and an empty reply, then streams the reply in the background. */
  async send(args: { conversationId: number | null; model: string; text: string }): Promise<SendResult> {
    const apiKey = await this.keys.requireKey()
    if (args.conversationId !== null) this.assertIdle(args.conversationId)
    const now = this.now()
    const { conversation, userMessage, assistantMessage } = this.db.transaction(() => {
      let conversation =
        args.conversationId === null
          ? conversations.createConversation(this.db, {
              title: titleFrom(args.text),
              model: args.model,
              now
            })
          : conversations.getConversation(this.db, args.conversationId)
      if (!conversation) throw new AppError('not_found', 'That conversation no longer exists.')
      if (conversation.model !== args.model) {
        conversations.setConversationModel(this.db, conversation.id, args.model)
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
      const assistantMessage = this.insertReply(conversation.id, args.model, now)
      return { conversation, userMessage, assistantMessage }
    })()
    this.start(assistantMessage, apiKey)
    return { conversation, userMessage, assistantMessage }
  }

  /** Replaces a failed or stopped reply with a new one streamed from the same context. */
  async retry(messageId: number): Promise<Message> {
    const failed = messages.getMessage(this.db, messageId)
    if (!failed || failed.role !== 'assistant') {
      throw new AppError('not_found', 'That reply no longer exists.')
    }
    if (failed.status === 'streaming') throw new AppError('busy', 'That reply is still streaming.')
    this.assertIdle(failed.conversationId)
    const apiKey = await this.keys.requireKey()
    const conversation = conversations.getConversation(this.db, failed.conversationId)!
    const reply = this.db.transaction(() => {
      messages.deleteMessage(this.db, failed.id)
      conversations.touchConversation(this.db, conversation.id, this.now())
      return this.insertReply(conversation.id, conversation.model, this.now())
    })()
    this.start(reply, apiKey)
    return reply
  }

  /** Stops a streaming reply; what arrived is kept. */
  async stop(messageId: number): Promise<void> {
    const reply = this.active.get(messageId)
    if (!reply) return
    reply.controller.abort()
    await reply.done
  }

  /** Stops every reply (app quit); each keeps its text as 'stopped'. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.active.keys()].map((id) => this.stop(id)))
  }

  /** Resolves when the given reply has ended (for tests and shutdown). */
  async whenIdle(messageId: number): Promise<void> {
    await this.active.get(messageId)?.done
  }

  isStreaming(conversationId: number): boolean {
    return [...this.active.values()].some((reply) => reply.conversationId === conversationId)
  }

  private assertIdle(conversationId: number): void {
    if (this.isStreaming(conversationId)) {
      throw new AppError('busy', 'A reply is still streaming in this conversation. Stop it first.')
    }
  }

  private insertReply(conversationId: number, model: string, now: number): Message {
    return messages.insertMessage(this.db, {
      conversationId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      model,
      now
    })
  }

  private start(reply: Message, apiKey: string): void {
    const controller = new AbortController()
    const done = this.stream(reply, apiKey, controller.signal).finally(() => {
      this.active.delete(reply.id)
    })
    this.active.set(reply.id, { conversationId: reply.conversationId, controller, done })
  }

  private async stream(reply: Message, apiKey: string, signal: AbortSignal): Promise<void> {
    const pending = { content: '', reasoning: '' }
    const flush = (): void => {
      if (!pending.content && !pending.reasoning) return
      messages.appendToMessage(this.db, reply.id, pending)
      pending.content = ''
      pending.reasoning = ''
    }
    const flushTimer = setInterval(flush, this.options.flushIntervalMs)
    let ended: Message
    try {
      const end = await streamChat(
        {
          baseURL: getSettings(this.db).baseURL,
          apiKey,
          model: reply.model!,
          messages: this.contextFor(reply),
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

  /** Earlier turns, in order, as context for a reply. Reasoning is never sent back (API.md). */
  private contextFor(reply: Message): ChatMessageParam[] {
    return messages
      .listMessages(this.db, reply.conversationId)
      .filter((message) => message.id < reply.id)
      .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content))
      .map((message) => ({ role: message.role, content: message.content }))
  }
}

/** A conversation's first title: the first line of the first message, shortened. */
export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0].trim()
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line
}
