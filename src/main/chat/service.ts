import type { z } from 'zod'
import type { EmitEvent, requestSchemas } from '../../shared/contract'
import type { Message, SendResult } from '../../shared/types'
import { attachToMessage, listConversationAttachments } from '../attachments/records'
import { AppError, stillStreaming } from '../errors'
import type { HistoryDatabase } from '../db/database'
import * as conversations from '../history/conversations'
import * as messages from '../history/messages'
import { finishedReply, insertStreamingReply } from '../history/replies'
import { newChatStart, projectContextOf } from '../projects/projects'
import type { KeyManager } from '../secrets/keychain'
import { storedAttachments, type ChatAttachments } from './attachments'
import { DEFAULT_SERVICE_OPTIONS, type ChatServiceOptions } from './options'
import { streamReply } from './replyStream'
import { ReplyControl } from './rateLimitWait'
import { UnsavedReplies } from './unsavedReplies'
import {
  CONTINUE_PROMPT,
  PENDING_MESSAGE_ID,
  buildChatRequest,
  conversationTurns,
  pendingTurn,
  type RequestContext
} from './request'

/** What a send carries: the sendMessage request's argument, as validated. */
export type SendArgs = z.output<typeof requestSchemas.sendMessage>

interface ActiveReply {
  conversationId: number
  controller: ReplyControl
  done: Promise<void>
}

/** Sends messages, streams replies into the database and out as events, stops them. */
export class ChatService {
  private readonly active = new Map<number, ActiveReply>()
  // Conversations with a send or retry between its first check and its first write: the awaits
  // in between must not let a second one through.
  private readonly preparing = new Set<number>()
  // Replies whose final write the disk refused, by message id: their text waits here for Save again.
  private readonly unsaved: UnsavedReplies
  private closing = false

  constructor(
    private readonly db: HistoryDatabase,
    private readonly keys: KeyManager,
    private readonly emit: EmitEvent,
    private readonly attachments: ChatAttachments,
    private readonly options: ChatServiceOptions = DEFAULT_SERVICE_OPTIONS,
    private readonly now: () => number = Date.now
  ) {
    this.unsaved = new UnsavedReplies(db, now)
  }

  /**
   * Checks the message's attachments against the model and the 64 MB limit, saves the user's
   * message and an empty reply, then streams the reply in the background.
   */
  async send(args: SendArgs): Promise<SendResult> {
    const release = this.reserve(args.conversationId)
    try {
      return await this.sendReserved(args)
    } finally {
      release()
    }
  }

