// Attachments end to end: real PNGs and an MP4 dropped and pasted into the page, checked and
// stored by the real core, sent to the fake provider, shown again after a restart. Screenshots
// of the drop overlay, the tray and the refusals go to test-results/screens.
import { join } from 'node:path'
import type { JSHandle, Locator, Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import {
  noiseAsPng,
  pastedPng,
  screenshotPng,
  solidPng,
  testMp4,
  webmLike,
  type MediaFile
} from '../fixtures/e2e-media'
import { expect, pickModel, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

// Generating the media (ffmpeg, sharp) takes a moment the first time.
test.setTimeout(90_000)

async function connect(app: AppHarness, provider: FakeProvider): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  return app.page
}

/** A DataTransfer in the page holding these files, built from their bytes. */
function filesInPage(page: Page, files: MediaFile[]): Promise<JSHandle<DataTransfer>> {
  return page.evaluateHandle((files) => {
    const transfer = new DataTransfer()
    for (const file of files) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], file.name, { type: file.type }))
    }
    return transfer
  }, files)
}

/** Drags files over the window (dragenter, dragover); `drop` finishes the gesture. */
async function dragOver(page: Page, files: MediaFile[]) {
  const transfer = await filesInPage(page, files)
  await page.evaluate((dataTransfer) => {
    for (const type of ['dragenter', 'dragover']) {
      document.body.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer })
      )
    }
  }, transfer)
  return {
    drop: () =>
      page.evaluate((dataTransfer) => {
        document.body.dispatchEvent(
          new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer })
        )
      }, transfer)
  }
}

async function dropFiles(page: Page, files: MediaFile[]): Promise<void> {
  await (await dragOver(page, files)).drop()
}

/** Pastes files into the message box as a screenshot tool would put them on the clipboard. */
async function pasteFiles(page: Page, files: MediaFile[]): Promise<boolean> {
  const transfer = await filesInPage(page, files)
  return page.evaluate((clipboardData) => {
    const box = document.querySelector('textarea')!
    box.focus()
    return box.dispatchEvent(
      new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData })
    )
  }, transfer)
}

/** Waits until an <img> has really loaded (not just been put in the page). */
async function expectLoaded(image: Locator): Promise<void> {
  await expect(image).toBeVisible()
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0)
}

type Part = {
  type: string
  text?: string
  image_url?: { url: string }
  video_url?: { url: string; fps?: number }
}

function userContent(provider: FakeProvider, request: number, message = -1): Part[] | string {
  const body = provider.chatRequests()[request].body as {
    messages: Array<{ role: string; content: Part[] | string }>
  }
  const users = body.messages.filter((m) => m.role === 'user')
  return users.at(message)!.content
}

