// What main knows of attachments besides their files: the drafts waiting in composers, and how a
// stored attachment looks to the renderer (a URL in place of a path).
import type { Attachment, Message } from '../../shared/types'
import type { HistoryDatabase } from '../db/database'
import { findAttachment, listAttachments, type NewAttachment } from './records'

/** The URL the renderer loads an attachment's thumbnail or original from. */
export type AttachmentUrl = (sha256: string, variant: 'thumb' | 'original') => string

/** Drafts by hash, and the records of sent attachments, as the renderer sees them. */
export class AttachmentCatalog {
  // Files attached in the composer but not sent yet, by hash.
  private readonly drafts = new Map<string, NewAttachment>()

  constructor(
    private readonly db: HistoryDatabase,
    private readonly url: AttachmentUrl
  ) {}

  /** Keeps a stored file as a draft until a message carries it. */
  addDraft(record: NewAttachment): Attachment {
    this.drafts.set(record.sha256, record)
    return this.toAttachment(record)
  }

  /** These drafts now belong to a sent message. */
  sent(hashes: Iterable<string>): void {
    for (const sha256 of hashes) this.drafts.delete(sha256)
  }

  /** Hashes of the drafts waiting (their files must stay). */
  draftHashes(): Set<string> {
    return new Set(this.drafts.keys())
  }

  /** A draft's record, or that of an attachment some message already carries. */
  find(sha256: string): NewAttachment | undefined {
    return this.drafts.get(sha256) ?? findAttachment(this.db, sha256)
  }

  /** Whether a draft or a message uses this file (an indexed lookup). */
  isInUse(sha256: string): boolean {
    return this.drafts.has(sha256) || findAttachment(this.db, sha256) !== undefined
  }

  /** The URL of a stored file's thumbnail. */
  thumbnailUrl(sha256: string): string {
    return this.url(sha256, 'thumb')
  }

  /** A record with the URL of its thumbnail. */
  toAttachment(record: NewAttachment): Attachment {
    return {
      sha256: record.sha256,
      kind: record.kind,
      name: record.name,
      mime: record.mime,
      bytes: record.bytes,
      width: record.width,
      height: record.height,
      durationSeconds: record.durationSeconds,
      fps: record.fps,
      ...(record.pages ? { pages: record.pages } : {}),
      thumbnailUrl: this.url(record.sha256, 'thumb')
    }
  }

  /** The messages with their attachments (only user messages carry any). */
  decorate(list: Message[]): Message[] {
    const byMessage = listAttachments(
      this.db,
      list.filter((message) => message.role === 'user').map((message) => message.id)
    )
    return list.map((message) => ({
      ...message,
      attachments: (byMessage.get(message.id) ?? []).map((record) => this.toAttachment(record))
    }))
  }
}
