// The region picker page's own small store (one per overlay window, apart from the app's store:
// the page shows no chat): the frozen picture of its display, and the end of the capture.
import { createStore, type StoreApi } from 'zustand/vanilla'
import type { CaptureImage } from '../../../shared/capture'
import type { Api } from '../../../shared/contract'
import type { AppErrorInfo } from '../../../shared/errors'
import type { Language } from '../../../shared/settings'
import type { Rect } from '../lib/regionSelect'

export interface CaptureOverlayState {
  display: number
  image: CaptureImage | null
  /** The UI language from Settings; null until read (the OS language meanwhile). */
  language: Language | null
  /** Loading the picture or finishing failed (the capture ended meanwhile, a refused region). */
  error: AppErrorInfo | null
  /** The capture was taken or cancelled: the shell closes this window. */
  done: 'taken' | 'cancelled' | null

  load(): Promise<void>
  /** Takes `rect` (device pixels of the picture). */
  accept(rect: Rect): Promise<void>
  cancel(): Promise<void>
}

export type CaptureOverlayStore = StoreApi<CaptureOverlayState>

export function createCaptureOverlayStore(api: Api, display: number): CaptureOverlayStore {
  return createStore<CaptureOverlayState>()((set, get) => {
    // The picture is read once, however often the page asks (React's StrictMode asks twice).
    let loading: Promise<void> | null = null
    async function finish(args: Parameters<Api['finishCapture']>[0]): Promise<void> {
      if (get().done) return
      const result = await api.finishCapture(args)
      set(
        result.ok
          ? { done: 'cancel' in args ? 'cancelled' : 'taken', error: null }
          : { error: result.error }
      )
    }
    return {
      display,
      image: null,
      language: null,
      error: null,
      done: null,

      load() {
        loading ??= Promise.all([api.getCaptureImage({ display }), api.getSettings()]).then(
          ([image, settings]) => {
            if (settings.ok) set({ language: settings.value.language })
            set(image.ok ? { image: image.value } : { error: image.error })
          }
        )
        return loading
      },

      accept: (rect) => finish({ display, rect }),
      cancel: () => finish({ cancel: true })
    }
  })
}

/** The overlay page's store over window.api (main.tsx), as getAppStore is the app's. */
export function getCaptureOverlayStore(display: number): CaptureOverlayStore {
  return createCaptureOverlayStore(window.api, display)
}
