// The app without Electron: every request handler, built from a data directory and a key store.
// The Electron shell and the Chromium test harness both serve this same table.
import { join } from 'node:path'
import type { EmitEvent, Handlers } from '../shared/contract'
import { MODELS, findModel, type ModelInfo } from '../shared/models'
import { listModelIds } from './chat/client'
import { ChatService, DEFAULT_SERVICE_OPTIONS, type ChatServiceOptions } from './chat/service'
import { AppError } from './errors'
import * as conversations from './history/conversations'
import { openDatabase, type HistoryDatabase } from './history/database'
import * as messages from './history/messages'
import { KeyManager, type SecretStore } from './secrets/keychain'
import { getSettings, updateSettings } from './settings/settings'

export interface CoreOptions {
  dataDir: string
  secrets: SecretStore
  emit: EmitEvent
  chat?: Partial<ChatServiceOptions>
}

export interface Core {
  handlers: Handlers
  db: HistoryDatabase
  chat: ChatService
  /** Stops streaming replies (they keep their text) and closes the database. */
  close(): Promise<void>
}

/** The database file inside the data directory. */
export const HISTORY_FILE = 'history.sqlite'

/** Opens the history and builds the handler table. */
export function createCore(options: CoreOptions): Core {
  const db = openDatabase(join(options.dataDir, HISTORY_FILE))
  // A reply that was streaming when the app last quit or crashed keeps its text.
  messages.markInterrupted(db)
  const keys = new KeyManager(options.secrets)
  const chat = new ChatService(db, keys, options.emit, {
    ...DEFAULT_SERVICE_OPTIONS,
    ...options.chat
  })

  const handlers: Handlers = {
    getKeyStatus: () => keys.status(),
    setKey: ({ key }) => keys.setKey(key),
    deleteKey: () => keys.deleteKey(),
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
    getConversation: async ({ id }) => {
      const conversation = conversations.getConversation(db, id)
      if (!conversation) throw new AppError('not_found', 'That conversation no longer exists.')
      return { conversation, messages: messages.listMessages(db, id) }
    },
    setConversationModel: async ({ id, model }) => {
      if (!conversations.setConversationModel(db, id, model)) {
        throw new AppError('not_found', 'That conversation no longer exists.')
      }
      return conversations.getConversation(db, id)!
    },
    deleteConversation: async ({ id }) => {
      if (chat.isStreaming(id)) {
        throw new AppError('busy', 'A reply is still streaming in this conversation. Stop it first.')
      }
      conversations.deleteConversation(db, id)
      return null
    },
    sendMessage: (args) => chat.send(args),
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
    close: async () => {
      await chat.stopAll()
      db.close()
    }
  }
}

/** The provider's model ids, with what we know of each; unknown ids are taken as text-only. */
function modelsFrom(ids: string[]): ModelInfo[] {
  const known = MODELS.filter((model) => ids.includes(model.id))
  const unknown = ids
    .filter((id) => !findModel(id))
    .map(
      (id): ModelInfo => ({
        id,
        family: 'other',
        context: 0,
        image: false,
        video: false,
        thinking: false,
        reasoningEffort: false
      })
    )
  return [...(known.length ? known : MODELS), ...unknown]
}
