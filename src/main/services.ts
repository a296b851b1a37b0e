// Every request handler that needs an open history database, assembled from the feature folders.
// core.ts opens the database (or refuses it) and serves these.
import type { EmitEvent, Handlers } from '../shared/contract'
import type { Settings } from '../shared/settings'
import { AttachmentCatalog, type AttachmentUrl } from './attachments/catalog'
import { sweepUnreferenced } from './attachments/cleanup'
import { attachmentHandlers } from './attachments/handlers'
import { serveAttachment, type ServedAttachment } from './attachments/protocol'
import type { ReadImageText } from './attachments/imageText'
import { AttachmentStore } from './attachments/store'
import { documentTexts } from './attachments/documents/texts'
import { captureHandlers } from './capture/handlers'
import { CaptureSession, type CaptureHost } from './capture/session'
import { listModelIds } from './chat/client'
import { chatHandlers } from './chat/handlers'
import { DEFAULT_SERVICE_OPTIONS, type ChatServiceOptions } from './chat/options'
import { ChatService } from './chat/service'
import type { BackupRequest } from './history/backupHandlers'
import { archiveHandlers } from './history/archiveHandlers'
import type { HistoryDatabase } from './db/database'
import { historyHandlers } from './history/handlers'
import { getConversation } from './history/conversations'
import * as messages from './history/messages'
import type { LogRequest } from './log/handlers'
import { imageTextHandlers } from './ocr/handlers'
import { ImageTextService } from './ocr/imageText'
import { RecognitionWorker } from './ocr/worker'
import { projectHandlers } from './projects/handlers'
import type { KeyRequest } from './secrets/handlers'
import type { KeyManager } from './secrets/keychain'
import { settingsHandlers } from './settings/handlers'
import { modelFor } from './settings/settings'
import type { UpdateRequest } from './updates/handlers'
import type { DesktopRequest } from './desktop/handlers'

export interface ServiceOptions {
  dataDir: string
  emit: EmitEvent
  chat?: Partial<ChatServiceOptions>
  /** The URL the renderer loads an attachment's thumbnail or original from. */
  attachmentUrl: AttachmentUrl
  /** Delete stored files no message uses (at app start). */
  sweepAttachments: boolean
  /**
   * Whether replies may have been left streaming (the last run did not close cleanly): they are
   * marked interrupted. After a clean close there are none, and the full scan is skipped.
   */
  recoverInterrupted: boolean
  /** Told of every saved settings change. */
  onSettingsChanged?: (settings: Settings) => void
  /**
   * How long after opening the history's unread images start being read in the background;
   * null: never (the CLI beside the app, tests).
   */
  imageTextBackfillMs: number | null
  /** The recognized text of a stored image (default: read it now, in this thread). */
  readImageText?: ReadImageText
  /** How displays are captured and the region pickers shown (core.ts gives the default). */
  capture: CaptureHost
}

/** Requests that work while the history is refused (core.ts serves them itself). */
export type AlwaysServedRequest =
  | KeyRequest
  | BackupRequest
  | UpdateRequest
  | LogRequest
  | DesktopRequest

/** The handlers that need the history database, and what they share. */
export interface Services {
  handlers: Omit<Handlers, AlwaysServedRequest>
  db: HistoryDatabase
  chat: ChatService
  attachments: AttachmentStore
  /** Text recognized in images: `imageText.textOf` is what text-only models get. */
  imageText: ImageTextService
  /** The bytes behind an attachment URL path `/<sha256>/thumb|original`; null when unknown. */
  serveAttachment(path: string): Promise<ServedAttachment | null>
  /**
   * Stops streaming replies (they keep their text as 'stopped'), runs `beforeDatabaseCloses`,
   * and closes the database.
   */
  close(beforeDatabaseCloses?: () => void): Promise<void>
}

/** Builds the handler table over an open history database. */
export function createServices(
  db: HistoryDatabase,
  keys: KeyManager,
  options: ServiceOptions
): Services {
  // A reply that was streaming when the app last quit or crashed keeps its text.
  if (options.recoverInterrupted) messages.markInterrupted(db)
  const store = new AttachmentStore(options.dataDir)
  const catalog = new AttachmentCatalog(db, options.attachmentUrl)
  // Every image is read once (by content), off the main event loop, one at a time; the
  // history's older images in the background, after the start.
  const recognizer = new RecognitionWorker()
  const imageTexts = new ImageTextService(db, store, (bytes, priority) =>
    recognizer.recognize(bytes, priority)
  )
  const imageText = {
    readImageText: options.readImageText ?? imageTexts.textOf,
    always: options.chat?.imagesAsText
  }
  const modelOf = (id: string) => modelFor(db, id)
  const documents = documentTexts(db)
  const chat = new ChatService(
    db,
    keys,
    options.emit,
    {
      store,
      modelFor: modelOf,
      imageText,
      documents,
      find: (sha256) => catalog.find(sha256),
      decorate: (message) => catalog.decorate([message])[0]
    },
    { ...DEFAULT_SERVICE_OPTIONS, ...options.chat }
  )
  // Files a crash or an unsent draft left behind (an hour old at least: never a fresh draft).
  if (options.sweepAttachments) {
    void sweepUnreferenced(db, store).catch((error) =>
      console.error('Attachment sweep failed:', error)
    )
  }

  let backfillTimer: NodeJS.Timeout | undefined
  if (options.imageTextBackfillMs !== null) {
    backfillTimer = setTimeout(() => {
      void imageTexts
        .backfill()
        .catch((error) => console.error('Image text backfill failed:', error))
    }, options.imageTextBackfillMs)
    backfillTimer.unref()
  }

  // Adding a request: the contract, and the handlers file of its feature.
  const attachments = attachmentHandlers(
    store,
    catalog,
    modelOf,
    imageText,
    (sha256) => imageTexts.enqueue(sha256),
    documents
  )
  const handlers = {
    ...settingsHandlers(db, keys, {
      listModelIds: (baseURL, apiKey) => listModelIds(baseURL, apiKey),
      onChanged: options.onSettingsChanged
    }),
    ...historyHandlers(db, { chat, store, catalog }),
    ...archiveHandlers(db, options.emit),
    ...projectHandlers(db, {
      chat,
      store,
      catalog,
      documents,
      conversation: (id) => getConversation(db, id)
    }),
    ...attachments,
    ...imageTextHandlers(imageTexts),
    ...captureHandlers(
      new CaptureSession(options.capture, options.emit),
      attachments.addAttachment
    ),
    ...chatHandlers(chat, catalog, options.emit)
  } satisfies Services['handlers']

  return {
    handlers,
    db,
    chat,
    attachments: store,
    imageText: imageTexts,
    // Only files a message or a pending draft uses are served (an indexed lookup per request).
    serveAttachment: (path) => serveAttachment(store, path, (sha256) => catalog.isInUse(sha256)),
    close: async (beforeDatabaseCloses) => {
      clearTimeout(backfillTimer)
      imageTexts.stop()
      await Promise.all([chat.stopAll(), recognizer.close()])
      beforeDatabaseCloses?.()
      db.close()
    }
  }
}
