// The Electron shell: window, lifecycle and wiring. Everything else lives in core modules.
import { BrowserWindow, app, dialog, ipcMain, protocol, session, shell } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { channelOf, type EmitEvent } from '../shared/contract'
import { ATTACHMENT_SCHEME, createCore, type Core } from './core'
import { registerHandlers } from './ipc'
import { createKeytarStore } from './secrets/keychain'

// Tests point the app at a throwaway data directory and keychain entry.
if (process.env.SEED_CHAT_DATA_DIR) app.setPath('userData', process.env.SEED_CHAT_DATA_DIR)
const keychainService = process.env.SEED_CHAT_KEYCHAIN_SERVICE ?? 'Seed Chat'

const rendererURL = process.env.ELECTRON_RENDERER_URL
const indexFile = join(__dirname, '../renderer/index.html')
const pageURL = rendererURL ?? pathToFileURL(indexFile).href

// attachment://<sha256>/thumb|original: stored files for <img>, never file:// paths.
protocol.registerSchemesAsPrivileged([
  { scheme: ATTACHMENT_SCHEME, privileges: { standard: true, secure: true } }
])

let mainWindow: BrowserWindow | null = null
let core: Core | null = null

/** Only our own page, in the top frame, may call the API. */
function isOwnPage(url: string | undefined): boolean {
  if (!url) return false
  const page = new URL(pageURL)
  const target = new URL(url)
  return rendererURL ? target.origin === page.origin : target.href.split('#')[0] === page.href
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
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
      spellcheck: true
    }
  })
  window.once('ready-to-show', () => window.show())
  // No navigation away from the app; links from answers open in the user's browser.
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  if (rendererURL) void window.loadURL(rendererURL)
  else void window.loadFile(indexFile)
  return window
}

const emit: EmitEvent = (name, payload) => {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channelOf(name), payload)
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault())
})

void app.whenReady().then(async () => {
  // No permission (camera, notifications, ...) is ever granted to page content.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false)
  )
  let opened: Core
  try {
    opened = await createCore({
      dataDir: app.getPath('userData'),
      secrets: createKeytarStore(keychainService),
      emit
    })
  } catch (error) {
    // A refused database still opens the app (on its recovery screen); this is anything worse,
    // such as a data folder that cannot be written.
    dialog.showErrorBox(
      'Seed Chat could not start',
      `${error instanceof Error ? error.message : String(error)}\n\nData folder: ${app.getPath('userData')}`
    )
    app.quit()
    return
  }
  core = opened
  protocol.handle(ATTACHMENT_SCHEME, async (request) => {
    const url = new URL(request.url)
    const served = await opened.serveAttachment(`/${url.host}${url.pathname}`)
    if (!served) return new Response(null, { status: 404 })
    return new Response(new Uint8Array(served.bytes), { headers: { 'content-type': served.mime } })
  })
  registerHandlers(ipcMain, opened.handlers, (event) => {
    const frame = event.senderFrame
    return frame !== null && frame.parent === null && isOwnPage(frame.url)
  })
  mainWindow = createWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow()
  })
})

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
    core = null
    app.quit()
  })
})
