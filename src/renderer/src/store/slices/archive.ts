// Archived conversations: archiving one or every one older than a date, the Archived view, and
// the archiveChanged event (another window archived or brought one back).
import type { EventPayloads } from '../../../../shared/contract'
import type { Conversation } from '../../../../shared/types'
import type { SliceArgs } from '../scope'
import { loadConversationPage, updateConversation } from './conversations'
import { archiveInSearch } from './search'

export interface ArchiveSlice {
  /** The Archived view is open. */
  archivedOpen: boolean
  /** The archived conversations, most recently archived first; null until the view loads them. */
  archived: Conversation[] | null

  openArchived(): Promise<void>
  closeArchived(): void
  /**
   * Archives a conversation (it leaves the sidebar; an open one stays open, marked archived) or
   * brings it back.
   */
  setConversationArchived(id: number, archived: boolean): Promise<void>
  /** How many conversations archiveOlderThan(before) would archive; null when asking failed. */
  countOlderThan(before: number): Promise<number | null>
  /** Archives every conversation last active before `before`; how many, null when it failed. */
  archiveOlderThan(before: number): Promise<number | null>
}

/** The archive slice. */
export function createArchiveSlice(args: SliceArgs): ArchiveSlice {
  const { set, api } = args
  return {
    archivedOpen: false,
    archived: null,

    async openArchived() {
      set({ archivedOpen: true })
      await loadArchived(args)
    },

    closeArchived() {
      set({ archivedOpen: false })
    },

    async setConversationArchived(id, archived) {
      const result = await api.setConversationArchived({ id, archived })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      applyArchived(args, result.value)
    },

    async countOlderThan(before) {
      const result = await api.archiveOlderThan({ before, dryRun: true })
      if (!result.ok) {
        set({ banner: result.error })
        return null
      }
      return result.value.count
    },

    async archiveOlderThan(before) {
      const result = await api.archiveOlderThan({ before })
      if (!result.ok) {
        set({ banner: result.error })
        return null
      }
      await reloadLists(args)
      return result.value.count
    }
  }
}

/** Puts a conversation archived or brought back in every list that shows it. */
function applyArchived(args: SliceArgs, conversation: Conversation): void {
  const { set, get } = args
  const listed = get().conversations.some((c) => c.id === conversation.id)
  // Back from the archive: into the sidebar where its last activity puts it.
  if (listed || !conversation.archived) updateConversation(args, conversation, false)
  archiveInSearch(args, conversation.id, conversation.archived)
  const archived = get().archived
  if (archived) {
    const rest = archived.filter((c) => c.id !== conversation.id)
    set({ archived: conversation.archived ? [conversation, ...rest] : rest })
  }
}

/**
 * Reads the sidebar's first page and (when shown) the archived list again; the open conversation,
 * archived meanwhile, is read again to stay open.
 */
async function reloadLists(args: SliceArgs): Promise<void> {
  const { get, set } = args
  await loadConversationPage(args, undefined)
  const state = get()
  const open = state.activeConversationId
  if (open !== null && !state.conversations.some((c) => c.id === open)) {
    const { [open]: _stale, ...messagesByConversation } = state.messagesByConversation
    set({ messagesByConversation })
    await get().openConversation(open)
  }
  if (get().archived !== null) await loadArchived(args)
}

async function loadArchived({ set, api }: SliceArgs): Promise<void> {
  const result = await api.listArchivedConversations()
  if (!result.ok) {
    set({ banner: result.error })
    return
  }
  set({ archived: result.value })
}

/** Another window archived or brought back a conversation (null: several at once). */
export function onArchiveChanged(
  args: SliceArgs,
  { conversation }: EventPayloads['archiveChanged']
): void {
  if (conversation) applyArchived(args, conversation)
  else void reloadLists(args)
}
