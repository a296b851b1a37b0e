// Capturing a screen region: which window asked, what each display's overlay shows, and how a
// capture ended. The requests themselves are declared in contract.ts.
import type { AppErrorInfo } from './errors'

/** The window whose composer receives the capture: the main window or the Quick Ask window. */
export const CAPTURE_TARGETS = ['main', 'quick'] as const
export type CaptureTarget = (typeof CAPTURE_TARGETS)[number]

/** A display being captured, as the shell places its overlay (desktop CSS px). */
export interface CaptureDisplay {
  id: number
  x: number
  y: number
  width: number
  height: number
  scaleFactor: number
}

/** What a display's overlay shows: the frozen picture, as a data: URL, and its size. */
export interface CaptureImage {
  url: string
  /** The picture's size in device pixels; the overlay shows it at the window's CSS size. */
  imageWidth: number
  imageHeight: number
}

/**
 * How a capture ended: a region was taken (attach it with attachCapture), it was cancelled, or,
 * started from a shortcut or the tray, the screen could not be captured (the window explains it).
 */
export type CaptureEnded =
  | { target: CaptureTarget; outcome: 'taken'; name: string }
  | { target: CaptureTarget; outcome: 'cancelled' }
  | { target: CaptureTarget; outcome: 'failed'; error: AppErrorInfo }
