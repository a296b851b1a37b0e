// The region picker's arithmetic: drags, keys, and CSS pixels to the picture's device pixels.
import { describe, expect, it } from 'vitest'
import {
  captureRouteDisplay,
  moveRect,
  pickerKey,
  rectFromDrag,
  resizeRect,
  toDeviceRect
} from '../../../src/renderer/src/lib/regionSelect'

const VIEW = { width: 1200, height: 800 }

describe('rectFromDrag', () => {
  it('spans the two points whichever way the drag went', () => {
    const down = { x: 100, y: 50 }
    const up = { x: 40, y: 90 }
    expect(rectFromDrag(down, up, VIEW)).toEqual({ x: 40, y: 50, width: 60, height: 40 })
    expect(rectFromDrag(up, down, VIEW)).toEqual({ x: 40, y: 50, width: 60, height: 40 })
  })
  it('stops at the display edges', () => {
    expect(rectFromDrag({ x: 1100, y: 700 }, { x: 1500, y: -20 }, VIEW)).toEqual({
      x: 1100,
      y: 0,
      width: 100,
      height: 700
    })
  })
})

describe('moveRect and resizeRect', () => {
  const rect = { x: 10, y: 20, width: 100, height: 50 }
  it('moves inside the display only', () => {
    expect(moveRect(rect, -1, 10, VIEW)).toEqual({ ...rect, x: 9, y: 30 })
    expect(moveRect(rect, -50, 0, VIEW)).toEqual({ ...rect, x: 0 })
    expect(moveRect(rect, 5000, 5000, VIEW)).toEqual({ ...rect, x: 1100, y: 750 })
  })
  it('resizes from the bottom-right corner, at least 1 px, never past the edges', () => {
    expect(resizeRect(rect, 10, -1, VIEW)).toEqual({ ...rect, width: 110, height: 49 })
    expect(resizeRect(rect, -500, -500, VIEW)).toEqual({ ...rect, width: 1, height: 1 })
    expect(resizeRect(rect, 5000, 0, VIEW)).toEqual({ ...rect, width: 1190 })
  })
})

describe('toDeviceRect', () => {
  it('is the same rectangle at scale 1', () => {
    const rect = { x: 13, y: 7, width: 200, height: 120 }
    expect(toDeviceRect(rect, VIEW, VIEW)).toEqual(rect)
  })
  it('doubles every edge on a HiDPI display (scale 2)', () => {
    expect(
      toDeviceRect({ x: 13, y: 7, width: 200, height: 120 }, VIEW, { width: 2400, height: 1600 })
    ).toEqual({ x: 26, y: 14, width: 400, height: 240 })
  })
  it('rounds fractional edges outward at scale 1.25, keeping every pixel touched', () => {
    // 3 × 1.25 = 3.75 → 3; (3 + 5) × 1.25 = 10 → 10.
    expect(
      toDeviceRect({ x: 3, y: 3, width: 5, height: 1 }, VIEW, { width: 1500, height: 1000 })
    ).toEqual({
      x: 3,
      y: 3,
      width: 7,
      height: 2
    })
  })
  it('keeps whole edges whole despite floating-point dust', () => {
    // 3 × 1.1 is 3.3000000000000003 in floating point; 10 × 1.1 is 11.000000000000002.
    expect(
      toDeviceRect({ x: 0, y: 0, width: 10, height: 10 }, VIEW, { width: 1320, height: 880 })
    ).toEqual({
      x: 0,
      y: 0,
      width: 11,
      height: 11
    })
  })
  it('clamps to the picture and is null for an empty selection', () => {
    expect(toDeviceRect({ x: 1190, y: 790, width: 30, height: 30 }, VIEW, VIEW)).toEqual({
      x: 1190,
      y: 790,
      width: 10,
      height: 10
    })
    expect(toDeviceRect({ x: 5, y: 5, width: 0, height: 9 }, VIEW, VIEW)).toBeNull()
  })
})

describe('pickerKey', () => {
  const key = (k: string, shiftKey = false, altKey = false) =>
    pickerKey({ key: k, shiftKey, altKey })
  it('accepts on Enter and cancels on Esc', () => {
    expect(key('Enter')).toEqual({ action: 'accept' })
    expect(key('Escape')).toEqual({ action: 'cancel' })
  })
  it('moves by 1 px, by 10 with Shift, and resizes with Alt', () => {
    expect(key('ArrowLeft')).toEqual({ action: 'move', dx: -1, dy: 0 })
    expect(key('ArrowDown', true)).toEqual({ action: 'move', dx: 0, dy: 10 })
    expect(key('ArrowRight', false, true)).toEqual({ action: 'resize', dx: 1, dy: 0 })
    expect(key('ArrowUp', true, true)).toEqual({ action: 'resize', dx: 0, dy: -10 })
    expect(key('a')).toBeNull()
  })
})

it('reads the display from the overlay route, and nothing from other routes', () => {
  expect(captureRouteDisplay('#/capture?display=42')).toBe(42)
  expect(captureRouteDisplay('#/capture?display=-3')).toBe(-3)
  expect(captureRouteDisplay('')).toBeNull()
  expect(captureRouteDisplay('#/capture?display=4x')).toBeNull()
})
