// The store's shape and what every slice is built with. The per-store variables (timers,
// tickets, the stream buffer) live in one scope object made by createAppStore, never in module
// globals: tests build many stores. ("Scope", not "context": React has one and so do requests.)
import type { StoreApi } from 'zustand/vanilla'
import type { Api } from '../../../shared/contract'
import type { FrameScheduler, StoreEnvironment } from './environment'
import type { ArchiveSlice } from './slices/archive'
import type { CaptureSlice } from './slices/capture'
import type { ChatSlice } from './slices/chat'
import type { ComposerSlice } from './slices/composer'
import type { DesktopSlice } from './slices/desktop'
import type { DiagnosticsSlice } from './slices/diagnostics'
import type { FindSlice } from './slices/find'
import type { ConversationsSlice } from './slices/conversations'
import type { HistoryAdminSlice } from './slices/historyAdmin'
import type { ImageTextSlice } from './slices/imageText'
import type { LayoutSlice } from './slices/layout'
import type { MessageActionsSlice } from './slices/messageActions'
import type { ModelsSlice } from './slices/models'
import type { ParamsSlice } from './slices/params'
import type { ProjectsSlice } from './slices/projects'
import type { RateLimitSlice } from './slices/rateLimit'
import type { SearchSlice } from './slices/search'
import type { SessionSlice } from './slices/session'
import type { SettingsSlice } from './slices/settings'
import type { UpdatesSlice } from './slices/updates'
import { StreamBuffer } from './streamBuffer'

/** All state and every action: the slices put together. */
export type AppState = SessionSlice &
  SettingsSlice &
  ModelsSlice &
  ConversationsSlice &
  ChatSlice &
  MessageActionsSlice &
  ComposerSlice &
  SearchSlice &
  HistoryAdminSlice &
  ImageTextSlice &
  LayoutSlice &
  ParamsSlice &
  ProjectsSlice &
  RateLimitSlice &
  UpdatesSlice &
  DiagnosticsSlice &
  CaptureSlice &
  DesktopSlice &
  ArchiveSlice &
  FindSlice

export type AppStore = StoreApi<AppState>

/** Variables of one store that are not state: buffers, timers, tickets and counters. */
export interface StoreScope {
  /** Streamed text waiting for the next frame, and replies that ended before their request answered. */
  stream: StreamBuffer
  /** The frame asked for to apply the streamed text; null when none is. */
  frame: number | null
  unsubscribers: Array<() => void>
  /** Bumped on every navigation, so a late answer does not pull the user back. */
  navigation: number
  /** Whether the user picked the new chat's model (then the latest conversation's does not replace it). */
  draftModelChosen: boolean
  /** Whether the new chat's model was taken from the latest conversation (the last one used). */
  draftModelFromHistory: boolean
  /** Files are read and sent to main one at a time, in the order they were given. */
  attachQueue: Promise<void>
  nextTrayItemId: number
  deletionTimer: ReturnType<typeof setTimeout> | null
  /** Bumped by every new search, so an answer to an older query is dropped. */
  searchTicket: number
  highlightToken: number
}

/** A fresh scope for a new store. */
export function createStoreScope(): StoreScope {
  return {
    stream: new StreamBuffer(),
    frame: null,
    unsubscribers: [],
    navigation: 0,
    draftModelChosen: false,
    draftModelFromHistory: false,
    attachQueue: Promise.resolve(),
    nextTrayItemId: 1,
    deletionTimer: null,
    searchTicket: 0,
    highlightToken: 0
  }
}

/** What each slice (and each helper shared between slices) is built with. */
export interface SliceArgs {
  set: AppStore['setState']
  get: AppStore['getState']
  api: Api
  frames: FrameScheduler
  environment: StoreEnvironment
  scope: StoreScope
}
