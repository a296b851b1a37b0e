// The region picker in Chromium over fixture displays (the harness has no Electron shell: the test
// opens each overlay page itself, as the shell's overlay windows would). A drag takes exact pixels
// into the composer's tray, on a 1:1 and a HiDPI display; Esc and a right-click leave nothing.
// Screenshots of the overlay and the composer button go to test-results/screens.
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import type { CaptureDisplay } from '../../src/shared/capture'
import { captureError, type FrozenDisplay } from '../../src/main/capture/displays'
import { launchApp, type AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { patternMismatches, patternPng, rgbOf } from '../fixtures/capturePattern'
import { seriousAxeFindings } from './axe'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')
const VIEW = { width: 1200, height: 800 }

/** Two displays showing the position pattern: 1:1 (id 1) and HiDPI at scale 2 (id 2). */
async function fixtureDisplays(): Promise<FrozenDisplay[]> {
  const normal = await patternPng(VIEW.width, VIEW.height)
  const hidpi = await patternPng(VIEW.width * 2, VIEW.height * 2)
  return [
    { id: 1, x: 0, y: 0, scaleFactor: 1, png: normal, imageWidth: 1200, imageHeight: 800 },
    { id: 2, x: 1200, y: 0, scaleFactor: 2, png: hidpi, imageWidth: 2400, imageHeight: 1600 }
  ].map((d) => ({ ...d, width: VIEW.width, height: VIEW.height }))
}

interface Picker {
  app: AppHarness
  /** Resolves with the displays each time main asks the shell to show the pickers. */
  shown(): Promise<CaptureDisplay[]>
  hidden(): number
}

async function startApp(
  browser: Browser,
  keychainService: string,
  provider: FakeProvider,
  locale = 'en-US',
  grab?: () => Promise<FrozenDisplay[]>
): Promise<Picker> {
  const displays = await fixtureDisplays()
  let hidden = 0
  let onShow: (displays: CaptureDisplay[]) => void = () => undefined
  const app = await launchApp(browser, {
    keychainService,
    locale,
    capture: {
      grab: grab ?? (async () => displays),
      show: (placed) => onShow(placed),
      hide: () => hidden++
    }
  })
  await app.core.handlers.updateSettings({
    baseURL: provider.baseURL,
    language: locale === 'zh-CN' ? 'zh-CN' : 'en'
  })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.locator('.composer-input')).toBeVisible()
  return {
    app,
    shown: () => new Promise((resolve) => (onShow = resolve)),
    hidden: () => hidden
  }
}

/** Clicks the composer's capture button (in `from`, else the main window) and opens display `id`'s overlay page. */
async function openPicker(
  picker: Picker,
  id: number,
  buttonName: string,
  from: Page = picker.app.page
): Promise<Page> {
  const shown = picker.shown()
  await from.getByRole('button', { name: buttonName }).click()
  expect((await shown).map((d) => d.id)).toEqual([1, 2])
  const overlay = await picker.app.context.newPage()
  await overlay.goto(`${picker.app.url}#/capture?display=${id}`)
  await expect(overlay.locator('.capture-frozen')).toBeVisible()
  await overlay.locator('.capture-frozen').evaluate((img) => (img as HTMLImageElement).decode())
  return overlay
}

async function drag(page: Page, from: [number, number], to: [number, number]): Promise<void> {
  await page.mouse.move(...from)
  await page.mouse.down()
  await page.mouse.move(...to, { steps: 4 })
  await page.mouse.up()
}

/** The stored original of the one draft in a window's tray (the main window's by default). */
async function trayImage(app: AppHarness, page: Page = app.page): Promise<Buffer> {
  const thumb = page.locator('.tray .tray-thumb img')
  await expect(thumb).toHaveCount(1)
  const src = (await thumb.getAttribute('src')) ?? ''
  const sha256 = /attachment\/([0-9a-f]{64})\//.exec(src)?.[1]
  expect(sha256).toBeTruthy()
  return (await app.core.services.attachments.read(sha256!))!
}

test('a drag takes exactly the pixels under it into the tray (1:1 display)', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider)
  try {
    const { app } = picker
    await app.page.screenshot({ path: join(SCREENS, 'capture-button-en.png') })
    const overlay = await openPicker(picker, 1, 'Capture a screen region')
    await expect(overlay.getByRole('application', { name: 'Screen region picker' })).toBeVisible()
    await drag(overlay, [100, 120], [350, 300])
    await expect(overlay.getByTestId('capture-size')).toHaveText('250 × 180 px')
    // Arrows move the selection: 1 px, Shift 10 px.
    await overlay.keyboard.press('ArrowRight')
    await overlay.keyboard.press('Shift+ArrowDown')
    await overlay.screenshot({ path: join(SCREENS, 'capture-overlay-en.png') })
    expect(await seriousAxeFindings(overlay)).toEqual([])
    await overlay.keyboard.press('Enter')
    await expect(overlay.getByText('Captured.')).toBeVisible()
    expect(picker.hidden()).toBe(1)

    await expect(app.page.locator('.tray .tray-name')).toHaveText(
      /^Screenshot \d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d\.png$/
    )
    const stored = await trayImage(app)
    const image = await rgbOf(stored)
    expect([image.width, image.height]).toEqual([250, 180])
    expect(await patternMismatches(stored, 101, 130)).toBe(0)
    await app.page.screenshot({ path: join(SCREENS, 'capture-tray-en.png') })
  } finally {
    await picker.app.close()
  }
})

