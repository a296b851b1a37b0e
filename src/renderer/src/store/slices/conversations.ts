// The sidebar's conversations: paging, rename, pin, and delete with its Undo offer.
import type { Conversation, ConversationPage } from '../../../../shared/types'
import { placeConversation } from '../../lib/historyView'
import type { SliceArgs, StoreScope } from '../scope'
import { trayKeyOf } from '../selectors'
import { renameInSearch, withoutConversationHits } from './search'

/** A conversation taken off the list, deleted for real when its Undo toast expires. */
export interface PendingDeletion {
  conversation: Conversation
  /** Where it was in the list, to put it back there on Undo. */
  index: number
  /** Whether it was the open conversation, to open it again on Undo. */
  wasOpen: boolean
}

/** How long the "Conversation deleted — Undo" toast stays before the delete is made. */
export const DELETE_UNDO_MS = 8000

const CONVERSATION_PAGE_SIZE = 50

export interface ConversationsSlice {
  /** Newest first. */
  conversations: Conversation[]
  /** Cursor for the next page; null when every conversation is loaded. */
  conversationsNext: ConversationPage['next']
  conversationsLoading: boolean
  /** The deleted conversation its Undo toast still offers back. */
  pendingDeletion: PendingDeletion | null

  /** Loads the next page of conversations (the first one if none is loaded). */
  loadMoreConversations(): Promise<void>
  /**
   * Takes a conversation off the list at once and offers Undo; the request to delete it is made
   * only when the offer expires or another delete replaces it.
   */
  deleteConversation(id: number): Promise<void>
  /** Puts the conversation of the Undo toast back where it was. */
  undoDelete(): void
  /** Renames a conversation; false when the title was refused. */
  renameConversation(id: number, title: string): Promise<boolean>
  setConversationPinned(id: number, pinned: boolean): Promise<void>
}

/** The conversations slice: the list and what changes a conversation as a whole. */
export function createConversationsSlice(args: SliceArgs): ConversationsSlice {
  const { set, get, api, scope } = args
  return {
    conversations: [],
    conversationsNext: null,
    conversationsLoading: false,
    pendingDeletion: null,

    async loadMoreConversations() {
      const { conversationsLoading, conversationsNext, conversations } = get()
      if (conversationsLoading) return
      if (conversations.length > 0 && conversationsNext === null) return
      await loadConversationPage(args, conversationsNext ?? undefined)
    },

    async deleteConversation(id) {
      // The delete is made later, not now: Undo then only has to put the row back (no
      // re-import of a deleted conversation), and if the app quits while Undo is offered the
      // conversation is simply still there. Nothing is lost either way.
      const state = get()
      const index = state.conversations.findIndex((c) => c.id === id)
      if (index === -1) return
      const previous = state.pendingDeletion
      clearDeletionTimer(scope)
      const pending: PendingDeletion = {
        conversation: state.conversations[index],
        index,
        wasOpen: state.activeConversationId === id
      }
      set({
        pendingDeletion: pending,
        conversations: state.conversations.filter((c) => c.id !== id),
        search: withoutConversationHits(state.search, id)
      })
      if (pending.wasOpen) get().newChat()
      scope.deletionTimer = setTimeout(() => {
        scope.deletionTimer = null
        if (get().pendingDeletion !== pending) return
        set({ pendingDeletion: null })
        void commitDeletion(args, pending)
      }, DELETE_UNDO_MS)
      // Only one Undo is offered at a time: a second delete makes the first one for real.
      if (previous) await commitDeletion(args, previous)
    },

    undoDelete() {
      const pending = get().pendingDeletion
      if (!pending) return
      clearDeletionTimer(scope)
      const conversations = [...get().conversations]
      conversations.splice(Math.min(pending.index, conversations.length), 0, pending.conversation)
      set({ pendingDeletion: null, conversations })
      if (pending.wasOpen && get().activeConversationId === null)
        void get().openConversation(pending.conversation.id)
      // Its search hits come back with the next search.
    },

    async renameConversation(id, title) {
      const trimmed = title.trim()
      const current = get().conversations.find((c) => c.id === id)
      if (trimmed === '' || (current && current.title === trimmed)) return trimmed !== ''
      const result = await api.renameConversation({ id, title: trimmed })
      if (!result.ok) {
        set({ banner: result.error })
        return false
      }
      updateConversation(args, result.value, false)
      renameInSearch(args, id, result.value.title)
      return true
    },

    async setConversationPinned(id, pinned) {
      const result = await api.setConversationPinned({ id, pinned })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      updateConversation(args, result.value, false)
    }
  }
}

