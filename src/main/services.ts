// Every request handler that needs an open history database. core.ts opens the database (or
// refuses it) and serves these.
import { MESSAGE_PAGE_SIZE, type Attachment, type EmitEvent, type Handlers, type Message } from '../shared/contract'
import { MODELS, findModel, modelOrTextOnly, type ModelInfo } from '../shared/models'
import { removeOrphans, sweepUnreferenced } from './attachments/cleanup'
import { ingestAttachment } from './attachments/ingest'
import { serveAttachment, type ServedAttachment } from './attachments/protocol'
import {
  conversationHashes,
  findAttachment,
  listAttachments,
  type NewAttachment
} from './attachments/records'
import { AttachmentStore } from './attachments/store'
import { listModelIds } from './chat/client'
import { ChatService, DEFAULT_SERVICE_OPTIONS, type ChatServiceOptions } from './chat/service'
import { AppError } from './errors'
import * as conversations from './history/conversations'
import type { HistoryDatabase } from './history/database'
import { searchMessages } from './history/search'
import { exportAll, exportConversation, importAll, parseExport } from './history/transfer'
import * as messages from './history/messages'
import type { KeyManager } from './secrets/keychain'
import { getSettings, updateSettings } from './settings/settings'

export interface ServiceOptions {
  dataDir: string
  emit: EmitEvent
  chat?: Partial<ChatServiceOptions>
  /** The URL the renderer loads an attachment's thumbnail or original from. */
  attachmentUrl: (sha256: string, variant: 'thumb' | 'original') => string
  /** Delete stored files no message uses (at app start). */
  sweepAttachments: boolean
}

/** The handlers that need the history database, and what they share. */
export interface Services {
  handlers: Omit<Handlers, 'getHistoryStatus' | 'restoreBackup' | 'getKeyStatus' | 'setKey' | 'deleteKey'>
  db: HistoryDatabase
  chat: ChatService
  attachments: AttachmentStore
  /** The bytes behind an attachment URL path `/<sha256>/thumb|original`; null when unknown. */
  serveAttachment(path: string): Promise<ServedAttachment | null>
  /** Stops streaming replies (they keep their text as 'stopped') and closes the database. */
  close(): Promise<void>
}

