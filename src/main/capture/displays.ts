// Capturing every display at once, in the main process (node-screenshots: X11, macOS, Windows).
// The images are kept as they were at the keystroke: the overlay shows this frozen picture, so
// whatever changes on screen while the user drags is not what is captured.
import { Monitor } from 'node-screenshots'
import { AppError } from '../errors'

/** One display as captured: its place in the desktop (CSS px) and its picture (device px). */
export interface FrozenDisplay {
  id: number
  x: number
  y: number
  /** Size in CSS (logical) pixels, as the overlay window covering it measures it. */
  width: number
  height: number
  scaleFactor: number
  /** The whole display as PNG, `imageWidth` × `imageHeight` device pixels. */
  png: Buffer
  imageWidth: number
  imageHeight: number
}

/** Why a capture could not be taken; each has its own explanation in the locales. */
export type CaptureProblem = 'no_display' | 'screen_permission' | 'capture_failed'

/** The refusal the UI explains (errors.capture_unavailable_<reason>), pointing to paste. */
export function captureError(reason: CaptureProblem, detail: string): AppError {
  return new AppError('capture_unavailable', `The screen could not be captured: ${detail}`, {
    reason
  })
}

/**
 * Captures every display. Throws capture_unavailable when there is no display server to ask
 * (a headless session), when it refuses (some Wayland sessions), or when it yields no display.
 */
export async function captureDisplays(): Promise<FrozenDisplay[]> {
  let monitors: Monitor[]
  try {
    monitors = Monitor.all()
  } catch (error) {
    throw captureError(problemOf(error), messageOf(error))
  }
  if (monitors.length === 0) throw captureError('no_display', 'no display was found')
  try {
    return await Promise.all(
      monitors.map(async (monitor) => {
        const image = await monitor.captureImage()
        const png = await image.toPng()
        // node-screenshots gives device pixels on X11 and Windows: the CSS size is the image's
        // divided by the scale; on macOS width() is already in points. The image decides.
        const scaleFactor = monitor.scaleFactor() || 1
        return {
          id: monitor.id(),
          x: monitor.x(),
          y: monitor.y(),
          width: Math.round(image.width / scaleFactor),
          height: Math.round(image.height / scaleFactor),
          scaleFactor,
          png,
          imageWidth: image.width,
          imageHeight: image.height
        }
      })
    )
  } catch (error) {
    throw captureError(problemOf(error), messageOf(error))
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** A display server that is not there (no DISPLAY, a closed connection) or that refused. */
export function problemOf(error: unknown): CaptureProblem {
  const message = messageOf(error).toLowerCase()
  if (/display string|cannot open display|no display|connection (closed|refused)/.test(message))
    return 'no_display'
  if (/permission|not permitted|denied|tcc/.test(message)) return 'screen_permission'
  return 'capture_failed'
}
