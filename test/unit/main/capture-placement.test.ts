// The capture shell's pure parts: which Electron display each captured display's overlay covers,
// and the macOS screen-recording answer as a refusal.
import { describe, expect, it } from 'vitest'
import { matchDisplays, screenPermissionRefusal } from '../../../src/main/capture/placement'

const captured = (id: number, x: number, y: number, scaleFactor = 1) => ({
  id,
  x,
  y,
  width: 1000,
  height: 800,
  scaleFactor
})
const shell = (id: number, x: number, y: number, scaleFactor = 1) => ({
  id,
  bounds: { x, y, width: 1000, height: 800 },
  scaleFactor
})

describe('matchDisplays', () => {
  it('takes the display with the same id first (macOS)', () => {
    const a = shell(5, 0, 0)
    const b = shell(6, 1000, 0)
    expect(matchDisplays([captured(6, 0, 0), captured(5, 1000, 0)], [a, b])).toEqual([b, a])
  })
  it('else the nearest origin, in DIP or in device pixels, each display once', () => {
    const left = shell(100, 0, 0, 2)
    const right = shell(101, 1000, 0, 2)
    // X11 and Windows report device pixels: the right display starts at 2000.
    expect(matchDisplays([captured(2, 2000, 0, 2), captured(1, 0, 0, 2)], [left, right])).toEqual([
      right,
      left
    ])
    // Two captured displays at the same place: the second gets what is left.
    expect(matchDisplays([captured(1, 0, 0), captured(2, 0, 0)], [left, right])).toEqual([
      left,
      right
    ])
    expect(matchDisplays([captured(1, 0, 0)], [])).toEqual([null])
  })
})

describe('screenPermissionRefusal', () => {
  it('refuses on macOS when screen recording is denied or restricted, naming how to grant it', () => {
    for (const status of ['denied', 'restricted']) {
      expect(screenPermissionRefusal('darwin', status)).toMatchObject({
        code: 'capture_unavailable',
        reason: 'screen_permission'
      })
    }
  })
  it('goes ahead when granted, not yet asked (macOS asks), and off macOS', () => {
    expect(screenPermissionRefusal('darwin', 'granted')).toBeNull()
    expect(screenPermissionRefusal('darwin', 'not-determined')).toBeNull()
    expect(screenPermissionRefusal('linux', 'denied')).toBeNull()
  })
})
