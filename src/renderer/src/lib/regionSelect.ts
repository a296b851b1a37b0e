// The region picker's arithmetic, apart from the DOM: a drag becomes a rectangle inside the
// display, arrow keys move or resize it, and its CSS pixels become the device pixels of the
// frozen picture (HiDPI: the picture has scale × the window's CSS pixels).

export interface Point {
  x: number
  y: number
}

export interface Size {
  width: number
  height: number
}

/** A rectangle: CSS pixels in the overlay, device pixels in the picture. */
export interface Rect extends Point, Size {}

const clamp = (value: number, low: number, high: number): number =>
  Math.min(high, Math.max(low, value))

/** The rectangle a drag from `from` to `to` spans, both ends kept inside `bounds`. */
export function rectFromDrag(from: Point, to: Point, bounds: Size): Rect {
  const x1 = clamp(from.x, 0, bounds.width)
  const y1 = clamp(from.y, 0, bounds.height)
  const x2 = clamp(to.x, 0, bounds.width)
  const y2 = clamp(to.y, 0, bounds.height)
  return {
    x: Math.min(x1, x2),
    y: Math.min(y1, y2),
    width: Math.abs(x2 - x1),
    height: Math.abs(y2 - y1)
  }
}

/** Moves `rect` by (dx, dy), stopping at the display's edges. */
export function moveRect(rect: Rect, dx: number, dy: number, bounds: Size): Rect {
  return {
    ...rect,
    x: clamp(rect.x + dx, 0, bounds.width - rect.width),
    y: clamp(rect.y + dy, 0, bounds.height - rect.height)
  }
}

/** Grows or shrinks `rect` from its bottom-right corner; at least 1 px, never past the edges. */
export function resizeRect(rect: Rect, dx: number, dy: number, bounds: Size): Rect {
  return {
    ...rect,
    width: clamp(rect.width + dx, 1, bounds.width - rect.x),
    height: clamp(rect.height + dy, 1, bounds.height - rect.y)
  }
}

/**
 * The device pixels under a CSS rectangle of an overlay showing an `image`-sized picture over
 * `view` CSS pixels: each edge is rounded outward (a pixel partly selected is kept) and the
 * result clamped to the picture. Null when nothing is selected.
 */
export function toDeviceRect(rect: Rect, view: Size, image: Size): Rect | null {
  const scaleX = image.width / view.width
  const scaleY = image.height / view.height
  const left = clamp(Math.floor(round6(rect.x * scaleX)), 0, image.width)
  const top = clamp(Math.floor(round6(rect.y * scaleY)), 0, image.height)
  const right = clamp(Math.ceil(round6((rect.x + rect.width) * scaleX)), 0, image.width)
  const bottom = clamp(Math.ceil(round6((rect.y + rect.height) * scaleY)), 0, image.height)
  if (right <= left || bottom <= top) return null
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** Drops floating-point dust (3 × 1.1 = 3.3000000000000003 is 3.3), so whole edges stay whole. */
function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6
}

/** What a key does in the picker. */
export type PickerKey =
  | { action: 'accept' }
  | { action: 'cancel' }
  | { action: 'move' | 'resize'; dx: number; dy: number }

const ARROWS: Record<string, Point> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 }
}

/**
 * Enter accepts, Esc cancels; an arrow moves the selection 1 px (Shift: 10 px), with Alt it
 * resizes it instead. Null for any other key.
 */
export function pickerKey(key: {
  key: string
  shiftKey: boolean
  altKey: boolean
}): PickerKey | null {
  if (key.key === 'Enter') return { action: 'accept' }
  if (key.key === 'Escape') return { action: 'cancel' }
  const arrow = ARROWS[key.key]
  if (!arrow) return null
  const step = key.shiftKey ? 10 : 1
  return { action: key.altKey ? 'resize' : 'move', dx: arrow.x * step, dy: arrow.y * step }
}

/** The display an overlay page shows, from its route `#/capture?display=<id>`; null elsewhere. */
export function captureRouteDisplay(hash: string): number | null {
  const match = /^#\/capture\?display=(-?\d+)$/.exec(hash)
  return match ? Number(match[1]) : null
}
