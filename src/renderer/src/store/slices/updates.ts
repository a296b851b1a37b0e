// App updates as main reports them (the updateStatus event), the banner's dismissal, the user's
// agreement to install. The setting that turns background checks off is saved by the settings
// slice's updateSettings, like every instant setting.
import type { UpdateState } from '../../../../shared/updates'
import type { SliceArgs } from '../scope'

export interface UpdatesSlice {
  /** Where an update stands; 'idle' wherever the app cannot update itself (dev, tests). */
  update: UpdateState
  /** The user closed the banner; the next state main sends shows it again. */
  updateDismissed: boolean

  dismissUpdate(): void
  /** The user's agreement: main quits and installs the downloaded version. */
  installUpdate(): Promise<void>
}

/** The updates slice. */
export function createUpdatesSlice({ set, get, api }: SliceArgs): UpdatesSlice {
  return {
    update: { state: 'idle' },
    updateDismissed: false,

    dismissUpdate() {
      set({ updateDismissed: true })
    },

    async installUpdate() {
      const { update } = get()
      if (update.state !== 'downloaded') return
      const result = await api.installUpdate({ version: update.version })
      if (!result.ok) set({ banner: result.error })
    }
  }
}

/** Follows main's update state; returns the unsubscribe function. */
export function listenToUpdates({ set, api }: SliceArgs): () => void {
  return api.onUpdateStatus((update) => set({ update, updateDismissed: false }))
}

/** Whether the banner shows a state: background checks that find nothing (or fail) stay silent. */
export function isUpdateShown(update: UpdateState): boolean {
  switch (update.state) {
    case 'idle':
      return false
    case 'checking':
    case 'upToDate':
    case 'error':
      return update.manual
    default:
      return true
  }
}
