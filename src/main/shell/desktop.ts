// The desktop around the main window: the Quick Ask window (created hidden, so it opens at once),
// the tray icon and the two global shortcuts. Electron calls only; every decision comes from the
// pure modules beside it (quickAsk.ts, shortcuts.ts, trayMenu.ts), tested in Node.
import { BrowserWindow, Menu, Tray, app, globalShortcut, nativeImage, screen } from 'electron'
import { join } from 'node:path'
import type { ShortcutStatuses } from '../../shared/desktop'
import type { Settings, UiLanguage } from '../../shared/settings'
import type { DesktopHost } from '../desktop/handlers'
import {
  QUICK_ASK_SIZE,
  onAskShortcut,
  onQuickAskBlur,
  onQuickAskEscape,
  onWindowClose,
  quickAskBounds,
  type QuickAskMove
} from './quickAsk'
import { guardNavigation } from './secureWindow'
import { createShortcutKeeper } from './shortcuts'
import { TRAY_ICON_1X, TRAY_ICON_2X } from './trayIcon'
import { trayMenuTemplate, trayTooltip } from './trayMenu'

/** The route the renderer shows as Quick Ask (src/renderer/src/main.tsx). */
export const QUICK_ASK_ROUTE = '#/quick'

export interface DesktopOptions {
  /** The renderer's page; Quick Ask loads it with its route. */
  pageURL: string
  appName: string
  /** Shows, restores and focuses the main window. */
  showMainWindow(): void
  /** Starts a region capture (the capture feature's entry point). */
  onCapture(): void
  /** Tells every window where the shortcuts stand. */
  emitShortcutStatus(status: ShortcutStatuses): void
}

export interface Desktop extends DesktopHost {
  /** Registers the shortcuts anew, redraws the tray in the language; keeps the tray setting. */
  applySettings(settings: Settings, language: UiLanguage): void
  /** Whether closing the main window hides it (the tray setting, or macOS) or quits the app. */
  mainWindowClose(): 'close' | 'hide' | 'quit'
  /** Unregisters the shortcuts (the app quits). */
  release(): void
  /** Whether Quick Ask is on screen (a capture started from it brings it back after). */
  quickAskShown(): boolean
  /** The Quick Ask window (hidden while no one asks). */
  quickAskWindow(): BrowserWindow
  /** Brings Quick Ask forward where it was, or at the pointer when hidden (a region captured for it). */
  revealQuickAsk(): void
}

/** Creates Quick Ask (hidden), the tray and the shortcut keeper; call once the app is ready. */
export function createDesktop(options: DesktopOptions): Desktop {
  let quitting = false
  let pinned = false
  let keepInTray = false
  let language: UiLanguage = 'en'
  app.on('before-quit', () => {
    quitting = true
  })

  const quick = new BrowserWindow({
    ...QUICK_ASK_SIZE,
    show: false,
    frame: false,
    skipTaskbar: true,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    title: options.appName,
    // The main window's preferences (src/main/index.ts), written out so the security scan sees them.
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // No middle-click "auxclick" events: they could open links past the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: true
    }
  })
  guardNavigation(quick)
  void quick.loadURL(`${options.pageURL}${QUICK_ASK_ROUTE}`)

  const view = () => ({ visible: quick.isVisible(), focused: quick.isFocused(), pinned })
  const move = (next: QuickAskMove): void => {
    if (next === 'show') {
      quick.setBounds(
        quickAskBounds(
          screen.getCursorScreenPoint(),
          screen.getAllDisplays().map((display) => display.workArea)
        )
      )
    }
    if (next === 'show' || next === 'focus') {
      quick.show()
      quick.focus()
    } else if (next === 'hide') quick.hide()
  }
  const toggleQuickAsk = (): void => move(onAskShortcut(view()))
  quick.on('blur', () => move(onQuickAskBlur(view())))
  quick.on('close', (event) => {
    if (
      onWindowClose({ window: 'quick', quitting, keepInTray, platform: process.platform }) ===
      'hide'
    ) {
      event.preventDefault()
      quick.hide()
    }
  })

  const keeper = createShortcutKeeper(
    {
      register: (accelerator, run) => {
        try {
          return globalShortcut.register(accelerator, run)
        } catch {
          return false
        }
      },
      unregister: (accelerator) => globalShortcut.unregister(accelerator)
    },
    { ask: toggleQuickAsk, capture: options.onCapture }
  )

  const image = nativeImage.createEmpty()
  image.addRepresentation({ scaleFactor: 1, dataURL: TRAY_ICON_1X })
  image.addRepresentation({ scaleFactor: 2, dataURL: TRAY_ICON_2X })
  const tray = new Tray(image)
  const drawTray = (): void => {
    tray.setToolTip(trayTooltip(language, options.appName))
    const template = trayMenuTemplate({
      language,
      appName: options.appName,
      shortcuts: keeper.status(),
      actions: {
        ask: () => move('show'),
        capture: options.onCapture,
        open: options.showMainWindow,
        quit: () => app.quit()
      }
    })
    tray.setContextMenu(Menu.buildFromTemplate(template))
  }
  drawTray()
  // A click on the icon opens the app (macOS opens the menu instead, as its tray icons do).
  tray.on('click', () => {
    if (process.platform !== 'darwin') options.showMainWindow()
  })

  return {
    hideQuickAsk: () => move(onQuickAskEscape(view())),
    setQuickAskPinned: (next) => {
      pinned = next
      // A pinned window stays beside the app it is about, in front of it.
      quick.setAlwaysOnTop(next, 'floating')
    },
    showMainWindow: () => {
      if (!pinned) quick.hide()
      options.showMainWindow()
    },
    shortcutStatus: () => keeper.status(),
    applySettings(settings, nextLanguage) {
      keepInTray = settings.keepInTray
      language = nextLanguage
      const status = keeper.apply(settings)
      drawTray()
      options.emitShortcutStatus(status)
    },
    mainWindowClose: () =>
      onWindowClose({ window: 'main', quitting, keepInTray, platform: process.platform }),
    release: () => keeper.release(),
    quickAskShown: () => quick.isVisible(),
    quickAskWindow: () => quick,
    revealQuickAsk: () => move(quick.isVisible() ? 'focus' : 'show')
  }
}
