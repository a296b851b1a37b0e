// No navigation away from the app, for every app window (main and Quick Ask): links from answers
// open in the user's browser or mail client, never in the app.
import { shell, type BrowserWindow } from 'electron'
import { externalLinkTarget } from './protocol'

/** No navigation away from the app; a link opens outside it, never in a new app window. */
export function guardNavigation(window: BrowserWindow): void {
  window.webContents.on('will-navigate', (event) => event.preventDefault())
  window.webContents.setWindowOpenHandler(({ url }) => {
    const target = externalLinkTarget(url)
    if (target) void shell.openExternal(target)
    return { action: 'deny' }
  })
}
