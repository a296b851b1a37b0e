// Capture on a real X screen (the unit suite runs under xvfb-run): Chromium shows the position
// pattern full-screen, node-screenshots captures the display, the crop is compared pixel for pixel.
import { chromium, type Browser } from '@playwright/test'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { captureDisplays, type FrozenDisplay } from '../../../src/main/capture/displays'
import { cropRegion } from '../../../src/main/capture/crop'
import { patternMismatches, patternPng } from '../../fixtures/capturePattern'

// Without an X server there is no screen to capture: the test says so instead of passing.
const noScreen = !process.env.DISPLAY
if (noScreen) console.warn('capture-screen.test.ts skipped: no DISPLAY (run it under xvfb-run)')

let browser: Browser | undefined
let display: FrozenDisplay | undefined

beforeAll(async () => {
  if (noScreen)
    return // Xvfb's screen is a single display of known size; the pattern covers all of it.
  ;[display] = await captureDisplays()
  const pattern = await patternPng(display.imageWidth, display.imageHeight)
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: false,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--force-color-profile=srgb',
      '--window-position=0,0',
      `--window-size=${display.width},${display.height}`
    ]
  })
  const page = await browser.newPage({ viewport: null })
  await page.setContent(
    `<body style="margin:0;background:#000;overflow:hidden"><img id="p" style="display:block" src="data:image/png;base64,${pattern.toString('base64')}"></body>`
  )
  await page
    .locator('#p')
    .evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode())
  // Full screen through the DevTools protocol: --kiosk does not apply to windows Playwright opens.
  const cdp = await page.context().newCDPSession(page)
  const { windowId } = await cdp.send('Browser.getWindowForTarget')
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { windowState: 'fullscreen' } })
})

afterAll(async () => {
  await browser?.close()
})

it.skipIf(noScreen)('captures the X screen and crops exactly the pixels asked for', async () => {
  const rect = { x: 301, y: 257, width: 222, height: 131 }
  // The window maps and paints on its own schedule: capture until the pattern is on screen.
  await expect
    .poll(async () => {
      const [shot] = await captureDisplays()
      return patternMismatches((await cropRegion(shot.png, rect))!, rect.x, rect.y)
    })
    .toBe(0)
  const [shot] = await captureDisplays()
  expect([shot.imageWidth, shot.imageHeight]).toEqual([display!.imageWidth, display!.imageHeight])
  // A region over the screen's edge keeps only what is on the screen, still exact.
  const crop = (await cropRegion(shot.png, { x: -20, y: -10, width: 100, height: 60 }))!
  expect(await patternMismatches(crop, 0, 0)).toBe(0)
  expect(await sharp(crop).metadata()).toMatchObject({ width: 80, height: 50 })
})
