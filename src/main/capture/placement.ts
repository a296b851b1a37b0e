// Where each display's overlay window goes, and whether macOS lets the app see the screen: the
// pure parts of the shell's capture (src/main/shell/capture.ts), tested without Electron.
import type { CaptureDisplay } from '../../shared/capture'
import { captureError } from './displays'
import type { AppError } from '../errors'

/** A display as Electron's `screen` module reports it (bounds in DIP). */
export interface ShellDisplay {
  id: number
  bounds: { x: number; y: number; width: number; height: number }
  scaleFactor: number
}

/**
 * The Electron display each captured display is: the same id (macOS: both are the
 * CGDirectDisplayID), else the one whose origin is nearest, in DIP or in device pixels (X11 and
 * Windows report device pixels). Each Electron display is used once; null when none is left.
 */
export function matchDisplays(
  captured: CaptureDisplay[],
  shell: ShellDisplay[]
): Array<ShellDisplay | null> {
  const free = new Set(shell)
  const byId = captured.map((display) => {
    const same = shell.find((s) => s.id === display.id)
    if (same) free.delete(same)
    return same ?? null
  })
  return captured.map((display, index) => {
    if (byId[index]) return byId[index]
    let best: ShellDisplay | null = null
    let bestDistance = Number.POSITIVE_INFINITY
    for (const candidate of free) {
      const { x, y } = candidate.bounds
      const distance = Math.min(
        Math.hypot(display.x - x, display.y - y),
        Math.hypot(display.x - x * candidate.scaleFactor, display.y - y * candidate.scaleFactor)
      )
      if (distance < bestDistance) {
        best = candidate
        bestDistance = distance
      }
    }
    if (best) free.delete(best)
    return best
  })
}

/**
 * macOS's answer for screen recording (systemPreferences.getMediaAccessStatus('screen')) as a
 * refusal: without the permission macOS hands over only the wallpaper, not the windows, so the
 * capture is refused up front. 'not-determined' goes ahead: the capture makes macOS ask.
 */
export function screenPermissionRefusal(platform: string, status: string): AppError | null {
  if (platform !== 'darwin') return null
  if (status === 'denied' || status === 'restricted')
    return captureError('screen_permission', `macOS screen recording is ${status}`)
  return null
}
