// Replies whose final write the disk refused (full, read-only): their text stays in memory until
// "Save again" (or the app's close) writes it.
import type { Message } from '../../shared/types'
import type { HistoryDatabase } from '../db/database'
import { AppError } from '../errors'
import * as messages from '../history/messages'
import { saveUnsavedReply, type UnsavedReply } from './replyStream'

export class UnsavedReplies {
  private readonly replies = new Map<number, UnsavedReply>()

  constructor(
    private readonly db: HistoryDatabase,
    private readonly now: () => number
  ) {}

  /** Keeps a reply the disk refused. */
  keep(messageId: number, reply: UnsavedReply): void {
    this.replies.set(messageId, reply)
  }

  get size(): number {
    return this.replies.size
  }

  /**
   * Writes a kept reply; throws the disk's refusal again while it lasts. A reply already saved
   * is returned as it is.
   */
  save(messageId: number): Message {
    const unsaved = this.replies.get(messageId)
    if (!unsaved) {
      const reply = messages.getMessage(this.db, messageId)
      if (reply?.role !== 'assistant' || reply.status === 'streaming') {
        throw new AppError('not_found', 'No reply is waiting to be saved there.')
      }
      return reply
    }
    const saved = saveUnsavedReply(this.db, this.now, messageId, unsaved)
    this.replies.delete(messageId)
    if (!saved) throw new AppError('not_found', 'That reply no longer exists.')
    return saved
  }

  /**
   * A last try at close; what still fails stays 'streaming' in the file, with the text saved up
   * to the refusal.
   */
  saveAll(): void {
    for (const id of [...this.replies.keys()]) {
      try {
        this.save(id)
      } catch (error) {
        console.error('Could not save a reply before closing:', error)
      }
    }
  }
}
