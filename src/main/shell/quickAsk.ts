// The Quick Ask window's rules, with no electron import: where it opens, what the global shortcut,
// Esc and losing focus do to it, and what closing either window means. The shell
// (shell/desktop.ts) asks these and does what they say.

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface Point {
  x: number
  y: number
}

/** The window's size: room for a question, its answer and the composer, small beside any app. */
export const QUICK_ASK_SIZE = { width: 680, height: 520 } as const

const contains = (area: Rect, point: Point): boolean =>
  point.x >= area.x &&
  point.x < area.x + area.width &&
  point.y >= area.y &&
  point.y < area.y + area.height

const distance = (area: Rect, point: Point): number => {
  const dx = Math.max(area.x - point.x, 0, point.x - (area.x + area.width - 1))
  const dy = Math.max(area.y - point.y, 0, point.y - (area.y + area.height - 1))
  return dx * dx + dy * dy
}

/**
 * Where Quick Ask opens: centred on the work area of the display under the cursor (the nearest one
 * when the cursor is between displays), a little above the middle as a command palette sits, and
 * never larger than that work area.
 */
export function quickAskBounds(
  cursor: Point,
  workAreas: readonly Rect[],
  size: { width: number; height: number } = QUICK_ASK_SIZE
): Rect {
  if (workAreas.length === 0) return { x: 0, y: 0, ...size }
  const area =
    workAreas.find((candidate) => contains(candidate, cursor)) ??
    [...workAreas].sort((a, b) => distance(a, cursor) - distance(b, cursor))[0]
  const width = Math.min(size.width, area.width)
  const height = Math.min(size.height, area.height)
  const x = area.x + Math.round((area.width - width) / 2)
  // A third of the free space above, two thirds below.
  const y = area.y + Math.round((area.height - height) / 3)
  return { x, y, width, height }
}

/** What the shell knows of the Quick Ask window when something happens to it. */
export interface QuickAskView {
  visible: boolean
  focused: boolean
  pinned: boolean
}

/** What to do with the Quick Ask window. */
export type QuickAskMove = 'show' | 'focus' | 'hide' | 'stay'

/**
 * The Ask shortcut (or the tray's Ask) toggles: hidden → shown at the cursor's display; shown but
 * behind another app → brought forward; shown and in front → hidden.
 */
export function onAskShortcut(view: QuickAskView): QuickAskMove {
  if (!view.visible) return 'show'
  return view.focused ? 'hide' : 'focus'
}

/** Losing focus hides Quick Ask, unless it is pinned (then it stays, e.g. beside a document). */
export function onQuickAskBlur(view: QuickAskView): QuickAskMove {
  return view.visible && !view.pinned ? 'hide' : 'stay'
}

/** Esc (the page's hideQuickAsk request) hides it, pinned or not: the user asked in so many words. */
export function onQuickAskEscape(view: QuickAskView): QuickAskMove {
  return view.visible ? 'hide' : 'stay'
}

/**
 * Closing a window when the app is not quitting. Quick Ask is never closed, only hidden (it is
 * created once, hidden, so it opens at once). The main window hides when the app keeps running in
 * the tray, and on macOS, where an app outlives its window (the Dock icon brings it back); on
 * Windows and Linux without the tray setting, closing it quits the app, as it always did (Quick
 * Ask, hidden, would otherwise keep the app running with no window).
 */
export function onWindowClose(options: {
  window: 'main' | 'quick'
  quitting: boolean
  keepInTray: boolean
  platform: NodeJS.Platform
}): 'close' | 'hide' | 'quit' {
  if (options.quitting) return 'close'
  if (options.window === 'quick') return 'hide'
  if (options.keepInTray || options.platform === 'darwin') return 'hide'
  return 'quit'
}
