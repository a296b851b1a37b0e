// The window's size and position across restarts: a small JSON file in userData, checked against
// the displays there are now (a monitor may have been unplugged) before it is used.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { z } from 'zod'

export const WINDOW_STATE_FILE = 'window-state.json'
export const DEFAULT_SIZE = { width: 1200, height: 800 }
export const MIN_SIZE = { width: 720, height: 480 }
/** How much of a window (each way) must lie on a display for it to stay where it was. */
const MIN_VISIBLE = 64

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where the window goes: no x/y means centred on the primary display. */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

const finite = z.number().finite()
const savedSchema = z.object({
  x: finite,
  y: finite,
  width: finite.positive(),
  height: finite.positive(),
  maximized: z.boolean().default(false)
})

export type SavedWindowState = z.output<typeof savedSchema>

/** The saved state, or null when the file is missing, unreadable or not a window state. */
export function loadWindowState(file: string): SavedWindowState | null {
  try {
    const parsed = savedSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes the state through a temporary file, so a crash mid-write never leaves half a file. */
export function saveWindowState(file: string, state: SavedWindowState): void {
  mkdirSync(dirname(file), { recursive: true })
  const temporary = `${file}.tmp`
  writeFileSync(temporary, JSON.stringify(state))
  renameSync(temporary, file)
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  }
}

const clamp = (value: number, low: number, high: number): number =>
  Math.max(low, Math.min(value, high))

/**
 * Where to open the window given the saved state and the displays' work areas (primary first).
 * A window mostly off every display is centred on the primary one; one partly off is moved
 * onto the display it overlaps most; a size is kept within that display and above the minimum.
 */
export function placeWindow(
  saved: SavedWindowState | null,
  workAreas: readonly Rect[]
): WindowPlacement {
  const primary = workAreas[0]
  const fitSize = (size: { width: number; height: number }, area: Rect | undefined) => ({
    width: Math.round(
      area
        ? clamp(size.width, Math.min(MIN_SIZE.width, area.width), area.width)
        : Math.max(size.width, MIN_SIZE.width)
    ),
    height: Math.round(
      area
        ? clamp(size.height, Math.min(MIN_SIZE.height, area.height), area.height)
        : Math.max(size.height, MIN_SIZE.height)
    )
  })
  if (!saved) return { ...fitSize(DEFAULT_SIZE, primary), maximized: false }

  let best: Rect | undefined
  let bestArea = 0
  for (const area of workAreas) {
    const shared = overlap(saved, area)
    if (
      shared.width >= MIN_VISIBLE &&
      shared.height >= MIN_VISIBLE &&
      shared.width * shared.height > bestArea
    ) {
      best = area
      bestArea = shared.width * shared.height
    }
  }
  if (!best) return { ...fitSize(saved, primary), maximized: saved.maximized }
  const size = fitSize(saved, best)
  return {
    x: Math.round(clamp(saved.x, best.x, best.x + best.width - size.width)),
    y: Math.round(clamp(saved.y, best.y, best.y + best.height - size.height)),
    ...size,
    maximized: saved.maximized
  }
}