/** Builds the handler table over an open history database. */
export function createServices(db: HistoryDatabase, keys: KeyManager, options: ServiceOptions): Services {
  // A reply that was streaming when the app last quit or crashed keeps its text.
  messages.markInterrupted(db)
  const store = new AttachmentStore(options.dataDir)
  const attachmentUrl = options.attachmentUrl
  // Files attached in the composer but not sent yet, by hash.
  const drafts = new Map<string, NewAttachment>()

  const toAttachment = (record: NewAttachment): Attachment => ({
    sha256: record.sha256,
    kind: record.kind,
    name: record.name,
    mime: record.mime,
    bytes: record.bytes,
    width: record.width,
    height: record.height,
    durationSeconds: record.durationSeconds,
    fps: record.fps,
    thumbnailUrl: attachmentUrl(record.sha256, 'thumb')
  })
  const decorateAll = (list: Message[]): Message[] => {
    const byMessage = listAttachments(
      db,
      list.filter((message) => message.role === 'user').map((message) => message.id)
    )
    return list.map((message) => ({
      ...message,
      attachments: (byMessage.get(message.id) ?? []).map(toAttachment)
    }))
  }
  const existing = (id: number) => {
    const conversation = conversations.getConversation(db, id)
    if (!conversation) throw new AppError('not_found', 'That conversation no longer exists.')
    return conversation
  }

  const chat = new ChatService(
    db,
    keys,
    options.emit,
    {
      store,
      find: (sha256) => drafts.get(sha256) ?? findAttachment(db, sha256),
      decorate: (message) => decorateAll([message])[0]
    },
    { ...DEFAULT_SERVICE_OPTIONS, ...options.chat }
  )
  // Files a crash or an unsent draft left behind (an hour old at least: never a fresh draft).
  if (options.sweepAttachments) {
    void sweepUnreferenced(db, store).catch((error) => console.error('Attachment sweep failed:', error))
  }

  const handlers: Services['handlers'] = {
    getSettings: async () => getSettings(db),
    updateSettings: async (patch) => updateSettings(db, patch),
    testConnection: async (args) => {
      const key = args.key ?? (await keys.requireKey())
      const ids = await listModelIds(args.baseURL ?? getSettings(db).baseURL, key)
      return { modelCount: ids.length }
    },
    listModels: async () => {
      const key = await keys.getKey()
      if (key === null) return { models: [...MODELS], source: 'offline' }
      try {
        const ids = await listModelIds(getSettings(db).baseURL, key)
        return { models: modelsFrom(ids), source: 'provider' }
      } catch {
        return { models: [...MODELS], source: 'offline' }
      }
    },
    listConversations: async ({ limit, before }) =>
      conversations.listConversations(db, { limit: limit ?? 100, before }),
    getConversation: async ({ id, around, limit }) => {
      const conversation = existing(id)
      const page = messages.pageOfMessages(db, id, { around, limit: limit ?? MESSAGE_PAGE_SIZE })
      return { conversation, ...page, messages: decorateAll(page.messages) }
    },
    listMessages: async ({ conversationId, before, after, limit }) => {
      existing(conversationId)
      const side = before !== undefined ? { before } : { after: after! }
      const page = messages.messagesBeside(db, conversationId, side, limit ?? MESSAGE_PAGE_SIZE)
      return { ...page, messages: decorateAll(page.messages) }
    },
    renameConversation: async ({ id, title }) => {
      existing(id)
      conversations.renameConversation(db, id, title)
      return existing(id)
    },
    setConversationPinned: async ({ id, pinned }) => {
      existing(id)
      conversations.setConversationPinned(db, id, pinned, Date.now())
      return existing(id)
    },
    exportConversation: async ({ id, format }) => exportConversation(db, existing(id), format),
    exportHistory: async () => exportAll(db),
    searchHistory: async (args) => searchMessages(db, args),
    importHistory: async ({ text }) => {
      let file
      try {
        file = parseExport(text)
      } catch (error) {
        throw new AppError('import_failed', (error as Error).message)
      }
      return importAll(db, file)
    },
    setConversationModel: async ({ id, model }) => {
      existing(id)
      conversations.setConversationModel(db, id, model)
      return existing(id)
    },
    deleteConversation: async ({ id }) => {
      if (chat.isStreaming(id)) {
        throw new AppError('busy', 'A reply is still streaming in this conversation. Stop it first.')
      }
      const hashes = conversationHashes(db, id)
      conversations.deleteConversation(db, id)
      await removeOrphans(db, store, hashes, new Set(drafts.keys()))
      return null
    },
    addAttachment: async ({ name, data, model }) => {
      const ingested = await ingestAttachment(store, { name, bytes: data }, modelOrTextOnly(model))
      if (!ingested.ok) {
        throw new AppError('attachment_refused', ingested.error.message, {
          reason: ingested.error.code,
          params: ingested.error.params
        })
      }
      const { frames, placeholderThumbnail: _placeholder, part: _part, ...record } = ingested.value
      drafts.set(record.sha256, record)
      return { ...toAttachment(record), frames }
    },
    sendMessage: async (args) => {
      const sent = await chat.send(args)
      for (const attachment of args.attachments) drafts.delete(attachment.sha256)
      return sent
    },
    stopReply: async ({ messageId }) => {
      await chat.stop(messageId)
      return null
    },
    retryReply: ({ messageId }) => chat.retry(messageId)
  }

  return {
    handlers,
    db,
    chat,
    attachments: store,
    // Only files a message or a pending draft uses are served (an indexed lookup per request).
    serveAttachment: (path) =>
      serveAttachment(store, path, (sha256) => drafts.has(sha256) || findAttachment(db, sha256) !== undefined),
    close: async () => {
      await chat.stopAll()
      db.close()
    }
  }
}

/** The provider's model ids, with what we know of each; unknown ids are taken as text-only. */
function modelsFrom(ids: string[]): ModelInfo[] {
  const known = MODELS.filter((model) => ids.includes(model.id))
  const unknown = ids.filter((id) => !findModel(id)).map(modelOrTextOnly)
  return [...(known.length ? known : MODELS), ...unknown]
}
