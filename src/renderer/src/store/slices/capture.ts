// Capturing a screen region from a composer: main freezes the displays and opens the region
// pickers; when one ends (captureEnded), the region taken is attached like a pasted file to the
// tray of the composer that asked, with that composer's model.
import type { CaptureEnded, CaptureTarget } from '../../../../shared/capture'
import type { AppState, SliceArgs } from '../scope'
import { selectCurrentModel, trayKeyOf } from '../selectors'
import { landAttachment, updateTray, type PendingAttachment } from './composer'

export interface CaptureSlice {
  /** A capture started here is waiting for its region. */
  capturing: boolean
  /** Opens the region picker; a screen that cannot be captured is explained in the banner. */
  captureRegion(): Promise<void>
}

/** The window this store serves: Quick Ask's composer or the main window's. */
function captureTargetOf(state: AppState): CaptureTarget {
  return state.quickAsk ? 'quick' : 'main'
}

/** The capture slice. */
export function createCaptureSlice(args: SliceArgs): CaptureSlice {
  const { set, get, api } = args
  return {
    capturing: false,

    async captureRegion() {
      if (get().capturing) return
      set({ capturing: true })
      const result = await api.startCapture({ target: captureTargetOf(get()) })
      if (!result.ok) set({ capturing: false, banner: result.error })
    }
  }
}

/** Attaches the regions taken for this window; returns the unsubscribe function. */
export function listenToCaptures(args: SliceArgs): () => void {
  return args.api.onCaptureEnded((ended) => onCaptureEnded(args, ended))
}

function onCaptureEnded(args: SliceArgs, ended: CaptureEnded): void {
  const { get, set, api, scope } = args
  if (ended.target !== captureTargetOf(get())) return
  set({ capturing: false })
  if (ended.outcome === 'failed') set({ banner: ended.error })
  if (ended.outcome !== 'taken') return
  // The composer shown now: nothing else could be chosen while the picker covered the screen.
  const key = trayKeyOf(get().activeConversationId)
  const model = selectCurrentModel(get())
  const pending: PendingAttachment = { id: scope.nextTrayItemId++, name: ended.name, bytes: 0 }
  updateTray(args, key, (tray) => ({ ...tray, pending: [...tray.pending, pending], refusals: [] }))
  // After the files being attached, in order, like every other attachment.
  scope.attachQueue = scope.attachQueue.then(async () => {
    const result = await api.attachCapture({ model })
    landAttachment(args, key, pending, result, null)
  })
}