test('drop and paste images and a video, choose the fps, send, and see them again after a restart', async ({
  app,
  provider
}) => {
  const [screenshot, clip, pasted] = await Promise.all([screenshotPng(), testMp4(), pastedPng()])
  const page = await connect(app, provider)
  await pickModel(page, 'doubao-seed-2.0-pro')

  // Mid-drag, the overlay says what a drop will do.
  const drag = await dragOver(page, [screenshot, clip])
  const overlay = page.getByTestId('drop-overlay')
  await expect(overlay).toBeVisible()
  await expect(overlay).toContainText('Drop to attach images, videos or files')
  await expect(overlay).toContainText('(PNG, JPEG, GIF, WebP, BMP, TIFF, ICO, HEIC; MP4, MOV, AVI)')
  await page.screenshot({ path: join(SCREENS, 'drop-overlay.png') })
  await drag.drop()
  await expect(overlay).toBeHidden()

  const tray = page.getByRole('list', { name: 'Attachments to send' })
  await expectLoaded(tray.getByRole('img', { name: 'Preview of screenshot.png' }))
  await expectLoaded(tray.getByRole('img', { name: 'Preview of clip.mp4' }))
  await expect(tray.getByRole('listitem').filter({ hasText: 'screenshot.png' })).toContainText(
    /\d+ KB/
  )

  // A pasted screenshot attaches once; the text box gets no text from it.
  expect(await pasteFiles(page, [pasted])).toBe(false)
  await expectLoaded(tray.getByRole('img', { name: 'Preview of pasted.png' }))
  await expect(tray.getByRole('listitem')).toHaveCount(3)
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveValue('')

  // Removing one leaves the others.
  await tray.getByRole('button', { name: 'Remove pasted.png' }).click()
  await expect(tray.getByRole('listitem')).toHaveCount(2)

  // The fps and what it costs: 2 s at 1 fps is 2 frames, raised to the minimum of 16.
  const video = tray.getByRole('listitem').filter({ hasText: 'clip.mp4' })
  const fps = video.getByRole('spinbutton', { name: 'Frames per second for clip.mp4' })
  await expect(fps).toHaveValue('1')
  await expect(video).toContainText('≈ 16 frames')
  await expect(video).toContainText('raised to the 16-frame minimum')
  await fps.fill('2')
  await expect(fps).toHaveValue('2')
  await page.screenshot({ path: join(SCREENS, 'tray.png') })

  provider.enqueue({ kind: 'reply', content: 'The test pattern has seven colour bars.' })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('What is in the screenshot and the clip?')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' })).toContainText('seven colour bars')
  await expect(tray).toBeHidden()

  // Attachments first, then the question; real formats in the data URLs; the chosen fps.
  const content = userContent(provider, 0) as Part[]
  expect(content.map((part) => part.type)).toEqual(['image_url', 'video_url', 'text'])
  expect(content[0].image_url!.url.startsWith('data:image/png;base64,')).toBe(true)
  expect(content[1].video_url!.url.startsWith('data:video/mp4;base64,')).toBe(true)
  expect(content[1].video_url!.fps).toBe(2)
  expect(content[2].text).toBe('What is in the screenshot and the clip?')

  // The sent message shows its attachments, the video with its length and fps.
  const sent = page.getByRole('article', { name: 'You' })
  await expectLoaded(sent.getByRole('img', { name: 'Preview of screenshot.png' }))
  await expectLoaded(sent.getByRole('img', { name: 'Preview of clip.mp4' }))
  await expect(sent).toContainText('0:02 · 2 fps')
  await page.screenshot({ path: join(SCREENS, 'sent-attachments.png') })

  // And again after a restart, from the history.
  const again = await app.restart()
  await again
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: 'What is in the screenshot and the clip?' })
    .click()
  const restored = again.getByRole('article', { name: 'You' })
  await expectLoaded(restored.getByRole('img', { name: 'Preview of screenshot.png' }))
  await expectLoaded(restored.getByRole('img', { name: 'Preview of clip.mp4' }))
  await expect(restored).toContainText('0:02 · 2 fps')
})

test('files the API would refuse are named with the reason and not attached', async ({
  app,
  provider
}) => {
  const files = await Promise.all([
    solidPng(10, 100, 'tiny.png'),
    solidPng(1, 200, 'sliver.png'),
    Promise.resolve(webmLike('recording.webm')),
    Promise.resolve(noiseAsPng('noise.png'))
  ])
  const page = await connect(app, provider)
  await dropFiles(page, files)

  const alerts = page.getByRole('alert')
  await expect(alerts).toHaveCount(4)
  await expect(alerts.filter({ hasText: 'tiny.png' })).toContainText(
    'The image is 10×100 px; each side must be more than 14 px.'
  )
  await expect(alerts.filter({ hasText: 'sliver.png' })).toContainText(
    'an aspect ratio of 200:1; the API takes at most 150:1.'
  )
  await expect(alerts.filter({ hasText: 'recording.webm' })).toContainText(
    'WebM files are not accepted by the API.'
  )
  await expect(alerts.filter({ hasText: 'noise.png' })).toContainText('Not a format the app knows')
  await expect(page.getByRole('list', { name: 'Attachments to send' })).toBeHidden()
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled()
  await page.screenshot({ path: join(SCREENS, 'refusal.png') })

  await alerts
    .filter({ hasText: 'tiny.png' })
    .getByRole('button', { name: 'Dismiss the note about tiny.png' })
    .click()
  await expect(alerts).toHaveCount(3)
})
