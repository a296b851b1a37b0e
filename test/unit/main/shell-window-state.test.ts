// The window's remembered size and position: read back from a real file, and always placed where
// the user can see and grab it.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  WINDOW_STATE_FILE,
  loadWindowState,
  placeWindow,
  saveWindowState
} from '../../../src/main/shell/windowState'
import { tempDir } from '../../fixtures/temp'

const laptop = { x: 0, y: 25, width: 1440, height: 875 }
const leftMonitor = { x: -1920, y: 0, width: 1920, height: 1080 }
const saved = (x: number, y: number, width = 1000, height = 700, maximized = false) => ({
  x,
  y,
  width,
  height,
  maximized
})

describe('the window state file', () => {
  it('round-trips through a real file in the data folder', () => {
    const file = join(tempDir('window-state-'), 'nested', WINDOW_STATE_FILE)
    saveWindowState(file, saved(100, 120, 1100, 760, true))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved(100, 120, 1100, 760, true))
    expect(loadWindowState(file)).toEqual(saved(100, 120, 1100, 760, true))
  })

  it('is ignored when missing, damaged or not a window state', () => {
    const dir = tempDir('window-state-')
    expect(loadWindowState(join(dir, 'missing.json'))).toBeNull()
    for (const text of [
      '{"x":1,',
      '[]',
      '{"x":"1","y":0,"width":800,"height":600}',
      '{"x":0,"y":0,"width":-5,"height":600}',
      'null'
    ]) {
      const file = join(dir, WINDOW_STATE_FILE)
      writeFileSync(file, text)
      expect(loadWindowState(file), text).toBeNull()
    }
  })
})

describe('placing the window', () => {
  it('opens a first window at the default size, centred', () => {
    expect(placeWindow(null, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false })
  })

  it('shrinks the default size to a small screen, never below what the screen holds', () => {
    expect(placeWindow(null, [{ x: 0, y: 0, width: 1024, height: 600 }])).toEqual({
      width: 1024,
      height: 600,
      maximized: false
    })
  })

  it('keeps a window that is on a display where it was', () => {
    expect(placeWindow(saved(200, 100), [laptop])).toEqual(saved(200, 100))
    expect(placeWindow(saved(-1500, 50, 1000, 700, true), [laptop, leftMonitor])).toEqual(
      saved(-1500, 50, 1000, 700, true)
    )
  })

  it('centres a window whose display is gone on the primary display, keeping its size', () => {
    expect(placeWindow(saved(-1500, 50), [laptop])).toEqual({
      width: 1000,
      height: 700,
      maximized: false
    })
    expect(placeWindow(saved(5000, 4000), [laptop, leftMonitor])).toEqual({
      width: 1000,
      height: 700,
      maximized: false
    })
  })

  it('centres a window only a sliver of which is visible', () => {
    expect(placeWindow(saved(1400, 100), [laptop])).toEqual({
      width: 1000,
      height: 700,
      maximized: false
    })
  })

  it('moves a window partly off its display back onto it', () => {
    expect(placeWindow(saved(900, 500), [laptop])).toEqual(saved(440, 200))
    expect(placeWindow(saved(-100, -300), [laptop])).toEqual(saved(0, 25))
  })

  it('shrinks a window larger than its display to fit, and never below the minimum size', () => {
    expect(placeWindow(saved(0, 25, 3000, 2000), [laptop])).toEqual(saved(0, 25, 1440, 875))
    expect(placeWindow(saved(100, 100, 200, 100), [laptop])).toEqual(
      saved(100, 100, MIN_SIZE.width, MIN_SIZE.height)
    )
  })

  it('picks the display the window overlaps most', () => {
    // Mostly on the left monitor: moved fully onto it, not onto the laptop.
    expect(placeWindow(saved(-900, 100), [laptop, leftMonitor])).toEqual(saved(-1000, 100))
  })
})