/** Puts a changed conversation in its place in the list. */
export function updateConversation(
  { set, get }: SliceArgs,
  conversation: Conversation,
  moveToTop: boolean
): void {
  // A conversation waiting to be deleted stays off the list until Undo.
  if (get().pendingDeletion?.conversation.id === conversation.id) return
  set({ conversations: placeConversation(get().conversations, conversation, moveToTop) })
}

/** Loads a page of conversations: the first one (replacing the list), or the one after `before`. */
export async function loadConversationPage(
  { set, get, api }: SliceArgs,
  before: ConversationPage['next'] | undefined
): Promise<void> {
  set({ conversationsLoading: true })
  const result = await api.listConversations({
    limit: CONVERSATION_PAGE_SIZE,
    ...(before ? { before } : {})
  })
  if (!result.ok) {
    set({ conversationsLoading: false, banner: result.error })
    return
  }
  const hidden = get().pendingDeletion?.conversation.id
  const page = result.value.conversations.filter((c) => c.id !== hidden)
  let conversations = page
  if (before) {
    // One opened from search before its page came sits at the end; its page puts it in place.
    const inPage = new Set(page.map((c) => c.id))
    const loaded = get().conversations
    conversations = [
      ...(loaded.some((c) => inPage.has(c.id)) ? loaded.filter((c) => !inPage.has(c.id)) : loaded),
      ...page
    ]
  }
  set({ conversations, conversationsNext: result.value.next, conversationsLoading: false })
}

/** Stops the Undo offer's clock. */
export function clearDeletionTimer(scope: StoreScope): void {
  if (scope.deletionTimer !== null) clearTimeout(scope.deletionTimer)
  scope.deletionTimer = null
}

/** Makes the delete the Undo toast was holding back (its time is up, or another replaced it). */
async function commitDeletion(args: SliceArgs, pending: PendingDeletion): Promise<void> {
  const { set, get, api } = args
  const id = pending.conversation.id
  // A reply still streaming there would make main refuse: stop it first; its text goes too.
  const streamingId = get().streaming[id]
  if (streamingId !== undefined) await api.stopReply({ messageId: streamingId })
  const result = await api.deleteConversation({ id })
  if (!result.ok) {
    // Not deleted after all: it comes back, and the banner says why.
    if (result.error.code !== 'not_found') {
      set({
        conversations: placeConversation(get().conversations, pending.conversation),
        banner: result.error
      })
    }
    return
  }
  forgetConversation(args, id)
}

/** The list without a deleted conversation, and every cache that belongs to it (cross-slice). */
function forgetConversation({ set, get }: SliceArgs, id: number): void {
  const state = get()
  const messagesByConversation = { ...state.messagesByConversation }
  delete messagesByConversation[id]
  const streaming = { ...state.streaming }
  delete streaming[id]
  const trays = { ...state.trays }
  delete trays[trayKeyOf(id)]
  const leftOut = { ...state.leftOut }
  delete leftOut[id]
  set({
    conversations: state.conversations.filter((c) => c.id !== id),
    messagesByConversation,
    streaming,
    trays,
    leftOut,
    search: withoutConversationHits(state.search, id),
    highlight: state.highlight?.conversationId === id ? null : state.highlight
  })
}
