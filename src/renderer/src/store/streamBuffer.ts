// Streamed reply text waits here until the store applies it, so React renders at most once per
// frame. Pure: no zustand, no timers; the chat slice decides when to apply.
import type { EventPayloads } from '../../../shared/contract'
import type { Message } from '../../../shared/types'

/** Messages by conversation id: the shape of the store's message cache. */
export type MessageCache = Record<number, Message[]>

interface PendingDelta {
  conversationId: number
  content: string
  reasoning: string
}

/** Text of replies not yet applied, and replies that ended before the request creating them answered. */
export class StreamBuffer {
  private readonly pending = new Map<number, PendingDelta>()
  // A reply can end before the request that started it has answered (events and results race).
  private readonly endedEarly = new Map<number, Message>()
  private requestsInFlight = 0

  /** Whether any text waits to be applied. */
  get hasPending(): boolean {
    return this.pending.size > 0
  }

  /** Whether a request that may create a reply is in flight (this window is sending). */
  get tracking(): boolean {
    return this.requestsInFlight > 0
  }

  /** Adds a delta to the text waiting for its message. */
  add(delta: EventPayloads['replyDelta']): void {
    const pending = this.pending.get(delta.messageId)
    if (pending) {
      pending.content += delta.content
      pending.reasoning += delta.reasoning
    } else {
      this.pending.set(delta.messageId, {
        conversationId: delta.conversationId,
        content: delta.content,
        reasoning: delta.reasoning
      })
    }
  }

  /**
   * Applies the waiting text to a copy of the cache (the same cache when nothing changed). Text
   * for a message not in the cache is kept while a request is in flight (it may create it), else
   * dropped; text for `skipMessageId` is dropped.
   */
  applyTo(cache: MessageCache, skipMessageId?: number): MessageCache {
    // Stryker disable next-line ConditionalExpression: with nothing pending the loop leaves cache as it is
    if (this.pending.size === 0) return cache
    const next = { ...cache }
    const copied = new Set<number>()
    for (const [messageId, delta] of this.pending) {
      if (messageId === skipMessageId) {
        this.pending.delete(messageId)
        continue
      }
      const messages = next[delta.conversationId]
      const index = messages ? messages.findIndex((m) => m.id === messageId) : -1
      if (index === -1) {
        // The request that creates this message has not answered yet: keep the text for it.
        if (this.requestsInFlight === 0) this.pending.delete(messageId)
        continue
      }
      // Stryker disable next-line ConditionalExpression: copying again copies the updated copy
      if (!copied.has(delta.conversationId)) {
        next[delta.conversationId] = [...messages]
        copied.add(delta.conversationId)
      }
      const message = next[delta.conversationId][index]
      next[delta.conversationId][index] = {
        ...message,
        content: message.content + delta.content,
        reasoning: message.reasoning + delta.reasoning
      }
      this.pending.delete(messageId)
    }
    return copied.size > 0 ? next : cache
  }

  /**
   * The cache once a reply has ended: other text applied, the final message in place of the
   * streaming one. A reply not in the cache is kept for `settle` while a request is in flight.
   */
  endReply(cache: MessageCache, conversationId: number, message: Message): MessageCache {
    // The final message already holds this reply's text: its buffered deltas go.
    const applied = this.applyTo(cache, message.id)
    const messages = applied[conversationId]
    const index = messages ? messages.findIndex((m) => m.id === message.id) : -1
    if (index !== -1) {
      const replaced = [...messages]
      replaced[index] = message
      return { ...applied, [conversationId]: replaced }
    }
    if (this.requestsInFlight > 0) this.endedEarly.set(message.id, message)
    return applied
  }

  /** A new assistant message from a request, with anything that arrived for it before. */
  settle(message: Message): Message {
    const ended = this.endedEarly.get(message.id)
    if (ended) {
      this.endedEarly.delete(message.id)
      this.pending.delete(message.id)
      return ended
    }
    const delta = this.pending.get(message.id)
    if (!delta) return message
    this.pending.delete(message.id)
    return {
      ...message,
      content: message.content + delta.content,
      reasoning: message.reasoning + delta.reasoning
    }
  }

  /** Awaits a request that may create a reply; text for unknown messages is kept meanwhile. */
  async track<T>(request: Promise<T>): Promise<T> {
    this.requestsInFlight++
    try {
      return await request
    } finally {
      this.requestsInFlight--
    }
  }

  /** Drops everything waiting. */
  clear(): void {
    this.pending.clear()
    this.endedEarly.clear()
  }
}
