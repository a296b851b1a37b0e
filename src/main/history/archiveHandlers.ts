// Archiving conversations: one at a time, or every one older than a date; the archived list.
// A change is told to every window (the sidebar of each leaves an archived conversation out).
import type { EmitEvent, Handlers } from '../../shared/contract'
import { AppError } from '../errors'
import type { HistoryDatabase } from '../db/database'
import * as conversations from './conversations'

export type ArchiveRequest =
  | 'setConversationArchived'
  | 'archiveOlderThan'
  | 'listArchivedConversations'

/** The archive's requests over an open database. */
export function archiveHandlers(
  db: HistoryDatabase,
  emit: EmitEvent
): Pick<Handlers, ArchiveRequest> {
  return {
    setConversationArchived: async ({ id, archived }) => {
      if (!conversations.setConversationArchived(db, id, archived, Date.now()))
        throw new AppError('not_found', 'That conversation no longer exists.')
      const conversation = conversations.getConversation(db, id)!
      emit('archiveChanged', { conversation })
      return conversation
    },
    archiveOlderThan: async ({ before, dryRun }) => {
      if (dryRun) return { count: conversations.countOlderThan(db, before) }
      const count = conversations.archiveOlderThan(db, before, Date.now())
      if (count > 0) emit('archiveChanged', { conversation: null })
      return { count }
    },
    listArchivedConversations: async () => conversations.listArchivedConversations(db)
  }
}
