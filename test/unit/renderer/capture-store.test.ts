// @vitest-environment jsdom
// The composer's side of a screen capture: the button's request, the region landing in the tray
// of the composer that asked (with its model), a cancel, a screen that cannot be captured.
import { expect, it, vi } from 'vitest'
import { createAppStore, selectCurrentModel, selectTray } from '../../../src/renderer/src/store'
import { createFakeApi } from './fake-api'

async function chat() {
  const fake = createFakeApi()
  const store = createAppStore(fake.api)
  await store.getState().init()
  return { fake, store }
}

it('attaches the region taken to the open composer, with its model, like a pasted file', async () => {
  const { fake, store } = await chat()
  await store.getState().captureRegion()
  expect(fake.api.startCapture).toHaveBeenCalledWith({ target: 'main' })
  expect(store.getState().capturing).toBe(true)

  fake.emitCaptureEnded({ target: 'main', outcome: 'taken', name: 'Screenshot 1.png' })
  expect(store.getState().capturing).toBe(false)
  await expect
    .poll(() => selectTray(store.getState()).drafts.map((d) => d.name))
    .toEqual(['Screenshot 2026-12-04 23.41.05.png'])
  expect(fake.api.attachCapture).toHaveBeenCalledWith({
    model: selectCurrentModel(store.getState())
  })
  expect(selectTray(store.getState()).pending).toEqual([])
})

it('a cancelled capture, or one for the other window, attaches nothing', async () => {
  const { fake, store } = await chat()
  await store.getState().captureRegion()
  fake.emitCaptureEnded({ target: 'quick', outcome: 'taken', name: 'Screenshot 1.png' })
  expect(store.getState().capturing).toBe(true)
  fake.emitCaptureEnded({ target: 'main', outcome: 'cancelled' })
  expect(store.getState().capturing).toBe(false)
  expect(fake.api.attachCapture).not.toHaveBeenCalled()
  expect(selectTray(store.getState()).drafts).toEqual([])
})

it('a screen that cannot be captured is explained in the banner', async () => {
  const { fake, store } = await chat()
  const error = {
    code: 'capture_unavailable' as const,
    message: 'The screen could not be captured: no display',
    reason: 'no_display'
  }
  vi.mocked(fake.api.startCapture).mockResolvedValueOnce({ ok: false, error })
  await store.getState().captureRegion()
  expect(store.getState().banner).toEqual(error)
  expect(store.getState().capturing).toBe(false)
})

it('a capture started elsewhere (a shortcut) that failed is explained in the banner', async () => {
  const { fake, store } = await chat()
  const error = { code: 'capture_unavailable' as const, message: 'x', reason: 'screen_permission' }
  fake.emitCaptureEnded({ target: 'main', outcome: 'failed', error })
  expect(store.getState().banner).toEqual(error)
  expect(fake.api.attachCapture).not.toHaveBeenCalled()
})

it('in the Quick Ask window, captures are for Quick Ask and the main window’s are left alone', async () => {
  const { fake, store } = await chat()
  store.getState().setQuickAsk(true)
  await store.getState().captureRegion()
  expect(fake.api.startCapture).toHaveBeenCalledWith({ target: 'quick' })
  fake.emitCaptureEnded({ target: 'main', outcome: 'taken', name: 'Screenshot 1.png' })
  expect(fake.api.attachCapture).not.toHaveBeenCalled()
  fake.emitCaptureEnded({ target: 'quick', outcome: 'taken', name: 'Screenshot 2.png' })
  await expect.poll(() => selectTray(store.getState()).drafts).toHaveLength(1)
})
