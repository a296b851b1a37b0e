// Capture without a screen: the crop's exact pixels and rounding, the name, the refusals, and a
// whole capture through the core's requests (a fixture display, the real attachment pipeline).
import { describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { CaptureDisplay } from '../../../src/shared/capture'
import { createCore } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { clampRect, cropRegion, screenshotName } from '../../../src/main/capture/crop'
import { captureDisplays, problemOf, type FrozenDisplay } from '../../../src/main/capture/displays'
import { patternMismatches, patternPng, rgbOf } from '../../fixtures/capturePattern'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'

describe('clampRect', () => {
  it('keeps whole pixels as they are', () => {
    expect(clampRect({ x: 10, y: 20, width: 30, height: 40 }, 100, 100)).toEqual({
      x: 10,
      y: 20,
      width: 30,
      height: 40
    })
  })
  it('rounds a fractional edge outward, keeping the pixel it touches', () => {
    expect(clampRect({ x: 10.5, y: 20.25, width: 10, height: 10 }, 100, 100)).toEqual({
      x: 10,
      y: 20,
      width: 11,
      height: 11
    })
  })
  it('clamps to the image and refuses a region outside it', () => {
    expect(clampRect({ x: -5, y: 90, width: 20, height: 20 }, 100, 100)).toEqual({
      x: 0,
      y: 90,
      width: 15,
      height: 10
    })
    expect(clampRect({ x: 100, y: 0, width: 5, height: 5 }, 100, 100)).toBeNull()
    expect(clampRect({ x: 3, y: 3, width: 0, height: 5 }, 100, 100)).toBeNull()
  })
})

describe('cropRegion', () => {
  it('returns exactly the pixels of the rectangle', async () => {
    const png = await patternPng(600, 300)
    const crop = await cropRegion(png, { x: 257, y: 3, width: 300, height: 260 })
    const image = await rgbOf(crop!)
    expect([image.width, image.height]).toEqual([300, 260])
    expect(await patternMismatches(crop!, 257, 3)).toBe(0)
  })
  it('is null for a region outside the picture', async () => {
    expect(await cropRegion(await patternPng(20, 20), { x: 30, y: 0, width: 5, height: 5 })).toBe(
      null
    )
  })
})

it('names a capture like the OS names screenshots, in local time', () => {
  expect(screenshotName(new Date(2026, 11, 4, 23, 41, 5))).toBe(
    'Screenshot 2026-12-04 23.41.05.png'
  )
})

it('tells a missing display server from a refusal and from other failures', () => {
  expect(problemOf(new Error('Connection closed, error during parsing display string'))).toBe(
    'no_display'
  )
  expect(problemOf(new Error('Operation not permitted'))).toBe('screen_permission')
  expect(problemOf(new Error('XGetImage failed'))).toBe('capture_failed')
})

it('without a display server, capture is refused as no_display (the UI points to paste)', async () => {
  const saved = process.env.DISPLAY
  delete process.env.DISPLAY
  delete process.env.WAYLAND_DISPLAY
  try {
    await expect(captureDisplays()).rejects.toMatchObject({
      code: 'capture_unavailable',
      reason: 'no_display'
    })
  } finally {
    if (saved !== undefined) process.env.DISPLAY = saved
  }
})

/** A core whose displays are a fixture: the first 1:1, the second HiDPI (scale 2). */
async function fixtureCore() {
  const ended: EventPayloads['captureEnded'][] = []
  const shown: CaptureDisplay[][] = []
  let hidden = 0
  const displays: FrozenDisplay[] = [
    { id: 7, x: 0, y: 0, width: 400, height: 300, scaleFactor: 1 },
    { id: 8, x: 400, y: 0, width: 200, height: 150, scaleFactor: 2 }
  ].map((d) => ({ ...d, png: Buffer.alloc(0), imageWidth: 400, imageHeight: 300 }))
  for (const display of displays) display.png = await patternPng(400, 300)
  const core = await createCore({
    dataDir: tempDir('capture-'),
    secrets: memorySecrets(),
    emit: (name, payload) => {
      if (name === 'captureEnded') ended.push(payload as EventPayloads['captureEnded'])
    },
    capture: {
      grab: async () => displays,
      show: (placed) => shown.push(placed),
      hide: () => hidden++
    }
  })
  return { core, ended, shown, hidden: () => hidden }
}

describe('a capture through the core', () => {
  it('shows every display, crops the region picked and attaches it like a pasted file', async () => {
    const { core, ended, shown, hidden } = await fixtureCore()
    try {
      const placed = await core.handlers.startCapture({ target: 'quick' })
      expect(placed.map((d) => [d.id, d.scaleFactor])).toEqual([
        [7, 1],
        [8, 2]
      ])
      expect(shown).toEqual([placed])
      const image = await core.handlers.getCaptureImage({ display: 8 })
      expect(image.url.startsWith('data:image/png;base64,')).toBe(true)
      expect([image.imageWidth, image.imageHeight]).toEqual([400, 300])

      const rect = { x: 20, y: 30, width: 100, height: 50 }
      await core.handlers.finishCapture({ display: 8, rect })
      expect(hidden()).toBe(1)
      expect(ended).toHaveLength(1)
      expect(ended[0]).toMatchObject({ target: 'quick', outcome: 'taken' })

      const draft = await core.handlers.attachCapture({ model: 'doubao-seed-1-6-251015' })
      expect(draft.kind).toBe('image')
      expect(draft.name).toMatch(/^Screenshot \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/)
      const stored = (await core.services.attachments.read(draft.sha256))!
      expect(await patternMismatches(stored, rect.x, rect.y)).toBe(0)
      expect((await rgbOf(stored)).width).toBe(100)

      // Taken once: a second attach finds nothing.
      const again = await dispatch(core.handlers, 'attachCapture', {
        model: 'doubao-seed-1-6-251015'
      })
      expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } })
    } finally {
      await core.close()
    }
  })

  it('a cancel closes the overlays and leaves nothing to attach', async () => {
    const { core, ended, hidden } = await fixtureCore()
    try {
      await core.handlers.startCapture({ target: 'main' })
      await core.handlers.finishCapture({ cancel: true })
      expect(hidden()).toBe(1)
      expect(ended).toEqual([{ target: 'main', outcome: 'cancelled' }])
      const attach = await dispatch(core.handlers, 'attachCapture', {
        model: 'doubao-seed-1-6-251015'
      })
      expect(attach).toMatchObject({ ok: false, error: { code: 'not_found' } })
      // Nothing is in progress any more: a late overlay cannot finish it.
      const late = await dispatch(core.handlers, 'finishCapture', {
        display: 7,
        rect: { x: 0, y: 0, width: 5, height: 5 }
      })
      expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } })
    } finally {
      await core.close()
    }
  })

  it('refuses a region outside the display and keeps the capture open', async () => {
    const { core, ended } = await fixtureCore()
    try {
      await core.handlers.startCapture({ target: 'main' })
      const outside = await dispatch(core.handlers, 'finishCapture', {
        display: 7,
        rect: { x: 500, y: 0, width: 5, height: 5 }
      })
      expect(outside).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(ended).toEqual([])
      await core.handlers.finishCapture({ display: 7, rect: { x: 0, y: 0, width: 5, height: 5 } })
      expect(ended).toEqual([expect.objectContaining({ outcome: 'taken' })])
    } finally {
      await core.close()
    }
  })
})
