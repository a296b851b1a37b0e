// The renderer's one store: all state and every action. Actions are the only callers of
// `window.api`; components read state through selectors and call actions.
import { createStore, type StoreApi } from 'zustand/vanilla'
import {
  DEFAULT_BASE_URL,
  type Api,
  type AppErrorInfo,
  type AttachmentDraft,
  type Conversation,
  type ConversationPage,
  type EventPayloads,
  type ExportedFile,
  type HistoryStatus,
  type ImportSummary,
  type KeyStatus,
  type Language,
  type LeftOutAttachment,
  type Message,
  type Result,
  type SearchCursor,
  type SearchField,
  type SearchHit,
  type Settings
} from '../../shared/contract'
import { FPS_DEFAULT } from '../../shared/attachments/limits'
import { DEFAULT_MODEL, MODELS, type ModelInfo } from '../../shared/models'
import {
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_FILE_BYTES,
  attachmentBlock,
  clampFps,
  fileName,
  localRefusal,
  modelInfoOf
} from './attachments'
import { dayEnd, dayStart, matchedTerms, placeConversation } from './history'

/** Which screen the app shows; 'recovery' while the history database is refused. */
export type Phase = 'loading' | 'recovery' | 'setup' | 'chat'

/** The state of the last "Test connection". */
export type ConnectionTest =
  | { state: 'idle' }
  | { state: 'testing' }
  | { state: 'ok'; modelCount: number }
  | { state: 'failed'; error: AppErrorInfo }

/** A file being read and checked by main; shown busy in the tray. */
export interface PendingAttachment {
  id: number
  name: string
  bytes: number
}

/** A file main (or the renderer) refused, shown with the reason until dismissed. */
export interface AttachmentRefusalNotice {
  id: number
  /** The file's name; null for a refusal of the whole message at send time. */
  name: string | null
  error: AppErrorInfo
  /** Kept when the model was the reason, so switching models can attach it again. */
  file: File | null
}

/** The files waiting in a composer: attached drafts, files in progress, refusals. */
export interface AttachmentTray {
  /** In attach order; `fps` holds the rate the user chose for videos. */
  drafts: AttachmentDraft[]
  pending: PendingAttachment[]
  refusals: AttachmentRefusalNotice[]
}

/** Which composer a tray belongs to: a conversation's, or the new chat's. */
export type TrayKey = 'new' | `${number}`

/** A conversation taken off the list, deleted for real when its Undo toast expires. */
export interface PendingDeletion {
  conversation: Conversation
  /** Where it was in the list, to put it back there on Undo. */
  index: number
  /** Whether it was the open conversation, to open it again on Undo. */
  wasOpen: boolean
}

/** The search panel: what was asked and what came back. */
export interface SearchState {
  open: boolean
  query: string
  /** A model id, or '' for all models. */
  model: string
  /** yyyy-mm-dd (local days), or '' for no bound; `to` includes its whole day. */
  from: string
  to: string
  results: SearchHit[]
  next: SearchCursor | null
  /** 'searching' from the keystroke (debounced) until the first page answers. */
  status: 'idle' | 'searching' | 'done' | 'failed'
  loadingMore: boolean
  error: AppErrorInfo | null
}

/** A message opened from search: scrolled to, highlighted, its matches marked. */
export interface SearchHighlight {
  conversationId: number
  messageId: number
  field: SearchField
  /** The matched strings of the hit's snippet, longest first. */
  terms: string[]
  /** Bumped on every open, so opening the same result again scrolls again. */
  token: number
}

/** Export all / import in Settings → History. */
export type HistoryTransfer =
  | { state: 'idle' }
  | { state: 'busy' }
  | { state: 'imported'; summary: ImportSummary }
  | { state: 'failed'; error: AppErrorInfo }

export interface AppState {
  phase: Phase
  settings: Settings
  keyStatus: KeyStatus | null
  models: readonly ModelInfo[]
  modelSource: 'provider' | 'offline'
  /** Newest first. */
  conversations: Conversation[]
  /** Cursor for the next page; null when every conversation is loaded. */
  conversationsNext: ConversationPage['next']
  conversationsLoading: boolean
  /** null = a new chat that has no conversation yet. */
  activeConversationId: number | null
  /** Messages of the open conversation and of any conversation still streaming. */
  messagesByConversation: Record<number, Message[]>
  /** The conversation whose messages are being fetched. */
  loadingConversationId: number | null
  /** Conversation id → id of the assistant message streaming in it. */
  streaming: Record<number, number>
  /** A sendMessage request is in flight. */
  sending: boolean
  /** Each composer's attachments, by conversation ('new' for a new chat). */
  trays: Partial<Record<TrayKey, AttachmentTray>>
  /** Earlier attachments the last send in a conversation left out of its request. */
  leftOut: Record<number, LeftOutAttachment[]>
  /** The model of the next new chat: the last one used, else DEFAULT_MODEL. */
  draftModel: string
  /** An error from a request itself (not from a reply), shown in a dismissible banner. */
  banner: AppErrorInfo | null
  settingsOpen: boolean
  connectionTest: ConnectionTest
  /** An error from the setup screen or the settings dialog. */
  formError: AppErrorInfo | null
  /** Whether the history database opened, and its backups; null until asked. */
  historyStatus: HistoryStatus | null
  /** The backup being restored from the recovery screen. */
  restoringBackup: string | null
  /** Why the last restore or status check failed (the recovery screen shows it). */
  recoveryError: AppErrorInfo | null
  /** The deleted conversation its Undo toast still offers back. */
  pendingDeletion: PendingDeletion | null
  search: SearchState
  highlight: SearchHighlight | null
  historyTransfer: HistoryTransfer

