// The open conversation: its messages, sending, the replies streaming in, and the message a
// search opened. The streamed text itself arrives through replyEvents.ts.
import type { Message } from '../../../../shared/types'
import type { SearchField } from '../../../../shared/search'
import { FPS_DEFAULT } from '../../../../shared/attachments/limits'
import { formatPageRanges } from '../../../../shared/attachments/documentPages'
import { attachmentBlock, modelInfoOf } from '../../lib/attachmentRules'
import { placeConversation } from '../../lib/historyView'
import type { SliceArgs } from '../scope'
import {
  EMPTY_TRAY,
  selectCurrentModel,
  selectModelCorrections,
  selectModels,
  trayKeyOf
} from '../selectors'
import type { MessageCache } from '../streamBuffer'
import { refuseFile, updateTray } from './composer'
import { updateConversation } from './conversations'
import { presetOfNewConversation } from './params'

/** A message opened from search: scrolled to, highlighted, its matches marked. */
export interface SearchHighlight {
  conversationId: number
  messageId: number
  field: SearchField
  /** The matched strings of the hit's snippet, longest first. */
  terms: string[]
  /** For a match inside an image's recognized text: that image, marked in the message. */
  imageSha256?: string
  /** Bumped on every open, so opening the same result again scrolls again. */
  token: number
}

/** Which part of a long conversation is loaded: messages are paged, like the sidebar. */
export interface MessageWindow {
  /** Older messages exist before the first loaded one. */
  hasOlder: boolean
  /** Newer messages exist after the last loaded one (opened around a search hit). */
  hasNewer: boolean
  loading: 'older' | 'newer' | null
}

export interface ChatSlice {
  /** null = a new chat that has no conversation yet. */
  activeConversationId: number | null
  /** Messages of the open conversation and of any conversation still streaming. */
  messagesByConversation: MessageCache
  /** The conversation whose messages are being fetched. */
  loadingConversationId: number | null
  /** Conversation id → id of the assistant message streaming in it. */
  streaming: Record<number, number>
  /** A sendMessage request is in flight. */
  sending: boolean
  highlight: SearchHighlight | null
  /** What is loaded of each cached conversation. */
  messageWindows: Record<number, MessageWindow>

  /** Opens a conversation at its latest messages, or at the page around the message `around`. */
  openConversation(id: number, around?: number): Promise<void>
  /** Loads the page before the first loaded message of the open conversation. */
  loadOlderMessages(): Promise<void>
  /** Loads the page after the last loaded message (after jumping to a search hit). */
  loadNewerMessages(): Promise<void>
  /** Shows the open conversation's latest messages, loading them if a hit's page is shown. */
  showLatestMessages(): Promise<void>
  newChat(): void
  /**
   * Sends text and the tray's attachments in the open conversation (or starts one); false if it
   * was not sent (the attachments then stay in the tray).
   */
  sendMessage(text: string): Promise<boolean>
  /** Stops the reply streaming in the open conversation. */
  stopReply(): Promise<void>
  retryReply(messageId: number): Promise<void>
}

