// The text in each stored image, read once per content (image_text, migration 9) and kept: an
// image attached again is not read again. Reading goes through the recognition worker (one image
// at a time, one core); an image just attached goes before the history's backfill. Saving the
// text re-indexes the messages that carry the image (the image_text_search trigger).
import type Database from 'better-sqlite3'
import type { ImageTextStatus } from '../../shared/imageText'
import { prepared } from '../db/statements'
import type { AttachmentStore } from '../attachments/store'
import type { RecognizedLine } from './worker'

/** Reads the lines of text in an image; `background` ones wait for every urgent one. */
export type Recognize = (
  bytes: Uint8Array,
  priority: 'urgent' | 'background'
) => Promise<RecognizedLine[]>

/** What is known of an image's text: read (maybe empty), or unreadable. */
export interface ImageTextRecord {
  status: 'done' | 'failed'
  text: string
}

/** The recognized text of a stored image by its sha256; '' when none (what text-only models get). */
export type TextOfImage = (sha256: string) => Promise<string>

export class ImageTextService {
  private readonly inFlight = new Map<string, Promise<string>>()
  private backfilling: Promise<void> | null = null
  private stopped = false

  constructor(
    private readonly db: Database.Database,
    private readonly store: AttachmentStore,
    private readonly recognize: Recognize,
    private readonly now: () => number = Date.now
  ) {}

  /** The stored result for an image, without reading it; null when it has not been read. */
  peek(sha256: string): ImageTextRecord | null {
    return (
      prepared<[string], ImageTextRecord>(
        this.db,
        'SELECT status, text FROM image_text WHERE sha256 = ?'
      ).get(sha256) ?? null
    )
  }

  /** The image's text, read now if it never was (or joining the reading under way); '' if none. */
  readonly textOf: TextOfImage = (sha256) => this.read(sha256, 'urgent')

  /** Queues an image just stored to be read; its result is saved (errors are logged). */
  enqueue(sha256: string): void {
    this.read(sha256, 'urgent').catch((error) => {
      if (!this.stopped) console.error('Text recognition failed:', error)
    })
  }

  /** How far reading the history's images has come. */
  status(): ImageTextStatus {
    const row = prepared<[], { total: number; done: number }>(
      this.db,
      `SELECT count(*) AS total, count(t.sha256) AS done
       FROM (SELECT DISTINCT sha256 FROM message_attachments WHERE kind = 'image') a
       LEFT JOIN image_text t ON t.sha256 = a.sha256`
    ).get()!
    return { total: row.total, done: row.done, running: this.backfilling !== null }
  }

  /**
   * Reads, one at a time in the background, every image in the history that was never read
   * (newest first). Resumable: what is done is in image_text. Settles when none is left, or on
   * stop(). Calling it while it runs returns the same run.
   */
  backfill(): Promise<void> {
    this.backfilling ??= this.runBackfill().finally(() => {
      this.backfilling = null
    })
    return this.backfilling
  }

  /** Stops the backfill after the image being read; nothing new is read. */
  stop(): void {
    this.stopped = true
  }

  private async runBackfill(): Promise<void> {
    // Walks message ids down from the newest, so each step reads only the rows after the last.
    const next = prepared<[number], { sha256: string; message_id: number }>(
      this.db,
      `SELECT a.sha256, a.message_id FROM message_attachments a
       WHERE a.message_id <= ? AND a.kind = 'image'
         AND NOT EXISTS (SELECT 1 FROM image_text t WHERE t.sha256 = a.sha256)
       ORDER BY a.message_id DESC LIMIT 1`
    )
    let below = Number.MAX_SAFE_INTEGER
    for (;;) {
      if (this.stopped) return
      const row = next.get(below)
      if (!row) return
      below = row.message_id
      try {
        await this.read(row.sha256, 'background')
      } catch (error) {
        if (this.stopped) return // closing: the next start goes on from here
        throw error
      }
      // Yield between images, so that the backfill never holds the event loop.
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private read(sha256: string, priority: 'urgent' | 'background'): Promise<string> {
    const known = this.peek(sha256)
    if (known) return Promise.resolve(known.status === 'done' ? known.text : '')
    let reading = this.inFlight.get(sha256)
    if (!reading) {
      reading = this.readAndSave(sha256, priority).finally(() => this.inFlight.delete(sha256))
      this.inFlight.set(sha256, reading)
    }
    return reading
  }

  private async readAndSave(sha256: string, priority: 'urgent' | 'background'): Promise<string> {
    const bytes = await this.store.read(sha256)
    let record: ImageTextRecord
    if (!bytes) {
      record = { status: 'failed', text: '' } // the file is gone: nothing can be read
    } else {
      try {
        const lines = await this.recognize(bytes, priority)
        record = { status: 'done', text: lines.map((line) => line.text).join('\n') }
      } catch (error) {
        if (this.stopped) throw error // closing: not a verdict on the image
        console.error(`Text recognition could not read image ${sha256.slice(0, 12)}:`, error)
        record = { status: 'failed', text: '' }
      }
    }
    if (this.stopped) return record.text
    prepared<[string, string, string, number], unknown>(
      this.db,
      'INSERT OR IGNORE INTO image_text (sha256, status, text, recognized_at) VALUES (?, ?, ?, ?)'
    ).run(sha256, record.status, record.text, this.now())
    return record.text
  }
}
