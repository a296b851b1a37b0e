// The Electron shell: window, lifecycle and wiring. Everything else lives in core modules; the
// shell's own rules (protocol, permissions, menu, window placement) live in ./shell, tested in Node.
import {
  BrowserWindow,
  Menu,
  app,
  clipboard,
  crashReporter,
  dialog,
  ipcMain,
  protocol,
  screen,
  session,
  shell,
  systemPreferences
} from 'electron'
import { readFileSync } from 'node:fs'
import { arch, release } from 'node:os'
import { join } from 'node:path'
import { channelOf, type EmitEvent, type Handlers } from '../shared/contract'
import {
  DEFAULT_SETTINGS,
  resolveUiLanguage,
  type Settings,
  type UiLanguage
} from '../shared/settings'
import { ATTACHMENT_SCHEME, BACKUP_DIR, HISTORY_FILE, startCore, type Core } from './core'
import { lastShutdown } from './db/shutdown'
import { logHistoryStatus, withEventLog, withRequestLog } from './log/activity'
import { collectDiagnostics } from './log/collect'
import { appLog } from './log/logger'
import { beginRun } from './log/run'
import { keysKeptFromLog } from './log/secrets'
import { registerHandlers } from './ipc'
import { createKeytarStore } from './secrets/keychain'
import { createCaptureShell } from './shell/capture'
import { createDesktop, type Desktop } from './shell/desktop'
import { menuTemplate } from './shell/menu'
import { appUpdater } from './shell/updater'
import {
  APP_PAGE_URL,
  APP_SCHEME,
  contentSecurityPolicy,
  isOwnPage,
  isPermissionAllowed,
  serveAppFile
} from './shell/protocol'
import {
  WINDOW_STATE_FILE,
  loadWindowState,
  placeWindow,
  saveWindowState
} from './shell/windowState'
import { guardNavigation } from './shell/secureWindow'
import { createUpdateController } from './updates/updates'

// Tests point the app at a throwaway data directory and keychain entry.
if (process.env.SEED_CHAT_DATA_DIR) app.setPath('userData', process.env.SEED_CHAT_DATA_DIR)
const keychainService = process.env.SEED_CHAT_KEYCHAIN_SERVICE ?? 'Seed Chat'
// Minidumps stay in app.getPath('crashDumps'); nothing is ever uploaded.
crashReporter.start({ uploadToServer: false })

// `npm run dev` serves the renderer from electron-vite's dev server; a build from app://.
const rendererURL = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(__dirname, '../renderer')
const pageURL = rendererURL ?? APP_PAGE_URL

// app://seed-chat/: the built renderer, a secure standard origin instead of file://.
// attachment://<sha256>/thumb|original: stored files for <img>, never file:// paths.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  { scheme: ATTACHMENT_SCHEME, privileges: { standard: true, secure: true } }
])

let mainWindow: BrowserWindow | null = null
let core: Core | null = null
// Quick Ask, the tray and the global shortcuts (shell/desktop.ts), once the app is ready.
let desktop: Desktop | null = null

const windowStateFile = (): string => join(app.getPath('userData'), WINDOW_STATE_FILE)

