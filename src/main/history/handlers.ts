// The conversations: listing, reading, renaming, pinning, deleting; their branches (versions of a
// message, deleting one); search, export and import.
import type { Handlers } from '../../shared/contract'
import { MESSAGE_PAGE_SIZE, type Message, type PathChange } from '../../shared/types'
import type { AttachmentCatalog } from '../attachments/catalog'
import { removeOrphans } from '../attachments/cleanup'
import { conversationHashes } from '../attachments/records'
import type { AttachmentStore } from '../attachments/store'
import { AppError, stillStreaming } from '../errors'
import * as conversations from './conversations'
import type { HistoryDatabase } from '../db/database'
import { messagesBeside, pageOfMessages } from './messagePages'
import * as messages from './messages'
import { searchSteps } from './search'
import { createSearchRuns } from './searchRuns'
import { createFinder } from './findInChat'
import { parseExport } from './exportFile'
import { exportAll, exportConversation, importAll } from './transfer'

export type HistoryRequest =
  | 'listConversations'
  | 'getConversation'
  | 'listMessages'
  | 'renameConversation'
  | 'setConversationPinned'
  | 'setConversationModel'
  | 'setConversationParams'
  | 'deleteConversation'
  | 'exportConversation'
  | 'exportHistory'
  | 'importHistory'
  | 'searchHistory'
  | 'findInConversation'
  | 'showVersion'
  | 'deleteMessage'

/** What the history's requests use besides the database. */
export interface HistoryNeeds {
  /** To refuse changing a conversation's messages while its reply streams. */
  chat: { isStreaming(conversationId: number): boolean }
  /** To remove the files only a deleted conversation used. */
  store: AttachmentStore
  catalog: AttachmentCatalog
}

/** The history's requests over an open database. */
export function historyHandlers(
  db: HistoryDatabase,
  needs: HistoryNeeds
): Pick<Handlers, HistoryRequest> {
  const { chat, store, catalog } = needs
  // Search as you type: a box's newer search abandons its older one (searchRuns.ts).
  const searchRuns = createSearchRuns()
  const finder = createFinder(db)
  const existing = (id: number) => {
    const conversation = conversations.getConversation(db, id)
    if (!conversation) throw new AppError('not_found', 'That conversation no longer exists.')
    return conversation
  }

  const existingMessage = (id: number) => {
    const message = messages.getMessage(db, id)
    if (!message) throw new AppError('not_found', 'That message no longer exists.')
    return message
  }
  // The path shown after `from` (whose parent is `parentId`) was switched or deleted.
  const pathChange = (
    conversationId: number,
    from: number,
    parentId: number | null
  ): PathChange => {
    const page =
      parentId === null
        ? firstPage(messages.currentPath(db, conversationId))
        : messagesBeside(db, conversationId, { after: parentId }, MESSAGE_PAGE_SIZE)
    return { from, messages: catalog.decorate(page.messages), hasMore: page.hasMore }
  }

  return {
    listConversations: async ({ limit, before, projectId }) =>
      conversations.listConversations(db, { limit: limit ?? 100, before, projectId }),
    getConversation: async ({ id, around, limit }) => {
      existing(id)
      // A search hit on another branch opens that branch.
      if (around !== undefined) messages.showBranchOf(db, id, around)
      const conversation = existing(id)
      const page = pageOfMessages(db, id, { around, limit: limit ?? MESSAGE_PAGE_SIZE })
      return { conversation, ...page, messages: catalog.decorate(page.messages) }
    },
    listMessages: async ({ conversationId, before, after, limit }) => {
      existing(conversationId)
      const side = before !== undefined ? { before } : { after: after! }
      const page = messagesBeside(db, conversationId, side, limit ?? MESSAGE_PAGE_SIZE)
      return { ...page, messages: catalog.decorate(page.messages) }
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
    searchHistory: async ({ typing, ...args }) => {
      const page = await searchRuns(typing, searchSteps(db, args))
      if (!page) return { results: [], next: null, superseded: true }
      // A hit inside an image's (or a document's) text shows that file's thumbnail.
      for (const hit of page.results) {
        if ((hit.field === 'image' || hit.field === 'document') && hit.image)
          hit.image.thumbnailUrl = catalog.thumbnailUrl(hit.image.sha256)
      }
      return page
    },
    findInConversation: async ({ conversationId, query }) => {
      existing(conversationId)
      return finder.find(conversationId, query)
    },
    importHistory: async ({ text }) => {
      let file: ReturnType<typeof parseExport>
      try {
        file = parseExport(text)
      } catch (error) {
        if (error instanceof AppError) throw error
        throw new AppError('import_failed', (error as Error).message)
      }
      return importAll(db, file)
    },
    setConversationModel: async ({ id, model }) => {
      existing(id)
      conversations.setConversationModel(db, id, model)
      return existing(id)
    },
    setConversationParams: async ({ id, params }) => {
      existing(id)
      conversations.setConversationParams(db, id, params)
      return existing(id)
    },
    showVersion: async ({ messageId }) => {
      const version = existingMessage(messageId)
      if (chat.isStreaming(version.conversationId)) throw stillStreaming('conversation')
      messages.setCurrentLeaf(
        db,
        version.conversationId,
        messages.newestLeafUnder(db, version.conversationId, version.id)
      )
      return pathChange(version.conversationId, version.id, version.parentId)
    },
    deleteMessage: async ({ messageId }) => {
      const message = existingMessage(messageId)
      if (chat.isStreaming(message.conversationId)) throw stillStreaming('conversation')
      const hashes = conversationHashes(db, message.conversationId)
      db.transaction(() => messages.deleteMessageTree(db, message.conversationId, message.id))()
      await removeOrphans(db, store, hashes, catalog.draftHashes())
      return pathChange(message.conversationId, message.id, message.parentId)
    },
    deleteConversation: async ({ id }) => {
      if (chat.isStreaming(id)) throw stillStreaming('conversation')
      const hashes = conversationHashes(db, id)
      conversations.deleteConversation(db, id)
      await removeOrphans(db, store, hashes, catalog.draftHashes())
      return null
    }
  }
}

/** The first page of a path (after its root changed). */
function firstPage(path: Message[]): { messages: Message[]; hasMore: boolean } {
  return { messages: path.slice(0, MESSAGE_PAGE_SIZE), hasMore: path.length > MESSAGE_PAGE_SIZE }
}