test('on a HiDPI display (scale 2) the region is taken in device pixels', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider)
  try {
    const overlay = await openPicker(picker, 2, 'Capture a screen region')
    await drag(overlay, [400, 300], [150, 210])
    // 250 × 90 CSS pixels are 500 × 180 device pixels.
    await expect(overlay.getByTestId('capture-size')).toHaveText('500 × 180 px')
    await overlay.locator('.capture-overlay').dblclick({ position: { x: 600, y: 700 } })
    const stored = await trayImage(picker.app)
    const image = await rgbOf(stored)
    expect([image.width, image.height]).toEqual([500, 180])
    expect(await patternMismatches(stored, 300, 420)).toBe(0)
  } finally {
    await picker.app.close()
  }
})

test('Enter with no selection takes the whole display; a selection at the top keeps its size in view', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider)
  try {
    const overlay = await openPicker(picker, 1, 'Capture a screen region')
    await drag(overlay, [0, 0], [160, 90])
    await expect(overlay.getByTestId('capture-size')).toBeInViewport()
    await overlay.screenshot({ path: join(SCREENS, 'capture-overlay-top-en.png') })
    // A fresh picker page, nothing selected: Enter takes the whole display.
    await overlay.reload()
    await expect(overlay.locator('.capture-frozen')).toBeVisible()
    await overlay.keyboard.press('Enter')
    const stored = await trayImage(picker.app)
    const image = await rgbOf(stored)
    expect([image.width, image.height]).toEqual([1200, 800])
    expect(await patternMismatches(stored, 0, 0)).toBe(0)
  } finally {
    await picker.app.close()
  }
})

test('Esc and a right-click cancel, and nothing is attached', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider)
  try {
    const { app } = picker
    const button = app.page.getByRole('button', { name: 'Capture a screen region' })
    for (const cancel of ['Escape', 'right-click'] as const) {
      const overlay = await openPicker(picker, 1, 'Capture a screen region')
      await expect(button).toBeDisabled()
      await drag(overlay, [50, 50], [300, 200])
      if (cancel === 'Escape') await overlay.keyboard.press('Escape')
      else await overlay.mouse.click(200, 150, { button: 'right' })
      await expect(overlay.getByText('Cancelled.')).toBeVisible()
      await expect(button).toBeEnabled()
      await overlay.close()
    }
    expect(picker.hidden()).toBe(2)
    await expect(app.page.locator('.tray')).toHaveCount(0)
    // Nothing is left to attach either.
    const late = await app.page.evaluate(() =>
      window.api.attachCapture({ model: 'doubao-seed-1-6-251015' })
    )
    expect(late).toMatchObject({ ok: false, error: { code: 'not_found' } })
  } finally {
    await picker.app.close()
  }
})

test('the picker and the button in Chinese', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider, 'zh-CN')
  try {
    await picker.app.page.screenshot({ path: join(SCREENS, 'capture-button-zh-CN.png') })
    const overlay = await openPicker(picker, 1, '截取屏幕区域')
    await expect(overlay.getByRole('application', { name: '屏幕区域选择器' })).toBeVisible()
    await drag(overlay, [600, 400], [900, 560])
    await expect(overlay.getByTestId('capture-size')).toHaveText('300 × 160 像素')
    await overlay.screenshot({ path: join(SCREENS, 'capture-overlay-zh-CN.png') })
    expect(await seriousAxeFindings(overlay)).toEqual([])
    await overlay.keyboard.press('Escape')
  } finally {
    await picker.app.close()
  }
})

test('a screen that cannot be captured is explained, pointing to paste', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  for (const [locale, button, paste, reason] of [
    ['en-US', 'Capture a screen region', 'Ctrl+V', 'System Settings → Privacy & Security'],
    ['zh-CN', '截取屏幕区域', 'Ctrl+V', '“系统设置”→“隐私与安全性”']
  ] as const) {
    const picker = await startApp(chromiumBrowser, keychainService, provider, locale, async () => {
      throw captureError('screen_permission', 'macOS screen recording is denied')
    })
    try {
      const { page } = picker.app
      await page.getByRole('button', { name: button }).click()
      const alert = page.getByRole('alert').filter({ hasText: paste })
      await expect(alert).toContainText(reason)
      await page.screenshot({ path: join(SCREENS, `capture-refused-${locale}.png`) })
      await expect(page.getByRole('button', { name: button })).toBeEnabled()
    } finally {
      await picker.app.close()
    }
  }
})

test('a capture from Quick Ask lands in Quick Ask, not in the main window', async ({
  chromiumBrowser,
  keychainService,
  provider
}) => {
  const picker = await startApp(chromiumBrowser, keychainService, provider)
  try {
    const quick = await picker.app.context.newPage()
    await quick.setViewportSize({ width: 680, height: 520 })
    await quick.goto(`${picker.app.url}#/quick`)
    await expect(quick.locator('.composer-input')).toBeVisible()
    const overlay = await openPicker(picker, 1, 'Capture a screen region', quick)
    await drag(overlay, [10, 20], [74, 68])
    await overlay.keyboard.press('Enter')
    const stored = await trayImage(picker.app, quick)
    expect(await patternMismatches(stored, 10, 20)).toBe(0)
    expect((await rgbOf(stored)).width).toBe(64)
    await quick.screenshot({ path: join(SCREENS, 'capture-quick-ask-en.png') })
    await expect(picker.app.page.locator('.tray')).toHaveCount(0)
  } finally {
    await picker.app.close()
  }
})