  /**
   * Subscribes to reply events and asks whether the history opened: if it was refused, shows the
   * recovery screen; else loads settings, key status, models and conversations.
   */
  init(): Promise<void>
  /** Unsubscribes from reply events and drops any buffered text. */
  dispose(): void
  loadModels(): Promise<void>
  /** Loads the next page of conversations (the first one if none is loaded). */
  loadMoreConversations(): Promise<void>
  openConversation(id: number): Promise<void>
  newChat(): void
  /** Picks the model of the open conversation, or of the next new chat. */
  selectModel(model: string): Promise<void>
  /**
   * Sends text and the tray's attachments in the open conversation (or starts one); false if it
   * was not sent (the attachments then stay in the tray).
   */
  sendMessage(text: string): Promise<boolean>
  /** Reads and attaches files to the open composer, one after another; refusals go to its tray. */
  addFiles(files: File[]): Promise<void>
  removeDraft(sha256: string): void
  /** Sets a video's frames per second (clamped to 0.2..5, in steps of 0.1). */
  setDraftFps(sha256: string, fps: number): void
  dismissRefusal(id: number): void
  /** Switches the open composer to `model` and attaches again the files refused for the model. */
  switchModelForAttachments(model: string): Promise<void>
  dismissLeftOut(conversationId: number): void
  /** Stops the reply streaming in the open conversation. */
  stopReply(): Promise<void>
  retryReply(messageId: number): Promise<void>
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
  /** Asks main for a conversation as Markdown or JSON and saves the file. */
  exportConversation(id: number, format: 'markdown' | 'json'): Promise<void>
  /** Saves everything as one JSON file (the import format). */
  exportHistory(): Promise<void>
  /** Imports a Seed Chat JSON export; what is already there is skipped. */
  importHistory(file: File): Promise<void>
  dismissHistoryTransfer(): void
  /** Asks main again whether the history is open, and for its backups. */
  refreshHistoryStatus(): Promise<void>
  /** Puts a backup in place of the refused history; continues into the app once it opens. */
  restoreBackup(name: string): Promise<void>
  openSearch(): void
  closeSearch(): void
  /** Sets the query; searches ~150 ms after the last keystroke, clears at once when blank. */
  setSearchQuery(query: string): void
  setSearchFilters(filters: Partial<Pick<SearchState, 'model' | 'from' | 'to'>>): void
  loadMoreSearchResults(): Promise<void>
  /** Opens a hit's conversation, scrolled to its message with the matches marked. */
  openSearchResult(hit: SearchHit): Promise<void>
  dismissBanner(): void
  openSettings(): void
  closeSettings(): void
  setLanguage(language: Language): Promise<void>
  saveBaseURL(baseURL: string): Promise<boolean>
  /** Tests a base URL and key (the saved ones where omitted). */
  testConnection(args: { baseURL?: string; key?: string }): Promise<void>
  /** Saves the setup screen's base URL and key, then opens the chat. */
  completeSetup(args: { baseURL: string; key: string }): Promise<boolean>
  replaceKey(key: string): Promise<boolean>
  removeKey(): Promise<boolean>
}

export type AppStore = StoreApi<AppState>

/** How the store waits for the next frame; tests pass a fake. */
export interface FrameScheduler {
  request(callback: () => void): number
  cancel(handle: number): void
}

/** What the store needs besides window.api; tests replace the file saver. */
export interface StoreEnvironment {
  /** Hands a file to the user (a download: Electron asks where to save it). */
  saveFile(file: ExportedFile): void
}

/** How long the "Conversation deleted — Undo" toast stays before the delete is made. */
export const DELETE_UNDO_MS = 8000
/** How long search waits after a keystroke before asking main. */
export const SEARCH_DEBOUNCE_MS = 150

const CONVERSATION_PAGE_SIZE = 50
// How long opening the chat waits for the provider's model list before showing the built-in one.
const MODELS_WAIT_MS = 2000
const EMPTY_MESSAGES: readonly Message[] = Object.freeze([])
const EMPTY_TRAY: AttachmentTray = Object.freeze({ drafts: [], pending: [], refusals: [] })
const EMPTY_LEFT_OUT: readonly LeftOutAttachment[] = Object.freeze([])

const browserFrames: FrameScheduler = {
  request: (callback) => globalThis.requestAnimationFrame(() => callback()),
  cancel: (handle) => globalThis.cancelAnimationFrame(handle)
}

interface PendingDelta {
  conversationId: number
  content: string
  reasoning: string
}