  private async sendReserved(args: SendArgs): Promise<SendResult> {
    const apiKey = await this.keys.requireKey()
    const id = args.conversationId
    const existing = id === null ? null : conversations.getConversation(this.db, id)
    if (existing === undefined)
      throw new AppError('not_found', 'That conversation no longer exists.')
    // A new chat starts with its project's defaults, or with Settings' outside any project.
    const start = id === null ? newChatStart(this.db, args.projectId) : null
    const params = args.params ?? start?.params ?? existing!.params
    const attached = await storedAttachments(this.attachments, args.attachments)
    // The request is built before anything is saved: a refused send leaves no trace.
    const earlier =
      args.conversationId === null ? [] : conversationTurns(this.db, args.conversationId)
    const request = await buildChatRequest(
      this.attachments,
      [...earlier, pendingTurn(args.text, attached)],
      args.model,
      params,
      start?.project ?? projectContextOf(this.db, id!)
    )

    const now = this.now()
    const { conversation, userMessage, assistantMessage } = this.db.transaction(() => {
      let conversation =
        args.conversationId === null
          ? conversations.createConversation(this.db, {
              title:
                conversations.titleFrom(args.text) ||
                conversations.titleFrom(attached.map((a) => a.name).join(', ')),
              model: args.model,
              now,
              projectId: start?.projectId
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
      const assistantMessage = insertStreamingReply(
        this.db,
        conversation.id,
        args.model,
        params,
        now
      )
      return { conversation, userMessage, assistantMessage }
    })()
    const leftOut = request.leftOut.filter((item) => item.messageId !== PENDING_MESSAGE_ID)
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
    const failed = finishedReply(this.db, messageId)
    // Only the end of the conversation shown can be replaced (Regenerate branches anywhere).
    if (messages.currentLeaf(this.db, failed.conversationId) !== failed.id) {
      throw new AppError('invalid_input', 'Only the last reply of a conversation can be retried.')
    }
    const release = this.reserve(failed.conversationId)
    try {
      // The failed reply goes, in the same transaction that adds the new one in its place.
      return await this.replyAfter(failed.conversationId, failed.parentId, () =>
        messages.deleteMessage(this.db, failed.id)
      )
    } finally {
      release()
    }
  }

  /**
   * Streams a new reply after `parentId` with the conversation's model and parameters; `also`
   * runs first in the transaction that adds it.
   */
  private async replyAfter(
    conversationId: number,
    parentId: number | null,
    also: () => void = () => undefined
  ): Promise<Message> {
    const apiKey = await this.keys.requireKey()
    const conversation = conversations.getConversation(this.db, conversationId)!
    const request = await buildChatRequest(
      this.attachments,
      conversationTurns(this.db, conversation.id, parentId),
      conversation.model,
      conversation.params,
      projectContextOf(this.db, conversation.id)
    )
    const reply = this.db.transaction(() => {
      also()
      conversations.touchConversation(this.db, conversation.id, this.now())
      return insertStreamingReply(
        this.db,
        conversation.id,
        conversation.model,
        conversation.params,
        this.now(),
        parentId
      )
    })()
    this.start(reply, apiKey, request)
    return reply
  }

  /**
   * Streams a new version of a reply from the same question: a sibling of the reply, which
   * becomes the path shown (and the context of what follows). Earlier versions are kept. A
   * question left without a reply (its only one deleted) gets its first: never a dead end.
   */
  async regenerate(messageId: number): Promise<Message> {
    const question = messages.getMessage(this.db, messageId)
    const unanswered =
      question?.role === 'user' &&
      messages.currentLeaf(this.db, question.conversationId) === question.id
    // Any other question is not a reply: not_found.
    const previous = unanswered ? question : finishedReply(this.db, messageId)
    const release = this.reserve(previous.conversationId)
    try {
      const parentId = unanswered ? previous.id : previous.parentId
      return await this.replyAfter(previous.conversationId, parentId)
    } finally {
      release()
    }
  }

  /**
   * Edit and resend: the edited question is a new version beside the original (same parent, same
   * attachments) and gets a new reply; the original's branch is kept.
   */
  async edit(messageId: number, text: string): Promise<SendResult> {
    const original = messages.getMessage(this.db, messageId)
    if (original?.role !== 'user')
      throw new AppError('not_found', 'That question no longer exists.')
    const attached =
      listConversationAttachments(this.db, original.conversationId).get(original.id) ?? []
    if (text.trim() === '' && attached.length === 0)
      throw new AppError('invalid_input', 'The message is empty.')
    const release = this.reserve(original.conversationId)
    try {
      const apiKey = await this.keys.requireKey()
      const conversation = conversations.getConversation(this.db, original.conversationId)!
      const request = await buildChatRequest(
        this.attachments,
        [
          ...conversationTurns(this.db, conversation.id, original.parentId),
          pendingTurn(text, attached)
        ],
        conversation.model,
        conversation.params,
        projectContextOf(this.db, conversation.id)
      )
      const now = this.now()
      const { userMessage, assistantMessage } = this.db.transaction(() => {
        conversations.touchConversation(this.db, conversation.id, now)
        const userMessage = messages.insertMessage(this.db, {
          conversationId: conversation.id,
          role: 'user',
          content: text,
          status: 'done',
          model: null,
          now,
          parentId: original.parentId
        })
        attachToMessage(this.db, userMessage.id, attached)
        const assistantMessage = insertStreamingReply(
          this.db,
          conversation.id,
          conversation.model,
          conversation.params,
          now,
          userMessage.id
        )
        return { userMessage, assistantMessage }
      })()
      this.start(assistantMessage, apiKey, request)
      return {
        conversation: conversations.getConversation(this.db, conversation.id)!,
        userMessage: this.attachments.decorate(userMessage),
        assistantMessage,
        leftOut: request.leftOut.filter((item) => item.messageId !== PENDING_MESSAGE_ID)
      }
    } finally {
      release()
    }
  }

  /**
   * Continues a reply cut off at the token limit, or stopped, into the same reply. Asked as a
   * plain follow-up turn (the reply so far, then CONTINUE_PROMPT): the upstream's support for
   * prefilling an assistant message is unconfirmed (README, "Chat actions").
   */
  async continueReply(messageId: number): Promise<Message> {
    const cut = finishedReply(this.db, messageId)
    if (
      cut.content === '' ||
      !(cut.finishReason === 'length' || cut.status === 'stopped' || cut.status === 'interrupted')
    ) {
      throw new AppError(
        'invalid_input',
        'Only a reply cut off at the token limit or stopped can be continued.'
      )
    }
    if (messages.currentLeaf(this.db, cut.conversationId) !== cut.id) {
      throw new AppError('invalid_input', 'Only the last reply of a conversation can be continued.')
    }
    const release = this.reserve(cut.conversationId)
    try {
      const apiKey = await this.keys.requireKey()
      const conversation = conversations.getConversation(this.db, cut.conversationId)!
      // Continued with the parameters that produced the reply so far.
      const request = await buildChatRequest(
        this.attachments,
        [...conversationTurns(this.db, conversation.id, cut.id), pendingTurn(CONTINUE_PROMPT)],
        cut.model ?? conversation.model,
        cut.params ?? conversation.params,
        projectContextOf(this.db, conversation.id)
      )
      const reply = this.db.transaction(() => {
        conversations.touchConversation(this.db, conversation.id, this.now())
        return messages.reopenMessage(this.db, cut.id)
      })()
      this.start(reply, apiKey, request, cut)
      return reply
    } finally {
      release()
    }
  }

  /** Stops a streaming reply; what arrived is kept. */
  async stop(messageId: number): Promise<void> {
    const reply = this.active.get(messageId)
    if (!reply) return
    reply.controller.abort()
    await reply.done
  }

  /** Ends a reply's rate-limit wait: it retries at once (nothing happens when it does not wait). */
  retryNow(messageId: number): void {
    this.active.get(messageId)?.controller.skip()
  }

  /** Refuses new replies and stops every streaming one (app quit); each keeps its text as 'stopped'. */
  async stopAll(): Promise<void> {
    this.closing = true
    await Promise.all([...this.active.keys()].map((id) => this.stop(id)))
    this.unsaved.saveAll()
  }

  /** Save again: writes a reply the disk refused from the text kept in memory (unsavedReplies.ts). */
  async saveAgain(messageId: number): Promise<Message> {
    return this.attachments.decorate(this.unsaved.save(messageId))
  }

  /** Whether a reply the disk refused is still waiting to be saved. */
  hasUnsaved(): boolean {
    return this.unsaved.size > 0
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

  /** A reply streams, or is about to, in any conversation. */
  isAnyStreaming(): boolean {
    return this.preparing.size > 0 || this.active.size > 0
  }

  /** Claims a conversation for one send or retry, synchronously; returns the release. */
  private reserve(conversationId: number | null): () => void {
    if (this.closing) throw new AppError('history_unavailable', 'The app is closing.')
    if (conversationId === null) return () => undefined
    if (this.isStreaming(conversationId)) throw stillStreaming('conversation')
    this.preparing.add(conversationId)
    return () => this.preparing.delete(conversationId)
  }

  /** Streams into `reply`; `continued` is the reply as it was before a Continue. */
  private start(
    reply: Message,
    apiKey: string,
    context: RequestContext,
    continued?: Message
  ): void {
    const controller = new ReplyControl()
    // The reply counts as finished before its replyEnded goes out: a send made on hearing it is
    // not refused as busy.
    const emit: EmitEvent = (name, payload) => {
      if (name === 'replyEnded') this.active.delete(reply.id)
      this.emit(name, payload)
    }
    const done = streamReply(
      { db: this.db, emit, options: this.options, now: this.now },
      { reply, apiKey, context, signal: controller.signal, rateLimitWait: controller, continued },
      (unsaved) => this.unsaved.keep(reply.id, unsaved)
    )
      // streamReply does not reject; if it ever did, the process must not die of it.
      .catch((error) => console.error('A reply ended with an unexpected error:', error))
      .finally(() => this.active.delete(reply.id))
    this.active.set(reply.id, { conversationId: reply.conversationId, controller, done })
  }
}
