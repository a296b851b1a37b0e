// What can be done to one message of the open conversation: regenerate a reply, edit and resend
// a question, continue a cut-off reply, switch between versions, delete. History is a tree in
// main; the cache holds the path shown, so each action replaces the cached path from the message
// it acted on.
import type { Message, PathChange } from '../../../../shared/types'
import { placeConversation } from '../../lib/historyView'
import type { SliceArgs } from '../scope'

export interface MessageActionsSlice {
  /** The question being edited in place; null when none is. */
  editingMessageId: number | null
  /** The message waiting for the user to confirm its deletion. */
  deletingMessageId: number | null

  /** Opens (or, with null, closes) the editor of a question. */
  startEditing(messageId: number | null): void
  /** Opens (or, with null, closes) the confirmation to delete a message. */
  askToDelete(messageId: number | null): void
  /** Streams a new version of a reply; the earlier ones stay switchable. */
  regenerateReply(messageId: number): Promise<void>
  /** Sends an edited question as a new version beside the original; false if it was not sent. */
  editMessage(messageId: number, text: string): Promise<boolean>
  /** Streams the rest of a cut-off or stopped reply into it. */
  continueReply(messageId: number): Promise<void>
  /** Writes a reply the disk refused to save, from the text main kept (Save again). */
  saveReplyAgain(messageId: number): Promise<void>
  /** Shows another version of a message (its newest branch). */
  showVersion(messageId: number): Promise<void>
  /** Deletes a message and what followed it on its branches. */
  deleteMessage(messageId: number): Promise<void>
}

/** The message actions slice. */
export function createMessageActionsSlice(args: SliceArgs): MessageActionsSlice {
  const { set, get, api, scope } = args
  const { stream } = scope

  /** The conversation holding a message, if nothing streams in it. */
  function idleConversationOf(messageId: number): number | undefined {
    const state = get()
    const conversationId = conversationOf(args, messageId)
    if (
      conversationId === undefined ||
      state.streaming[conversationId] !== undefined ||
      state.sending
    )
      return undefined
    return conversationId
  }

  return {
    editingMessageId: null,
    deletingMessageId: null,

    startEditing(messageId) {
      set({ editingMessageId: messageId })
    },

    askToDelete(messageId) {
      set({ deletingMessageId: messageId })
    },

    async regenerateReply(messageId) {
      const conversationId = idleConversationOf(messageId)
      if (conversationId === undefined) return
      const result = await stream.track(api.regenerateReply({ messageId }))
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      const reply = stream.settle(result.value)
      // The new version takes the old one's place; what followed it belongs to the old branch. A
      // question without a reply keeps its place and gets the reply after it.
      const question = get().messagesByConversation[conversationId]?.find(
        (m) => m.id === messageId && m.role === 'user'
      )
      replacePathFrom(args, conversationId, question ? reply.id : messageId, [reply], false)
      if (reply.status === 'streaming')
        set({ streaming: { ...get().streaming, [conversationId]: reply.id } })
    },

    async editMessage(messageId, text) {
      const conversationId = idleConversationOf(messageId)
      if (conversationId === undefined) return false
      set({ sending: true })
      const result = await stream.track(api.editMessage({ messageId, text }))
      if (!result.ok) {
        set({ sending: false, banner: result.error })
        return false
      }
      const { conversation, userMessage } = result.value
      const reply = stream.settle(result.value.assistantMessage)
      set({
        sending: false,
        editingMessageId: null,
        conversations: placeConversation(get().conversations, conversation, true)
      })
      replacePathFrom(args, conversationId, messageId, [userMessage, reply], false)
      if (reply.status === 'streaming')
        set({ streaming: { ...get().streaming, [conversationId]: reply.id } })
      return true
    },

    async continueReply(messageId) {
      const conversationId = idleConversationOf(messageId)
      if (conversationId === undefined) return
      const before = get().messagesByConversation[conversationId].find((m) => m.id === messageId)!
      // The same reply streams again: shown so at once, since its text (and even its end) may
      // arrive before the request answers.
      replaceMessage(args, conversationId, {
        ...before,
        status: 'streaming',
        finishReason: null,
        error: null
      })
      set({ streaming: { ...get().streaming, [conversationId]: messageId } })
      const result = await api.continueReply({ messageId })
      if (result.ok) return
      replaceMessage(args, conversationId, before)
      const streaming = { ...get().streaming }
      if (streaming[conversationId] === messageId) delete streaming[conversationId]
      set({ streaming, banner: result.error })
    },

    async saveReplyAgain(messageId) {
      const conversationId = conversationOf(args, messageId)
      if (conversationId === undefined) return
      const result = await api.saveReplyAgain({ messageId })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      replaceMessage(args, conversationId, result.value)
    },

    async showVersion(messageId) {
      const conversationId = idleConversationOf(messageId)
      if (conversationId === undefined) return
      const result = await api.showVersion({ messageId })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      applyPathChange(args, conversationId, result.value)
    },

    async deleteMessage(messageId) {
      set({ deletingMessageId: null })
      const conversationId = idleConversationOf(messageId)
      if (conversationId === undefined) return
      const result = await api.deleteMessage({ messageId })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      if (get().editingMessageId === messageId) set({ editingMessageId: null })
      applyPathChange(args, conversationId, result.value)
    }
  }
}

/** The cached conversation holding a message, or (another version) one of its siblings. */
function conversationOf({ get }: SliceArgs, messageId: number): number | undefined {
  const cache = get().messagesByConversation
  return Object.keys(cache)
    .map(Number)
    .find((id) => cache[id].some((m) => m.id === messageId || m.versions.includes(messageId)))
}

/**
 * Replaces the cached path from the message `from` on with `messages`; `hasNewer` says whether
 * the path goes on past them (not loaded yet).
 */
function replacePathFrom(
  { set, get }: SliceArgs,
  conversationId: number,
  from: number,
  messages: Message[],
  hasNewer: boolean
): void {
  const cached = get().messagesByConversation[conversationId]
  if (!cached) return
  const at = cached.findIndex((m) => m.id === from)
  const kept = at === -1 ? cached : cached.slice(0, at)
  const window = get().messageWindows[conversationId]
  set({
    messagesByConversation: {
      ...get().messagesByConversation,
      [conversationId]: [...kept, ...messages]
    },
    ...(window
      ? { messageWindows: { ...get().messageWindows, [conversationId]: { ...window, hasNewer } } }
      : {})
  })
}

/** Puts a new state of a cached message in place. */
function replaceMessage({ set, get }: SliceArgs, conversationId: number, message: Message): void {
  const cached = get().messagesByConversation[conversationId]
  if (!cached) return
  set({
    messagesByConversation: {
      ...get().messagesByConversation,
      [conversationId]: cached.map((m) => (m.id === message.id ? message : m))
    }
  })
}

function applyPathChange(args: SliceArgs, conversationId: number, change: PathChange): void {
  // `from` is the message asked about; what is cached is the version shown beside it.
  const cached = args.get().messagesByConversation[conversationId] ?? []
  const shown = cached.find((m) => m.id === change.from || m.versions.includes(change.from))
  replacePathFrom(args, conversationId, shown?.id ?? change.from, change.messages, change.hasMore)
}
