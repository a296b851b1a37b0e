// What every app window shares: the locked-down web preferences, and no navigation away from the
// app (links from answers open in the user's browser or mail client).
import { shell, type BrowserWindow, type WebPreferences } from 'electron'
import { join } from 'node:path'
import { externalLinkTarget } from './protocol'

/** Context isolation, the sandbox, no Node, the app's preload. */
export function secureWebPreferences(): WebPreferences {
  return {
    preload: join(__dirname, '../preload/index.js'),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    // No middle-click "auxclick" events: they could open links past the window-open handler.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true
  }
}

/** No navigation away from the app; a link opens outside it, never in a new app window. */
export function guardNavigation(window: BrowserWindow): void {
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url)
    if (target) void shell.openExternal(target)
    return { action: 'deny' }
  })
}
