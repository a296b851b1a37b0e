// What the store talks to besides window.api: the frame clock and the file saver.
import type { ExportedFile } from '../../../shared/types'

/** How the store waits for the next frame; tests pass a fake. */
export interface FrameScheduler {
  request(callback: () => void): number
  cancel(handle: number): void
}

/** What the store needs besides window.api; tests replace the file saver. */
export interface StoreEnvironment {
  /** Hands a file to the user (a download: Electron asks where to save it). */
  saveFile(file: ExportedFile): void
}

/** The browser's animation frames. */
export const browserFrames: FrameScheduler = {
  request: (callback) => globalThis.requestAnimationFrame(() => callback()),
  cancel: (handle) => globalThis.cancelAnimationFrame(handle)
}

/** Saves a file through the browser: a Blob behind an <a download> (Electron asks where). */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download reads the Blob after click() returns; free it once that has surely happened.
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
