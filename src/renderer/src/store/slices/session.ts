// The app's screen and its start: subscribing to replies, the history check, then settings, key
// and the chat; the banner for a failed request; letting go of everything on dispose.
import type { AppErrorInfo } from '../../../../shared/errors'
import type { SliceArgs } from '../scope'
import { listenToCaptures } from './capture'
import { listenToRateLimits } from './rateLimit'
import { listenToReplies, stopStreaming } from './replyEvents'
import { clearDeletionTimer, loadConversationPage } from './conversations'
import { dropSearches } from './search'
import { listenToDesktop } from './desktop'
import { listenToUpdates } from './updates'

/** Which screen the app shows; 'recovery' while the history database is refused. */
export type Phase = 'loading' | 'recovery' | 'setup' | 'chat'

// How long opening the chat waits for the provider's model list before showing the built-in one.
const MODELS_WAIT_MS = 2000

export interface SessionSlice {
  phase: Phase
  /** An error from a request itself (not from a reply), shown in a dismissible banner. */
  banner: AppErrorInfo | null

  /**
   * Subscribes to reply events and asks whether the history opened: if it was refused, shows the
   * recovery screen; else loads settings, key status, models and conversations.
   */
  init(): Promise<void>
  /** Unsubscribes from reply events and drops any buffered text. */
  dispose(): void
  dismissBanner(): void
}

/** The session slice: the screen, the banner, init and dispose. */
export function createSessionSlice(args: SliceArgs): SessionSlice {
  const { set, api, scope } = args
  return {
    phase: 'loading',
    banner: null,

    async init() {
      if (scope.unsubscribers.length === 0) {
        scope.unsubscribers = [
          ...listenToReplies(args),
          listenToRateLimits(args),
          // The background check found damage: say so now; the next start offers the backups.
          api.onHistoryDamaged(({ detail }) =>
            set({ banner: { code: 'history_damaged', message: detail } })
          ),
          listenToUpdates(args),
          listenToCaptures(args),
          ...listenToDesktop(args)
        ]
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
      await startApp(args)
    },

    dispose() {
      for (const unsubscribe of scope.unsubscribers) unsubscribe()
      scope.unsubscribers = []
      dropSearches(scope)
      // An Undo offer still open when the window goes keeps the conversation: nothing is lost.
      clearDeletionTimer(scope)
      stopStreaming(args)
    },

    dismissBanner() {
      set({ banner: null })
    }
  }
}

/** Settings, key, then the setup screen or the chat: what follows an open history. */
export async function startApp(args: SliceArgs): Promise<void> {
  const { set, api } = args
  const [settings, keyStatus] = await Promise.all([api.getSettings(), api.getKeyStatus()])
  if (settings.ok) set({ settings: settings.value })
  else set({ banner: settings.error })
  if (!keyStatus.ok) {
    set({ banner: keyStatus.error, phase: 'setup' })
    return
  }
  set({ keyStatus: keyStatus.value })
  if (keyStatus.value.hasKey) await enterChat(args)
  else set({ phase: 'setup' })
}

/** Opens the chat: the form closes, models and the first page of conversations load. */
export async function enterChat(args: SliceArgs): Promise<void> {
  const { set, get, scope } = args
  set({ formError: null, connectionTest: { state: 'idle' } })
  // Open the chat once the conversations are in and, unless the server is slow to list its
  // models, the models too: the picker should not change under the user's hand.
  let timer: ReturnType<typeof setTimeout> | undefined
  const modelsOrTimeout = Promise.race([
    get().loadModels(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, MODELS_WAIT_MS)))
  ])
  await Promise.all([
    loadConversationPage(args, undefined),
    args.get().loadProjects(),
    modelsOrTimeout
  ])
  clearTimeout(timer)
  const latest = get().conversations[0]
  const { models, modelSource } = get()
  // The last model used, unless the provider's list says this key cannot use it.
  const usable = latest && (modelSource !== 'provider' || models.some((m) => m.id === latest.model))
  if (!scope.draftModelChosen && usable) scope.draftModelFromHistory = true
  set({
    phase: 'chat',
    ...(!scope.draftModelChosen && usable ? { draftModel: latest.model } : {})
  })
}
