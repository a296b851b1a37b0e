// Text recognized in images (offline, PaddleOCR), as it crosses the boundary.

/** How far reading the history's images has come: `done` of `total` distinct images. */
export interface ImageTextStatus {
  done: number
  total: number
  /** Whether the background reading is under way now. */
  running: boolean
}

/** An image's recognized text: read (maybe empty), unreadable, or not read yet. */
export interface ImageText {
  status: 'done' | 'failed' | 'pending'
  text: string
}
