// electron-updater's autoUpdater for a packaged app; none in dev, tests and the Chromium harness
// (they have no release feed, and electron-updater would only log that it skips the check).
// Checked by reading only: the tests drive src/main/updates with a fake updater.
import { autoUpdater } from 'electron-updater'
import type { Updater } from '../updates/updates'

/** The app's updater: electron-updater's (GitHub Releases, see electron-builder.yml) when packaged. */
export function appUpdater(isPackaged: boolean): Updater | null {
  // autoUpdater is built on first access: not at all outside a packaged app.
  return isPackaged ? autoUpdater : null
}