/** Builds a store over an Api; the app uses window.api, tests a fake. */
export function createAppStore(
  api: Api,
  frames: FrameScheduler = browserFrames,
  environment: StoreEnvironment = { saveFile: downloadFile }
): AppStore {
  // Streamed text waits here until the next frame, so React renders at most once per frame.
  const pendingDeltas = new Map<number, PendingDelta>()
  // A reply can end before the request that started it has answered (events and results race).
  const endedEarly = new Map<number, Message>()
  let frame: number | null = null
  let requestsInFlight = 0
  let unsubscribers: Array<() => void> = []
  // Bumped on every navigation, so a late answer does not pull the user back.
  let navigation = 0
  let draftModelChosen = false
  // Files are read and sent to main one at a time, in the order they were given.
  let attachQueue: Promise<void> = Promise.resolve()
  let nextTrayItemId = 1
  let deletionTimer: ReturnType<typeof setTimeout> | null = null
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  // Bumped by every new search, so an answer to an older query is dropped.
  let searchTicket = 0
  let highlightToken = 0

  return createStore<AppState>()((set, get) => {
    /** Applies buffered deltas to a copy of the message cache; keeps those with no message yet. */
    function applyPendingDeltas(
      cache: Record<number, Message[]>,
      skipMessageId?: number
    ): Record<number, Message[]> {
      if (pendingDeltas.size === 0) return cache
      const next = { ...cache }
      const copied = new Set<number>()
      for (const [messageId, delta] of pendingDeltas) {
        if (messageId === skipMessageId) {
          pendingDeltas.delete(messageId)
          continue
        }
        const messages = next[delta.conversationId]
        const index = messages ? messages.findIndex((m) => m.id === messageId) : -1
        if (index === -1) {
          // The request that creates this message has not answered yet: keep the text for it.
          if (requestsInFlight === 0) pendingDeltas.delete(messageId)
          continue
        }
        if (!copied.has(delta.conversationId)) {
          next[delta.conversationId] = [...messages]
          copied.add(delta.conversationId)
        }
        const message = next[delta.conversationId][index]
        next[delta.conversationId][index] = {
          ...message,
          content: message.content + delta.content,
          reasoning: message.reasoning + delta.reasoning
        }
        pendingDeltas.delete(messageId)
      }
      return copied.size > 0 ? next : cache
    }

    function flushDeltas(): void {
      frame = null
      const cache = get().messagesByConversation
      const next = applyPendingDeltas(cache)
      if (next !== cache) set({ messagesByConversation: next })
    }

    function onReplyDelta(delta: EventPayloads['replyDelta']): void {
      const pending = pendingDeltas.get(delta.messageId)
      if (pending) {
        pending.content += delta.content
        pending.reasoning += delta.reasoning
      } else {
        pendingDeltas.set(delta.messageId, {
          conversationId: delta.conversationId,
          content: delta.content,
          reasoning: delta.reasoning
        })
      }
      if (frame === null) frame = frames.request(flushDeltas)
    }

    function onReplyEnded({ conversationId, message }: EventPayloads['replyEnded']): void {
      if (frame !== null) {
        frames.cancel(frame)
        frame = null
      }
      const state = get()
      // Flush what is buffered, but the final message already holds this reply's text.
      const cache = applyPendingDeltas(state.messagesByConversation, message.id)
      const messages = cache[conversationId]
      const index = messages ? messages.findIndex((m) => m.id === message.id) : -1
      let messagesByConversation = cache
      if (index !== -1) {
        const replaced = [...messages]
        replaced[index] = message
        messagesByConversation = { ...cache, [conversationId]: replaced }
      } else if (requestsInFlight > 0) {
        endedEarly.set(message.id, message)
      }
      let streaming = state.streaming
      if (streaming[conversationId] === message.id) {
        streaming = { ...streaming }
        delete streaming[conversationId]
      }
      // Deltas still kept here belong to replies not created yet; settleNewReply applies them.
      set({ messagesByConversation, streaming })
    }

    /** A new assistant message from a request, with anything that arrived for it before. */
    function settleNewReply(message: Message): Message {
      const ended = endedEarly.get(message.id)
      if (ended) {
        endedEarly.delete(message.id)
        pendingDeltas.delete(message.id)
        return ended
      }
      const delta = pendingDeltas.get(message.id)
      if (!delta) return message
      pendingDeltas.delete(message.id)
      return {
        ...message,
        content: message.content + delta.content,
        reasoning: message.reasoning + delta.reasoning
      }
    }

    async function track<T>(request: Promise<Result<T>>): Promise<Result<T>> {
      requestsInFlight++
      try {
        return await request
      } finally {
        requestsInFlight--
      }
    }

    /** Keeps the open conversation and streaming ones; drops the other cached messages. */
    function pruneCache(
      cache: Record<number, Message[]>,
      keepId: number | null,
      streaming: Record<number, number>
    ): Record<number, Message[]> {
      const next: Record<number, Message[]> = {}
      for (const key of Object.keys(cache)) {
        const id = Number(key)
        if (id === keepId || streaming[id] !== undefined) next[id] = cache[id]
      }
      return next
    }

    function updateConversation(conversation: Conversation, moveToTop: boolean): void {
      // A conversation waiting to be deleted stays off the list until Undo.
      if (get().pendingDeletion?.conversation.id === conversation.id) return
      set({ conversations: placeConversation(get().conversations, conversation, moveToTop) })
    }

    async function loadConversationPage(before: ConversationPage['next'] | undefined): Promise<void> {
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
        conversations = [...(loaded.some((c) => inPage.has(c.id)) ? loaded.filter((c) => !inPage.has(c.id)) : loaded), ...page]
      }
      set({ conversations, conversationsNext: result.value.next, conversationsLoading: false })
    }

    /** The list without a conversation, and the caches that belong to it. */
    function forgetConversation(id: number): void {
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
        search: { ...state.search, results: state.search.results.filter((hit) => hit.conversationId !== id) },
        highlight: state.highlight?.conversationId === id ? null : state.highlight
      })
    }

    /** Makes the delete the Undo toast was holding back (its time is up, or another replaced it). */
    async function commitDeletion(pending: PendingDeletion): Promise<void> {
      const id = pending.conversation.id
      // A reply still streaming there would make main refuse: stop it first; its text goes too.
      const streamingId = get().streaming[id]
      if (streamingId !== undefined) await api.stopReply({ messageId: streamingId })
      const result = await api.deleteConversation({ id })
      if (!result.ok) {
        // Not deleted after all: it comes back, and the banner says why.
        if (result.error.code !== 'not_found') {
          set({ conversations: placeConversation(get().conversations, pending.conversation), banner: result.error })
        }
        return
      }
      forgetConversation(id)
    }

    function clearDeletionTimer(): void {
      if (deletionTimer !== null) clearTimeout(deletionTimer)
      deletionTimer = null
    }

    function clearSearchTimer(): void {
      if (searchTimer !== null) clearTimeout(searchTimer)
      searchTimer = null
    }

    /** The searchHistory arguments for the panel's query and filters. */
    function searchArgs(search: SearchState) {
      const from = dayStart(search.from)
      const to = dayEnd(search.to)
      return {
        query: search.query,
        ...(search.model ? { model: search.model } : {}),
        ...(from !== null ? { from } : {}),
        ...(to !== null ? { to } : {})
      }
    }

    /** Runs the panel's search from its first page; a newer search makes this one's answer moot. */
    async function runSearch(): Promise<void> {
      clearSearchTimer()
      const ticket = ++searchTicket
      const search = get().search
      if (search.query.trim() === '') {
        set({ search: { ...search, results: [], next: null, status: 'idle', loadingMore: false, error: null } })
        return
      }
      set({ search: { ...search, status: 'searching', error: null } })
      const result = await api.searchHistory(searchArgs(search))
      if (ticket !== searchTicket) return
      const current = get().search
      if (!result.ok) {
        set({ search: { ...current, status: 'failed', error: result.error, results: [], next: null, loadingMore: false } })
        return
      }
      set({
        search: {
          ...current,
          status: 'done',
          results: withoutPending(result.value.results),
          next: result.value.next,
          loadingMore: false,
          error: null
        }
      })
    }

    /** Hits of the conversation waiting to be deleted are not shown. */
    function withoutPending(results: SearchHit[]): SearchHit[] {
      const hidden = get().pendingDeletion?.conversation.id
      return hidden === undefined ? results : results.filter((hit) => hit.conversationId !== hidden)
    }

    /** Settings, key, then the setup screen or the chat: what follows an open history. */
    async function startApp(): Promise<void> {
      const [settings, keyStatus] = await Promise.all([api.getSettings(), api.getKeyStatus()])
      if (settings.ok) set({ settings: settings.value })
      else set({ banner: settings.error })
      if (!keyStatus.ok) {
        set({ banner: keyStatus.error, phase: 'setup' })
        return
      }
      set({ keyStatus: keyStatus.value })
      if (keyStatus.value.hasKey) await enterChat()
      else set({ phase: 'setup' })
    }

    async function enterChat(): Promise<void> {
      set({ formError: null, connectionTest: { state: 'idle' } })
      // Open the chat once the conversations are in and, unless the server is slow to list its
      // models, the models too: the picker should not change under the user's hand.
      let timer: ReturnType<typeof setTimeout> | undefined
      const modelsOrTimeout = Promise.race([
        get().loadModels(),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, MODELS_WAIT_MS)))
      ])
      await Promise.all([loadConversationPage(undefined), modelsOrTimeout])
      clearTimeout(timer)
      const latest = get().conversations[0]
      set({
        phase: 'chat',
        ...(!draftModelChosen && latest ? { draftModel: latest.model } : {})
      })
    }

    function updateTray(key: TrayKey, change: (tray: AttachmentTray) => AttachmentTray): void {
      const trays = get().trays
      const next = change(trays[key] ?? EMPTY_TRAY)
      const copy = { ...trays }
      if (next.drafts.length === 0 && next.pending.length === 0 && next.refusals.length === 0) delete copy[key]
      else copy[key] = next
      set({ trays: copy })
    }

    function refuseFile(key: TrayKey, name: string, error: AppErrorInfo, file: File | null): void {
      const notice: AttachmentRefusalNotice = { id: nextTrayItemId++, name, error, file }
      updateTray(key, (tray) => ({ ...tray, refusals: [...tray.refusals, notice] }))
    }

    /** Reads one file and hands it to main; the draft or the refusal lands in the tray `key`. */
    async function attachOne(key: TrayKey, model: string, pending: PendingAttachment, file: File): Promise<void> {
      const done = (): void =>
        updateTray(key, (tray) => ({ ...tray, pending: tray.pending.filter((p) => p.id !== pending.id) }))
      const tray = get().trays[key] ?? EMPTY_TRAY
      if (tray.drafts.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
        done()
        refuseFile(key, pending.name, localRefusal('too_many', { limit: MAX_ATTACHMENTS_PER_MESSAGE }), null)
        return
      }
      // The contract refuses bigger files without saying why; do not read them at all.
      if (file.size > MAX_FILE_BYTES) {
        done()
        refuseFile(key, pending.name, localRefusal('file_too_large', { bytes: file.size, limit: MAX_FILE_BYTES }), null)
        return
      }
      let data: Uint8Array<ArrayBuffer>
      try {
        data = new Uint8Array(await file.arrayBuffer())
      } catch {
        done()
        refuseFile(key, pending.name, localRefusal('unreadable'), null)
        return
      }
      const result = await api.addAttachment({ name: pending.name, data, model })
      done()
      if (!result.ok) {
        const byModel = result.error.reason === 'model_no_image' || result.error.reason === 'model_no_video'
        if (result.error.code === 'attachment_refused') refuseFile(key, pending.name, result.error, byModel ? file : null)
        else refuseFile(key, pending.name, result.error, null)
        return
      }
      const draft = result.value
      updateTray(key, (current) =>
        // The same file twice is one attachment.
        current.drafts.some((d) => d.sha256 === draft.sha256)
          ? current
          : {
              ...current,
              drafts: [...current.drafts, { ...draft, fps: draft.kind === 'video' ? (draft.fps ?? FPS_DEFAULT) : null }]
            }
      )
    }

    function replaceMessage(conversationId: number, oldId: number, message: Message): void {
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

    return {
      phase: 'loading',
      settings: { baseURL: DEFAULT_BASE_URL, language: 'system' },
      keyStatus: null,
      models: MODELS,
      modelSource: 'offline',
      conversations: [],
      conversationsNext: null,
      conversationsLoading: false,
      activeConversationId: null,
      messagesByConversation: {},
      loadingConversationId: null,
      streaming: {},
      sending: false,
      trays: {},
      leftOut: {},
      draftModel: DEFAULT_MODEL,
      banner: null,
      settingsOpen: false,
      connectionTest: { state: 'idle' },
      formError: null,
      historyStatus: null,
      restoringBackup: null,
      recoveryError: null,
      pendingDeletion: null,
      search: {
        open: false,
        query: '',
        model: '',
        from: '',
        to: '',
        results: [],
        next: null,
        status: 'idle',
        loadingMore: false,
        error: null
      },
      highlight: null,
      historyTransfer: { state: 'idle' },

      async init() {
        if (unsubscribers.length === 0) {
          unsubscribers = [api.onReplyDelta(onReplyDelta), api.onReplyEnded(onReplyEnded)]
        }
        // The history first: while it is refused, every other history request would fail, and
        // settings live in it too. Only the recovery screen is shown then.
        const status = await api.getHistoryStatus()
        if (status.ok) {
          set({ historyStatus: status.value })
          if (status.value.state === 'refused') {
            set({ phase: 'recovery' })
            return
          }
        }
        await startApp()
      },

      dispose() {
        for (const unsubscribe of unsubscribers) unsubscribe()
        unsubscribers = []
        clearSearchTimer()
        // An Undo offer still open when the window goes keeps the conversation: nothing is lost.
        clearDeletionTimer()
        if (frame !== null) frames.cancel(frame)
        frame = null
        pendingDeltas.clear()
        endedEarly.clear()
      },

      async loadModels() {
        const result = await api.listModels()
        // Without an answer the built-in catalog stays: the picker still works offline.
        if (result.ok && result.value.models.length > 0) {
          set({ models: result.value.models, modelSource: result.value.source })
        }
      },

      async loadMoreConversations() {
        const { conversationsLoading, conversationsNext, conversations } = get()
        if (conversationsLoading) return
        if (conversations.length > 0 && conversationsNext === null) return
        await loadConversationPage(conversationsNext ?? undefined)
      },

      async openConversation(id) {
        const state = get()
        if (state.highlight && state.highlight.conversationId !== id) set({ highlight: null })
        if (state.activeConversationId === id && state.messagesByConversation[id]) return
        const ticket = ++navigation
        const cached = state.messagesByConversation[id]
        set({
          activeConversationId: id,
          messagesByConversation: pruneCache(state.messagesByConversation, id, state.streaming),
          loadingConversationId: cached ? null : id
        })
        if (cached) return
        const result = await api.getConversation({ id })
        const stillOpen = navigation === ticket
        if (!result.ok) {
          set({ banner: result.error, ...(stillOpen ? { loadingConversationId: null } : {}) })
          return
        }
        const { conversation, messages } = result.value
        updateConversation(conversation, false)
        if (!stillOpen) return
        // A reply still streaming (e.g. after a reload of the window) keeps receiving its deltas.
        const last = messages[messages.length - 1]
        const streaming =
          last && last.role === 'assistant' && last.status === 'streaming'
            ? { ...get().streaming, [id]: last.id }
            : get().streaming
        set({
          messagesByConversation: { ...get().messagesByConversation, [id]: messages },
          loadingConversationId: null,
          streaming
        })
      },

      newChat() {
        navigation++
        const state = get()
        set({
          activeConversationId: null,
          loadingConversationId: null,
          highlight: null,
          messagesByConversation: pruneCache(state.messagesByConversation, null, state.streaming)
        })
      },

      async selectModel(model) {
        const id = get().activeConversationId
        if (id === null) {
          draftModelChosen = true
          set({ draftModel: model })
          return
        }
        const result = await api.setConversationModel({ id, model })
        if (result.ok) updateConversation(result.value, false)
        else set({ banner: result.error })
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
        const model = selectCurrentModel(state)
        // A model that cannot take the tray's files never gets them: the tray says why.
        if (attachmentBlock(tray.drafts, modelInfoOf(state.models, model), state.models)) return false
        const sent = tray.drafts
        const attachments = sent.map((draft) => ({
          sha256: draft.sha256,
          name: draft.name,
          ...(draft.kind === 'video' ? { fps: draft.fps ?? FPS_DEFAULT } : {})
        }))
        const ticket = navigation
        set({ sending: true, highlight: null })
        // The tray empties as the text box does; a failed send puts the files back.
        updateTray(key, (current) => ({ ...current, drafts: [], refusals: [] }))
        const result = await track(
          api.sendMessage({ conversationId, model, text, ...(attachments.length > 0 ? { attachments } : {}) })
        )
        if (!result.ok) {
          updateTray(key, (current) => ({
            ...current,
            drafts: [...sent, ...current.drafts.filter((d) => !sent.some((s) => s.sha256 === d.sha256))]
          }))
          if (result.error.code === 'attachment_refused') {
            set({ sending: false })
            const notice: AttachmentRefusalNotice = {
              id: nextTrayItemId++,
              name: typeof result.error.params?.name === 'string' ? result.error.params.name : null,
              error: result.error,
              file: null
            }
            updateTray(key, (current) => ({ ...current, refusals: [...current.refusals, notice] }))
          } else {
            set({ sending: false, banner: result.error })
          }
          return false
        }
        const { conversation, userMessage, leftOut } = result.value
        const assistantMessage = settleNewReply(result.value.assistantMessage)
        const current = get()
        const previous = conversationId === null ? [] : (current.messagesByConversation[conversationId] ?? [])
        const stillHere = navigation === ticket
        draftModelChosen = true
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

      async addFiles(files) {
        if (files.length === 0) return
        const key = trayKeyOf(get().activeConversationId)
        const model = selectCurrentModel(get())
        const entries = files.map((file) => ({
          file,
          pending: {
            id: nextTrayItemId++,
            name: fileName(file, fallbackName(file)),
            bytes: file.size
          } satisfies PendingAttachment
        }))
        // A new batch replaces the refusals of the last one.
        updateTray(key, (tray) => ({
          ...tray,
          pending: [...tray.pending, ...entries.map((e) => e.pending)],
          refusals: []
        }))
        const batch = attachQueue.then(async () => {
          for (const { file, pending } of entries) {
            try {
              await attachOne(key, model, pending, file)
            } catch (error) {
              updateTray(key, (tray) => ({ ...tray, pending: tray.pending.filter((p) => p.id !== pending.id) }))
              refuseFile(key, pending.name, { code: 'internal', message: String(error) }, null)
            }
          }
        })
        attachQueue = batch
        await batch
      },

      removeDraft(sha256) {
        const key = trayKeyOf(get().activeConversationId)
        updateTray(key, (tray) => ({ ...tray, drafts: tray.drafts.filter((d) => d.sha256 !== sha256) }))
      },

      setDraftFps(sha256, fps) {
        if (!Number.isFinite(fps)) return
        const value = clampFps(fps)
        const key = trayKeyOf(get().activeConversationId)
        updateTray(key, (tray) => ({
          ...tray,
          drafts: tray.drafts.map((d) => (d.sha256 === sha256 && d.kind === 'video' ? { ...d, fps: value } : d))
        }))
      },

      dismissRefusal(id) {
        const key = trayKeyOf(get().activeConversationId)
        updateTray(key, (tray) => ({ ...tray, refusals: tray.refusals.filter((r) => r.id !== id) }))
      },

      async switchModelForAttachments(model) {
        await get().selectModel(model)
        const state = get()
        if (selectCurrentModel(state) !== model) return
        const key = trayKeyOf(state.activeConversationId)
        const retry = (state.trays[key] ?? EMPTY_TRAY).refusals.filter((r) => r.file !== null)
        if (retry.length === 0) return
        updateTray(key, (tray) => ({ ...tray, refusals: tray.refusals.filter((r) => r.file === null) }))
        await get().addFiles(retry.map((r) => r.file!))
      },

      dismissLeftOut(conversationId) {
        const leftOut = { ...get().leftOut }
        delete leftOut[conversationId]
        set({ leftOut })
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
        const result = await track(api.retryReply({ messageId }))
        if (!result.ok) {
          set({ banner: result.error })
          return
        }
        const reply = settleNewReply(result.value)
        replaceMessage(conversationId, messageId, reply)
        if (reply.status === 'streaming') {
          set({ streaming: { ...get().streaming, [conversationId]: reply.id } })
        }
      },

      async deleteConversation(id) {
        // The delete is made later, not now: Undo then only has to put the row back (no
        // re-import of a deleted conversation), and if the app quits while Undo is offered the
        // conversation is simply still there. Nothing is lost either way.
        const state = get()
        const index = state.conversations.findIndex((c) => c.id === id)
        if (index === -1) return
        const previous = state.pendingDeletion
        clearDeletionTimer()
        const pending: PendingDeletion = {
          conversation: state.conversations[index],
          index,
          wasOpen: state.activeConversationId === id
        }
        set({
          pendingDeletion: pending,
          conversations: state.conversations.filter((c) => c.id !== id),
          search: { ...state.search, results: state.search.results.filter((hit) => hit.conversationId !== id) }
        })
        if (pending.wasOpen) get().newChat()
        deletionTimer = setTimeout(() => {
          deletionTimer = null
          if (get().pendingDeletion !== pending) return
          set({ pendingDeletion: null })
          void commitDeletion(pending)
        }, DELETE_UNDO_MS)
        // Only one Undo is offered at a time: a second delete makes the first one for real.
        if (previous) await commitDeletion(previous)
      },

      undoDelete() {
        const pending = get().pendingDeletion
        if (!pending) return
        clearDeletionTimer()
        const conversations = [...get().conversations]
        conversations.splice(Math.min(pending.index, conversations.length), 0, pending.conversation)
        set({ pendingDeletion: null, conversations })
        if (pending.wasOpen && get().activeConversationId === null) void get().openConversation(pending.conversation.id)
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
        updateConversation(result.value, false)
        const search = get().search
        if (search.results.some((hit) => hit.conversationId === id)) {
          set({
            search: {
              ...search,
              results: search.results.map((hit) =>
                hit.conversationId === id ? { ...hit, conversationTitle: result.value.title } : hit
              )
            }
          })
        }
        return true
      },

      async setConversationPinned(id, pinned) {
        const result = await api.setConversationPinned({ id, pinned })
        if (!result.ok) {
          set({ banner: result.error })
          return
        }
        updateConversation(result.value, false)
      },

      async exportConversation(id, format) {
        const result = await api.exportConversation({ id, format })
        if (!result.ok) {
          set({ banner: result.error })
          return
        }
        environment.saveFile(result.value)
      },

      async exportHistory() {
        set({ historyTransfer: { state: 'busy' } })
        const result = await api.exportHistory()
        if (!result.ok) {
          set({ historyTransfer: { state: 'failed', error: result.error } })
          return
        }
        environment.saveFile(result.value)
        set({ historyTransfer: { state: 'idle' } })
      },

      async importHistory(file) {
        set({ historyTransfer: { state: 'busy' } })
        let text: string
        try {
          text = await file.text()
        } catch (error) {
          set({ historyTransfer: { state: 'failed', error: { code: 'import_failed', message: String(error) } } })
          return
        }
        const result = await api.importHistory({ text })
        if (!result.ok) {
          set({ historyTransfer: { state: 'failed', error: result.error } })
          return
        }
        set({ historyTransfer: { state: 'imported', summary: result.value } })
        // New conversations may sort anywhere: start the list again from its first page.
        if (result.value.conversationsAdded > 0) await loadConversationPage(undefined)
      },

      dismissHistoryTransfer() {
        set({ historyTransfer: { state: 'idle' } })
      },

      async refreshHistoryStatus() {
        const result = await api.getHistoryStatus()
        if (result.ok) set({ historyStatus: result.value, recoveryError: null })
        else set({ recoveryError: result.error })
      },

      async restoreBackup(name) {
        if (get().restoringBackup !== null) return
        set({ restoringBackup: name, recoveryError: null })
        const result = await api.restoreBackup({ name })
        if (!result.ok) {
          set({ restoringBackup: null, recoveryError: result.error })
          return
        }
        set({ historyStatus: result.value })
        if (result.value.state === 'refused') {
          // That backup could not be opened either; the screen says why and lists the rest.
          set({ restoringBackup: null, recoveryError: { code: 'history_unavailable', message: result.value.detail } })
          return
        }
        set({ phase: 'loading' })
        await startApp()
        set({ restoringBackup: null })
      },

      openSearch() {
        set({ search: { ...get().search, open: true } })
      },

      closeSearch() {
        set({ search: { ...get().search, open: false } })
      },

      setSearchQuery(query) {
        const search = get().search
        clearSearchTimer()
        if (query.trim() === '') {
          // Blank clears at once, and an answer still on its way is dropped.
          searchTicket++
          set({ search: { ...search, query, results: [], next: null, status: 'idle', loadingMore: false, error: null } })
          return
        }
        set({ search: { ...search, query, status: 'searching' } })
        searchTimer = setTimeout(() => void runSearch(), SEARCH_DEBOUNCE_MS)
      },

      setSearchFilters(filters) {
        set({ search: { ...get().search, ...filters } })
        if (get().search.query.trim() !== '') void runSearch()
      },

      async loadMoreSearchResults() {
        const search = get().search
        if (!search.next || search.loadingMore || search.status !== 'done') return
        const ticket = searchTicket
        set({ search: { ...search, loadingMore: true } })
        const result = await api.searchHistory({ ...searchArgs(search), before: search.next })
        if (ticket !== searchTicket) return
        const current = get().search
        if (!result.ok) {
          set({ search: { ...current, loadingMore: false, error: result.error } })
          return
        }
        set({
          search: {
            ...current,
            loadingMore: false,
            results: [...current.results, ...withoutPending(result.value.results)],
            next: result.value.next
          }
        })
      },

      async openSearchResult(hit) {
        set({
          search: { ...get().search, open: false },
          highlight:
            hit.messageId === null
              ? null
              : {
                  conversationId: hit.conversationId,
                  messageId: hit.messageId,
                  field: hit.field,
                  terms: matchedTerms(hit.snippet),
                  token: ++highlightToken
                }
        })
        await get().openConversation(hit.conversationId)
      },

      dismissBanner() {
        set({ banner: null })
      },

      openSettings() {
        set({ settingsOpen: true, formError: null, connectionTest: { state: 'idle' } })
      },

      closeSettings() {
        set({ settingsOpen: false, formError: null, connectionTest: { state: 'idle' } })
      },

      async setLanguage(language) {
        const before = get().settings
        set({ settings: { ...before, language } })
        const result = await api.updateSettings({ language })
        if (result.ok) set({ settings: result.value })
        else set({ settings: before, formError: result.error })
      },

      async saveBaseURL(baseURL) {
        set({ formError: null })
        const result = await api.updateSettings({ baseURL })
        if (!result.ok) {
          set({ formError: result.error })
          return false
        }
        set({ settings: result.value })
        // Another server may offer other models.
        await get().loadModels()
        return true
      },

      async testConnection({ baseURL, key }) {
        set({ connectionTest: { state: 'testing' } })
        const result = await api.testConnection({
          ...(baseURL ? { baseURL } : {}),
          ...(key ? { key } : {})
        })
        set({
          connectionTest: result.ok
            ? { state: 'ok', modelCount: result.value.modelCount }
            : { state: 'failed', error: result.error }
        })
      },

      async completeSetup({ baseURL, key }) {
        set({ formError: null })
        const settings = await api.updateSettings({ baseURL })
        if (!settings.ok) {
          set({ formError: settings.error })
          return false
        }
        set({ settings: settings.value })
        const keyStatus = await api.setKey({ key })
        if (!keyStatus.ok) {
          set({ formError: keyStatus.error })
          return false
        }
        set({ keyStatus: keyStatus.value })
        if (keyStatus.value.hasKey) await enterChat()
        return true
      },

      async replaceKey(key) {
        set({ formError: null })
        const result = await api.setKey({ key })
        if (!result.ok) {
          set({ formError: result.error })
          return false
        }
        set({ keyStatus: result.value })
        await get().loadModels()
        return true
      },

      async removeKey() {
        set({ formError: null })
        const result = await api.deleteKey()
        if (!result.ok) {
          set({ formError: result.error })
          return false
        }
        set({
          keyStatus: result.value,
          settingsOpen: false,
          phase: result.value.hasKey ? 'chat' : 'setup',
          connectionTest: { state: 'idle' }
        })
        return true
      }
    }
  })
}