/** The chat slice: navigation between conversations, sending, streaming replies. */
export function createChatSlice(args: SliceArgs): ChatSlice {
  const { set, get, api, scope } = args
  const { stream } = scope
  return {
    activeConversationId: null,
    messagesByConversation: {},
    loadingConversationId: null,
    streaming: {},
    sending: false,
    highlight: null,
    messageWindows: {},

    async openConversation(id, around) {
      const state = get()
      if (state.highlight && state.highlight.conversationId !== id) set({ highlight: null })
      // A cached conversation that holds the message asked for opens as it is.
      const cached =
        state.messagesByConversation[id] &&
        (around === undefined || state.messagesByConversation[id].some((m) => m.id === around))
          ? state.messagesByConversation[id]
          : undefined
      if (state.activeConversationId === id && cached) return
      const ticket = ++scope.navigation
      set({
        activeConversationId: id,
        ...pruneCache(state, id),
        loadingConversationId: cached ? null : id
      })
      if (cached) return
      const result = await api.getConversation(around === undefined ? { id } : { id, around })
      const stillOpen = scope.navigation === ticket
      if (!result.ok) {
        set({ banner: result.error, ...(stillOpen ? { loadingConversationId: null } : {}) })
        return
      }
      const { conversation, messages, hasOlder, hasNewer } = result.value
      updateConversation(args, conversation, false)
      if (!stillOpen) return
      set({
        messagesByConversation: { ...get().messagesByConversation, [id]: messages },
        messageWindows: { ...get().messageWindows, [id]: { hasOlder, hasNewer, loading: null } },
        loadingConversationId: null,
        streaming: hasNewer ? get().streaming : streamingAfter(get().streaming, id, messages)
      })
    },

    async loadOlderMessages() {
      await loadBeside(args, 'older')
    },

    async loadNewerMessages() {
      await loadBeside(args, 'newer')
    },

    async showLatestMessages() {
      const id = get().activeConversationId
      if (id === null || !get().messageWindows[id]?.hasNewer) return
      const messagesByConversation = { ...get().messagesByConversation }
      delete messagesByConversation[id]
      set({ messagesByConversation })
      await get().openConversation(id)
    },

    newChat() {
      scope.navigation++
      const state = get()
      set({
        activeConversationId: null,
        loadingConversationId: null,
        highlight: null,
        draftParams: null,
        draftProjectId: null,
        appliedPreset: null,
        ...pruneCache(state, null)
      })
    },

    async sendMessage(text) {
      const state = get()
      const conversationId = state.activeConversationId
      const key = trayKeyOf(conversationId)
      const tray = state.trays[key] ?? EMPTY_TRAY
      if ((text.trim() === '' && tray.drafts.length === 0) || state.sending) return false
      if (conversationId !== null && state.streaming[conversationId] !== undefined) return false
      if (conversationId !== null && state.loadingConversationId === conversationId) return false
      if (tray.pending.length > 0) return false
      // Around a search hit the newest messages are not loaded: the new ones go after them.
      if (conversationId !== null && state.messageWindows[conversationId]?.hasNewer)
        await get().showLatestMessages()
      const model = selectCurrentModel(state)
      // A model that cannot take the tray's files never gets them: the tray says why.
      const models = selectModels(state)
      const info = modelInfoOf(models, model, selectModelCorrections(state))
      if (attachmentBlock(tray.drafts, info, models)) return false
      const sent = tray.drafts
      const attachments = sent.map((draft) => ({
        sha256: draft.sha256,
        name: draft.name,
        ...(draft.kind === 'video' ? { fps: draft.fps ?? FPS_DEFAULT } : {}),
        ...(draft.chosenPages ? { pages: formatPageRanges(draft.chosenPages) } : {})
      }))
      const ticket = scope.navigation
      // A new chat's parameters go with its first message (none chosen: main uses the defaults).
      const params = conversationId === null ? state.draftParams : null
      set({ sending: true, highlight: null })
      // The tray empties as the text box does; a failed send puts the files back.
      updateTray(args, key, (current) => ({ ...current, drafts: [], refusals: [] }))
      const result = await stream.track(
        api.sendMessage({
          conversationId,
          model,
          text,
          ...(params ? { params } : {}),
          ...(conversationId === null && state.draftProjectId !== null
            ? { projectId: state.draftProjectId }
            : {}),
          ...(attachments.length > 0 ? { attachments } : {})
        })
      )
      if (!result.ok) {
        updateTray(args, key, (current) => ({
          ...current,
          drafts: [
            ...sent,
            ...current.drafts.filter((d) => !sent.some((s) => s.sha256 === d.sha256))
          ]
        }))
        if (result.error.code === 'attachment_refused') {
          set({ sending: false })
          const name =
            typeof result.error.params?.name === 'string' ? result.error.params.name : null
          refuseFile(args, key, name, result.error, null)
        } else {
          set({ sending: false, banner: result.error })
        }
        return false
      }
      const { conversation, userMessage, leftOut } = result.value
      const assistantMessage = stream.settle(result.value.assistantMessage)
      // A new chat in a project: the project shows it, with its count.
      if (conversation.projectId !== null && conversationId === null)
        get().projectChatAdded(conversation.projectId)
      const current = get()
      const previous =
        conversationId === null ? [] : (current.messagesByConversation[conversationId] ?? [])
      const stillHere = scope.navigation === ticket
      scope.draftModelChosen = true
      const leftOutNext = { ...current.leftOut }
      if (leftOut && leftOut.length > 0) leftOutNext[conversation.id] = leftOut
      else delete leftOutNext[conversation.id]
      // Files attached to the new chat while it was being sent go on with its conversation.
      const trays = { ...current.trays }
      const newKey = trayKeyOf(conversation.id)
      if (key !== newKey && stillHere && trays[key]) {
        trays[newKey] = trays[key]
        delete trays[key]
      }
      set({
        sending: false,
        draftModel: model,
        ...(conversationId === null
          ? {
              draftParams: null,
              appliedPreset: presetOfNewConversation(current.appliedPreset, conversation.id)
            }
          : {}),
        trays,
        leftOut: leftOutNext,
        activeConversationId: stillHere ? conversation.id : current.activeConversationId,
        messagesByConversation: {
          ...current.messagesByConversation,
          [conversation.id]: [...previous, userMessage, assistantMessage]
        },
        streaming:
          assistantMessage.status === 'streaming'
            ? { ...current.streaming, [conversation.id]: assistantMessage.id }
            : current.streaming,
        conversations: placeConversation(current.conversations, conversation, true)
      })
      return true
    },

    async stopReply() {
      const { activeConversationId, streaming } = get()
      if (activeConversationId === null) return
      const messageId = streaming[activeConversationId]
      if (messageId === undefined) return
      // The reply ends through a replyEnded event with status 'stopped'.
      const result = await api.stopReply({ messageId })
      if (!result.ok) set({ banner: result.error })
    },

    async retryReply(messageId) {
      const state = get()
      const conversationId = Object.keys(state.messagesByConversation)
        .map(Number)
        .find((id) => state.messagesByConversation[id].some((m) => m.id === messageId))
      if (conversationId === undefined || state.streaming[conversationId] !== undefined) return
      const result = await stream.track(api.retryReply({ messageId }))
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      const reply = stream.settle(result.value)
      replaceMessage(args, conversationId, messageId, reply)
      if (reply.status === 'streaming') {
        set({ streaming: { ...get().streaming, [conversationId]: reply.id } })
      }
    }
  }
}