function createWindow(): BrowserWindow {
  const primary = screen.getPrimaryDisplay()
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id)
  const workAreas = [primary, ...others].map((display) => display.workArea)
  const placement = placeWindow(loadWindowState(windowStateFile()), workAreas)
  const window = new BrowserWindow({
    x: placement.x,
    y: placement.y,
    width: placement.width,
    height: placement.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Seed Chat',
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
  if (placement.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())
  window.on('close', (event) => {
    // Hidden in the tray (or on macOS) the app keeps running; else closing it quits.
    const action = desktop?.mainWindowClose() ?? 'close'
    if (action !== 'close') event.preventDefault()
    if (action === 'hide') window.hide()
    if (action === 'quit') app.quit()
    try {
      saveWindowState(windowStateFile(), {
        ...window.getNormalBounds(),
        maximized: window.isMaximized()
      })
    } catch (error) {
      console.error('Could not save the window position:', error)
    }
  })
  guardNavigation(window)
  void window.loadURL(pageURL)
  return window
}

let menuShown: UiLanguage | null = null

/** The application menu in the saved language (or the OS's, for 'system'); redrawn on a change. */
function applyMenu(language: UiLanguage): void {
  if (language === menuShown) return
  menuShown = language
  const template = menuTemplate({
    platform: process.platform,
    isPackaged: app.isPackaged,
    language,
    appName: 'Seed Chat',
    checkForUpdates: appUpdater(app.isPackaged) ? () => void updates.check(true) : undefined,
    help: {
      openLogsFolder: () => void shell.openPath(appLog.folder ?? app.getPath('userData')),
      copyDiagnostics: () => void copyDiagnostics()
    }
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

const osLocale = (): string => app.getPreferredSystemLanguages()[0] ?? app.getLocale()

/** Help → Copy diagnostics: versions, settings without secrets, sizes, the last errors. */
async function copyDiagnostics(): Promise<void> {
  const dataDir = app.getPath('userData')
  const text = await collectDiagnostics(
    core,
    {
      appVersion: app.getVersion(),
      versions: process.versions,
      os: { platform: process.platform, release: release(), arch: arch() },
      locale: osLocale(),
      folders: { data: dataDir, logs: appLog.folder ?? '', crashDumps: app.getPath('crashDumps') },
      historyFile: join(dataDir, HISTORY_FILE),
      backupsFolder: join(dataDir, BACKUP_DIR)
    },
    appLog
  )
  clipboard.writeText(text)
}

async function savedSettings(handlers: Handlers): Promise<Settings | null> {
  try {
    return await handlers.getSettings(undefined)
  } catch {
    // A refused history has no settings to read: the defaults and the OS language it is.
    return null
  }
}

/** The menu, the tray and the global shortcuts follow the settings. */
function applySettings(settings: Settings | null): void {
  const language = resolveUiLanguage(settings?.language, osLocale())
  applyMenu(language)
  desktop?.applySettings(settings ?? DEFAULT_SETTINGS, language)
}

/**
 * Region capture from its global shortcut and the tray: the region goes to Quick Ask, which comes
 * forward with it (a question about the screen, as ChatGPT's desktop app asks it).
 */
function captureRegion(): void {
  void capture.startRegionCapture('quick')
}

/** Shows, restores and focuses the main window (a second launch, the tray, Quick Ask). */
function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow()
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

// Every app window (main and Quick Ask) hears every event: one reply streams to both.
const emit: EmitEvent = (name, payload) => {
  for (const window of BrowserWindow.getAllWindows())
    if (!window.isDestroyed()) window.webContents.send(channelOf(name), payload)
}

/** How long a hidden window's fade-out may stay on screen (macOS and Windows animate it). */
const WINDOW_FADE_MS = 200

// Region capture: an overlay window per display; startRegionCapture is for shortcuts and the tray.
const capture = createCaptureShell({
  electron: { BrowserWindow, screen, systemPreferences },
  pageURL,
  preload: join(__dirname, '../preload/index.js'),
  handlers: () => core?.handlers ?? null,
  emit,
  isShown: (target) =>
    target === 'quick'
      ? (desktop?.quickAskShown() ?? false)
      : (mainWindow?.isVisible() ?? false) && !mainWindow?.isMinimized(),
  reveal: (target) => (target === 'quick' ? desktop?.revealQuickAsk() : showMainWindow()),
  conceal: (target) => {
    const window = target === 'quick' ? desktop?.quickAskWindow() : mainWindow
    if (!window || window.isDestroyed() || !window.isVisible()) return Promise.resolve()
    // 'hide' fires when the window is gone from the screen; the compositor may still show its
    // last frame for a moment (the fade on macOS and Windows), so wait that long as well.
    return new Promise<void>((resolve) => {
      window.once('hide', () => setTimeout(resolve, WINDOW_FADE_MS))
      window.hide()
    })
  }
})

// Packaged builds only: checks 30 s after the start and every 4 hours unless the setting is off.
const updates = createUpdateController({
  updater: appUpdater(app.isPackaged),
  emit: (state) => emit('updateStatus', state),
  // A refused history has no settings to read: an update may be what it needs (a newer schema).
  autoCheck: () =>
    core
      ? core.handlers.getSettings(undefined).then(
          (settings) => settings.checkForUpdates,
          () => true
        )
      : Promise.resolve(false)
})

// One instance per data folder: a second launch quits, and the first comes forward.
const isFirstInstance = app.requestSingleInstanceLock()
if (!isFirstInstance) app.quit()

// A second launch (a double-click on the icon) restores and focuses this window.
app.on('second-instance', () => {
  if (mainWindow && !mainWindow.isDestroyed()) showMainWindow()
})

app.on('render-process-gone', (_event, _contents, details) =>
  appLog.error(`renderer gone: ${details.reason} (exit ${details.exitCode})`)
)
app.on('child-process-gone', (_event, details) =>
  appLog.error(`${details.type} process gone: ${details.reason} (exit ${details.exitCode})`)
)

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(async () => {
  if (!isFirstInstance) return
  const dataDir = app.getPath('userData')
  const crashNotice = beginRun(
    appLog,
    {
      appVersion: app.getVersion(),
      versions: process.versions,
      platform: process.platform,
      release: release(),
      arch: arch(),
      dataDir,
      packaged: app.isPackaged
    },
    {
      dumpsFolder: app.getPath('crashDumps'),
      lastShutdown: lastShutdown(join(dataDir, HISTORY_FILE))
    }
  )
  appLog.captureConsole()
  process.on('uncaughtExceptionMonitor', (error) => appLog.error('uncaught:', error))
  // No permission (camera, notifications, ...) is granted to page content, and every check
  // fails, except the clipboard write our own page's Copy buttons need.
  session.defaultSession.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin, details) =>
      isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, rendererURL)
  )
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, rendererURL))
  )
  // The page's own <meta> policy, sent as a header too (read from the one place it is written).
  // Under `npm run dev` the dev server serves the page and there is no build to read.
  const policy = rendererURL
    ? null
    : contentSecurityPolicy(readFileSync(join(rendererDir, 'index.html'), 'utf8'))
  if (policy)
    protocol.handle(APP_SCHEME, (request) => serveAppFile(rendererDir, request.url, policy))
  applyMenu(resolveUiLanguage(undefined, osLocale()))
  // The window comes first, on its loading screen; the history opens meanwhile (its first step
  // waits for the file system, after this synchronous block), and every request waits for it.
  mainWindow = createWindow()
  desktop = createDesktop({
    pageURL,
    appName: 'Seed Chat',
    showMainWindow,
    // The capture shortcut and the tray's Capture (src/main/shell/capture.ts).
    onCapture: captureRegion,
    emitShortcutStatus: (status) => emit('shortcutStatus', status)
  })
  const starting = startCore({
    dataDir,
    secrets: keysKeptFromLog(createKeytarStore(keychainService), appLog),
    emit: withEventLog(emit, appLog),
    crashNotice,
    // The menu, tray and shortcuts follow the settings when the user changes them.
    onSettingsChanged: applySettings,
    desktop,
    appVersion: app.isPackaged ? app.getVersion() : undefined,
    updates,
    capture: capture.host
  })
  protocol.handle(ATTACHMENT_SCHEME, async (request) => {
    const url = new URL(request.url)
    const served = await starting.serveAttachment(`/${url.host}${url.pathname}`)
    if (!served) return new Response(null, { status: 404 })
    return new Response(new Uint8Array(served.bytes), { headers: { 'content-type': served.mime } })
  })
  // Only our own page, in the top frame, may call the API.
  registerHandlers(ipcMain, withRequestLog(starting.handlers, appLog), (event) => {
    const frame = event.senderFrame
    return frame !== null && frame.parent === null && isOwnPage(frame.url, rendererURL)
  })
  // macOS: a click on the Dock icon brings the (hidden or closed) main window back.
  app.on('activate', showMainWindow)
  try {
    await starting.ready
    core = starting
  } catch (error) {
    appLog.error('could not start:', error)
    // A refused database still opens the app (on its recovery screen); this is anything worse.
    dialog.showErrorBox(
      'Seed Chat could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${app.getPath('userData')}`
    )
    app.quit()
    return
  }
  logHistoryStatus(appLog, await core.handlers.getHistoryStatus(undefined))
  applySettings(await savedSettings(core.handlers))
  updates.start()
})

app.on('will-quit', () => desktop?.release())

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let closing = false
app.on('before-quit', (event) => {
  if (!core || closing) return
  // Stop streaming replies so they are saved as 'stopped' before the database closes.
  event.preventDefault()
  closing = true
  void core.close().finally(() => {
    appLog.info('closed')
    core = null
    app.quit()
  })
})