/** The tray key of a conversation, or of the new chat. */
export function trayKeyOf(conversationId: number | null): TrayKey {
  return conversationId === null ? 'new' : `${conversationId}`
}

/** A name for a file that came without one (a pasted screenshot), from its type. */
function fallbackName(file: File): string {
  const subtype = /^image\/([a-z0-9.+-]+)$/.exec(file.type)?.[1]
  return `pasted-image.${subtype === 'jpeg' ? 'jpg' : (subtype ?? 'png')}`
}

/** The open composer's tray (a stable empty one when it has none). */
export function selectTray(state: AppState): AttachmentTray {
  return state.trays[trayKeyOf(state.activeConversationId)] ?? EMPTY_TRAY
}

/** What the last send in the open conversation left out (a stable empty list for none). */
export function selectLeftOut(state: AppState): readonly LeftOutAttachment[] {
  const id = state.activeConversationId
  return id === null ? EMPTY_LEFT_OUT : (state.leftOut[id] ?? EMPTY_LEFT_OUT)
}

/** Messages of the open conversation (a stable empty list for a new chat). */
export function selectActiveMessages(state: AppState): readonly Message[] {
  const id = state.activeConversationId
  return id === null ? EMPTY_MESSAGES : (state.messagesByConversation[id] ?? EMPTY_MESSAGES)
}

/** The open conversation; null for a new chat. */
export function selectActiveConversation(state: AppState): Conversation | null {
  const id = state.activeConversationId
  return id === null ? null : (state.conversations.find((c) => c.id === id) ?? null)
}

/** Whether a reply streams in the open conversation. */
export function selectIsStreaming(state: AppState): boolean {
  const id = state.activeConversationId
  return id !== null && state.streaming[id] !== undefined
}

/** The model the next message in the open conversation (or new chat) goes to. */
export function selectCurrentModel(state: AppState): string {
  return selectActiveConversation(state)?.model ?? state.draftModel
}

/** Saves a file through the browser: a Blob behind an <a download> (Electron asks where). */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download reads the Blob after click() returns; free it once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

let appStore: AppStore | null = null

/** The app's store over window.api, built on first use. */
export function getAppStore(): AppStore {
  appStore ??= createAppStore(window.api)
  return appStore
}