/** Keeps the open conversation and streaming ones; drops the other cached messages. */
function pruneCache(
  state: Pick<ChatSlice, 'messagesByConversation' | 'messageWindows' | 'streaming'>,
  keepId: number | null
): Pick<ChatSlice, 'messagesByConversation' | 'messageWindows'> {
  const messagesByConversation: MessageCache = {}
  const messageWindows: Record<number, MessageWindow> = {}
  for (const key of Object.keys(state.messagesByConversation)) {
    const id = Number(key)
    if (id !== keepId && state.streaming[id] === undefined) continue
    messagesByConversation[id] = state.messagesByConversation[id]
    if (state.messageWindows[id]) messageWindows[id] = state.messageWindows[id]
  }
  return { messagesByConversation, messageWindows }
}

/** The streaming map, with the conversation's reply if its last message is still streaming. */
function streamingAfter(
  streaming: Record<number, number>,
  id: number,
  messages: readonly Message[]
) {
  // A reply still streaming (e.g. after a reload of the window) keeps receiving its deltas.
  const last = messages[messages.length - 1]
  return last && last.role === 'assistant' && last.status === 'streaming'
    ? { ...streaming, [id]: last.id }
    : streaming
}

/** Loads the page before the first or after the last loaded message of the open conversation. */
async function loadBeside(
  { set, get, api, scope }: SliceArgs,
  direction: 'older' | 'newer'
): Promise<void> {
  const id = get().activeConversationId
  const loaded = id === null ? undefined : get().messagesByConversation[id]
  const window = id === null ? undefined : get().messageWindows[id]
  if (id === null || !loaded || loaded.length === 0 || !window || window.loading !== null) return
  if (direction === 'older' ? !window.hasOlder : !window.hasNewer) return
  const ticket = scope.navigation
  set({ messageWindows: { ...get().messageWindows, [id]: { ...window, loading: direction } } })
  const result = await api.listMessages(
    direction === 'older'
      ? { conversationId: id, before: loaded[0].id }
      : { conversationId: id, after: loaded[loaded.length - 1].id }
  )
  const current = get().messagesByConversation[id]
  const currentWindow = get().messageWindows[id]
  if (!currentWindow) return
  if (!result.ok || scope.navigation !== ticket || !current) {
    set({
      messageWindows: { ...get().messageWindows, [id]: { ...currentWindow, loading: null } },
      ...(result.ok ? {} : { banner: result.error })
    })
    return
  }
  const known = new Set(current.map((m) => m.id))
  const page = result.value.messages.filter((m) => !known.has(m.id))
  const messages = direction === 'older' ? [...page, ...current] : [...current, ...page]
  const hasNewer = direction === 'newer' ? result.value.hasMore : currentWindow.hasNewer
  set({
    messagesByConversation: { ...get().messagesByConversation, [id]: messages },
    messageWindows: {
      ...get().messageWindows,
      [id]: {
        hasOlder: direction === 'older' ? result.value.hasMore : currentWindow.hasOlder,
        hasNewer,
        loading: null
      }
    },
    ...(direction === 'newer' && !hasNewer
      ? { streaming: streamingAfter(get().streaming, id, messages) }
      : {})
  })
}

function replaceMessage(
  { set, get }: SliceArgs,
  conversationId: number,
  oldId: number,
  message: Message
): void {
  const cache = get().messagesByConversation
  const messages = cache[conversationId]
  if (!messages) return
  set({
    messagesByConversation: {
      ...cache,
      [conversationId]: messages.map((m) => (m.id === oldId ? message : m))
    }
  })
}
