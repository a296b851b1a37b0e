// The renderer's one store, assembled from slices (one per feature, in ./slices). Actions are the
// only callers of `window.api`; components read state through ./selectors and call actions.
//
// Actions that write another slice's state (each through one helper where it recurs):
// - startApp / enterChat (session): the start fills settings and key (settings), the models and
//   the new chat's model (models) and the first page of conversations; init, completeSetup and
//   restoreBackup run it. init, restoreBackup and removeKey also set the session's phase.
// - sendMessage (chat): a sent message moves or empties its tray and sets leftOut (composer),
//   draftModel (models) and puts the conversation on top of the list (conversations).
// - forgetConversation (conversations): a deleted conversation's messages, streaming reply and
//   highlight (chat), tray and leftOut (composer) and search hits (search) go with it.
// - deleteConversation / renameConversation: hide or retitle the conversation's search hits
//   (withoutConversationHits, renameInSearch in search).
// - regenerateReply / editMessage / continueReply / showVersion / deleteMessage (messageActions)
//   replace the chat's cached path from the message acted on and mark the reply streaming;
//   editMessage puts the conversation on top of the list.
// - sendMessage (chat) sends the new chat's draftParams (params) and clears them; newChat clears
//   them too; startFromPreset (params) sets draftModel (models).
// - openSearchResult (search) sets the chat's highlight before opening the conversation.
// - updateConversation (conversations) is how chat and models put a changed conversation back in
//   the list; loadConversationPage is how session and historyAdmin reload it.
// - banner (session) is set by any action whose request fails.
// - conversationChanged (desktop, an event) puts a conversation sent to from the other window on
//   top of the list (conversations) and drops this window's stale copy of its messages (chat);
//   showConversation (desktop) opens one in the main window.
// - dispose (session) stops the search and Undo timers and drops the buffered stream text.
import { createStore } from 'zustand/vanilla'
import type { Api } from '../../../shared/contract'
import { createStoreScope, type AppState, type AppStore, type SliceArgs } from './scope'
import {
  browserFrames,
  downloadFile,
  type FrameScheduler,
  type StoreEnvironment
} from './environment'
import { createArchiveSlice } from './slices/archive'
import { createCaptureSlice } from './slices/capture'
import { createChatSlice } from './slices/chat'
import { createComposerSlice } from './slices/composer'
import { createDesktopSlice } from './slices/desktop'
import { createDiagnosticsSlice } from './slices/diagnostics'
import { createFindSlice } from './slices/find'
import { createConversationsSlice } from './slices/conversations'
import { createHistoryAdminSlice } from './slices/historyAdmin'
import { createImageTextSlice } from './slices/imageText'
import { createLayoutSlice } from './slices/layout'
import { createMessageActionsSlice } from './slices/messageActions'
import { createModelsSlice } from './slices/models'
import { createParamsSlice } from './slices/params'
import { createProjectsSlice } from './slices/projects'
import { createRateLimitSlice } from './slices/rateLimit'
import { createSearchSlice } from './slices/search'
import { createSessionSlice } from './slices/session'
import { createSettingsSlice } from './slices/settings'
import { createUpdatesSlice } from './slices/updates'

export type { AppState, AppStore } from './scope'
export type { FrameScheduler, StoreEnvironment } from './environment'
export {
  selectActiveConversation,
  selectActiveMessages,
  selectAppliedPresetName,
  selectCurrentModel,
  selectIsStreaming,
  selectChatKeysBlocked,
  selectKeyOwningDialogOpen,
  selectLeftOut,
  selectModelCorrections,
  selectModels,
  selectTray
} from './selectors'
export type { SearchHighlight } from './slices/chat'
export type { AttachmentRefusalNotice, PendingAttachment } from './slices/composer'
export { DELETE_UNDO_MS } from './slices/conversations'
export { FIRST_PAGE_SIZE } from './slices/search'
export { isUpdateShown } from './slices/updates'
export { SETTINGS_TABS, type SettingsTab } from './slices/settings'

/** Builds a store over an Api; the app uses window.api, tests a fake. */
export function createAppStore(
  api: Api,
  frames: FrameScheduler = browserFrames,
  environment: StoreEnvironment = { saveFile: downloadFile }
): AppStore {
  // One scope per store: its timers, tickets, counters and stream buffer.
  const scope = createStoreScope()
  return createStore<AppState>()((set, get) => {
    const args: SliceArgs = { set, get, api, frames, environment, scope }
    return {
      ...createSessionSlice(args),
      ...createSettingsSlice(args),
      ...createModelsSlice(args),
      ...createConversationsSlice(args),
      ...createChatSlice(args),
      ...createMessageActionsSlice(args),
      ...createComposerSlice(args),
      ...createSearchSlice(args),
      ...createHistoryAdminSlice(args),
      ...createLayoutSlice(args),
      ...createParamsSlice(args),
      ...createProjectsSlice(args),
      ...createRateLimitSlice(args),
      ...createUpdatesSlice(args),
      ...createDiagnosticsSlice(args),
      ...createCaptureSlice(args),
      ...createDesktopSlice(args),
      ...createImageTextSlice(args),
      ...createArchiveSlice(args),
      ...createFindSlice(args)
    }
  })
}

let appStore: AppStore | null = null

/** The app's store over window.api, built on first use. */
export function getAppStore(): AppStore {
  appStore ??= createAppStore(window.api)
  return appStore
}
