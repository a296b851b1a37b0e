// Screen capture's Electron side, thin: the macOS permission check before the displays are
// captured, and one frameless, always-on-top overlay window per display showing the region picker
// (the renderer's #/capture?display=<id> route). The capture itself, the crop and the attachment
// are the core's (src/main/capture); the pure parts of this file are in capture/placement.ts.
import type { CaptureTarget } from '../../shared/capture'
import type { EmitEvent, Handlers } from '../../shared/contract'
import { captureDisplays } from '../capture/displays'
import { matchDisplays, screenPermissionRefusal, type ShellDisplay } from '../capture/placement'
import type { CaptureHost } from '../capture/session'
import { AppError } from '../errors'

type Bounds = ShellDisplay['bounds']

/** What this file uses of an Electron BrowserWindow (index.ts hands Electron in). */
interface OverlayWindow {
  isDestroyed(): boolean
  destroy(): void
  show(): void
  focus(): void
  setAlwaysOnTop(flag: boolean, level: 'screen-saver'): void
  setVisibleOnAllWorkspaces(visible: boolean, options: { visibleOnFullScreen: boolean }): void
  setBounds(bounds: Bounds): void
  once(event: 'ready-to-show', listener: () => void): unknown
  on(event: 'closed', listener: () => void): unknown
  loadURL(url: string): Promise<void>
  webContents: {
    on(event: 'will-navigate', listener: (event: { preventDefault(): void }) => void): unknown
    setWindowOpenHandler(handler: () => { action: 'deny' }): void
  }
}

/** The parts of Electron the capture shell uses: src/main/index.ts passes Electron itself. */
export interface CaptureElectron {
  BrowserWindow: new (options: OverlayOptions) => OverlayWindow
  screen: { getAllDisplays(): ShellDisplay[] }
  systemPreferences: { getMediaAccessStatus(mediaType: 'screen'): string }
}

interface OverlayOptions extends Bounds {
  frame: boolean
  show: boolean
  resizable: boolean
  movable: boolean
  minimizable: boolean
  maximizable: boolean
  fullscreenable: boolean
  skipTaskbar: boolean
  alwaysOnTop: boolean
  hasShadow: boolean
  enableLargerThanScreen: boolean
  backgroundColor: string
  webPreferences: {
    preload: string
    contextIsolation: boolean
    sandbox: boolean
    nodeIntegration: boolean
    webSecurity: boolean
    disableBlinkFeatures: string
    spellcheck: boolean
  }
}

export interface CaptureShellOptions {
  electron: CaptureElectron
  /** The renderer page's URL (app://… or the dev server); the overlay adds its route. */
  pageURL: string
  /** The preload script every window of the app loads. */
  preload: string
  /** The core's handlers, once started. */
  handlers: () => Handlers | null
  emit: EmitEvent
  /** Whether the window of `target` is on screen (Quick Ask hides when the overlays take focus). */
  isShown(target: CaptureTarget): boolean
  /** Brings the window of `target` forward, to show the region taken or why there is none. */
  reveal(target: CaptureTarget): void
  /** Hides the window of `target` and resolves once it is off the screen. */
  conceal(target: CaptureTarget): Promise<void>
}

export interface CaptureShell {
  /** For startCore: captures (after the permission check) and shows or closes the overlays. */
  host: CaptureHost
  /**
   * Starts a capture for the composer of `target` (a global shortcut, the tray): the region taken
   * lands in that window's tray; a screen that cannot be captured is told to it (captureEnded
   * 'failed'), which explains it and points to paste.
   */
  startRegionCapture(target: CaptureTarget): Promise<void>
}

export function createCaptureShell(options: CaptureShellOptions): CaptureShell {
  const { BrowserWindow, screen, systemPreferences } = options.electron
  let overlays: OverlayWindow[] = []
  // Whether the asking window was on screen when the pickers opened: a cancel brings it back.
  let shownBefore = false
  // Overlays closed by the core (the capture ended): their 'closed' event is not a cancel.
  const ended = new WeakSet<OverlayWindow>()

  function closeOverlays(): void {
    for (const overlay of overlays) {
      ended.add(overlay)
      if (!overlay.isDestroyed()) overlay.destroy()
    }
    overlays = []
  }

  const host: CaptureHost = {
    grab: async (target) => {
      const status =
        process.platform === 'darwin' ? systemPreferences.getMediaAccessStatus('screen') : ''
      const refusal = screenPermissionRefusal(process.platform, status)
      if (refusal) throw refusal
      // The asking window is not part of the picture; a cancel or a failure brings it back.
      shownBefore = options.isShown(target)
      if (shownBefore) await options.conceal(target)
      try {
        return await captureDisplays()
      } catch (error) {
        if (shownBefore) options.reveal(target)
        throw error
      }
    },
    show: (displays) => {
      closeOverlays()
      const placed = matchDisplays(displays, screen.getAllDisplays())
      overlays = displays.map((display, index) => {
        const bounds = placed[index]?.bounds ?? display
        const overlay: OverlayWindow = new BrowserWindow({
          x: bounds.x,
          y: bounds.y,
          width: bounds.width,
          height: bounds.height,
          frame: false,
          show: false,
          resizable: false,
          movable: false,
          minimizable: false,
          maximizable: false,
          fullscreenable: false,
          skipTaskbar: true,
          alwaysOnTop: true,
          hasShadow: false,
          enableLargerThanScreen: true,
          backgroundColor: '#000000',
          webPreferences: {
            preload: options.preload,
            contextIsolation: true,
            sandbox: true,
            nodeIntegration: false,
            webSecurity: true,
            disableBlinkFeatures: 'Auxclick',
            spellcheck: false
          }
        })
        // Above full-screen apps and the menu bar, on whichever Space is shown.
        overlay.setAlwaysOnTop(true, 'screen-saver')
        overlay.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true })
        overlay.setBounds(bounds)
        overlay.webContents.on('will-navigate', (event) => event.preventDefault())
        overlay.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
        overlay.once('ready-to-show', () => {
          overlay.show()
          overlay.focus()
        })
        // Closed by the OS or the user (Alt+F4): the capture is cancelled, not left open.
        overlay.on('closed', () => {
          if (ended.has(overlay)) return
          void options
            .handlers()
            ?.finishCapture({ cancel: true })
            .catch(() => undefined)
        })
        void overlay.loadURL(`${options.pageURL}#/capture?display=${display.id}`)
        return overlay
      })
    },
    hide: (capture) => {
      closeOverlays()
      if (capture.outcome !== 'cancelled' || shownBefore) options.reveal(capture.target)
    }
  }

  return {
    host,
    startRegionCapture: async (target) => {
      const handlers = options.handlers()
      if (!handlers) return
      try {
        await handlers.startCapture({ target })
      } catch (error) {
        const info =
          error instanceof AppError
            ? error.toInfo()
            : { code: 'internal' as const, message: String(error) }
        options.emit('captureEnded', { target, outcome: 'failed', error: info })
        options.reveal(target)
      }
    }
  }
}
