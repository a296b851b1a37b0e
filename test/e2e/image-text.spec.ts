// Images for a model that cannot see them, end to end: a rendered screenshot (English and
// Chinese) dropped for GLM 4.7 is read by the real core (PaddleOCR), labelled "Sent as its text"
// with the text under it, and reaches the fake provider as a text part with no image part; an
// image without text is refused with the reason; the picker corrects what a model accepts.
// Screenshots in both languages go to test-results/screens (the picker's to docs/screenshots).
import { join } from 'node:path'
import type { JSHandle, Page } from '@playwright/test'
import { solidImage } from '../fixtures/attachments/generate'
import { textImage } from '../fixtures/attachments/textImage'
import { expect, modelPicker, pickModel, test } from './fixtures'
import { connectIn } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
/** The picker's correction, as docs/api.md shows it. */
const DOCS = join(__dirname, '../../docs/screenshots')
const GLM = 'glm-4-7-251222'
const LINES = ['Connection timeout ERR 4021', '数据库连接超时']

// Text recognition loads its models on first use (a second or two on this machine).
test.setTimeout(90_000)

/** Drops PNG files on the window, as a file manager would. */
async function dropPngs(page: Page, files: Array<{ name: string; bytes: Buffer }>) {
  const transfer: JSHandle<DataTransfer> = await page.evaluateHandle(
    (files) => {
      const transfer = new DataTransfer()
      for (const file of files) {
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], file.name, { type: 'image/png' }))
      }
      return transfer
    },
    files.map((file) => ({ name: file.name, base64: file.bytes.toString('base64') }))
  )
  await page.evaluate((dataTransfer) => {
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(
        new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer })
      )
    }
  }, transfer)
}

test('GLM 4.7 gets the text of a screenshot, shown as such; an image without text is refused', async ({
  app,
  provider
}) => {
  const page = await connectIn(app, provider, 'en')
  await pickModel(page, GLM)
  await dropPngs(page, [{ name: 'error.png', bytes: await textImage(LINES) }])
  const tray = page.getByRole('list', { name: 'Attachments to send' })
  const label = tray.getByText('Sent as its text')
  await expect(label).toBeVisible()
  await label.click()
  await expect(tray.locator('.as-text-body')).toHaveText(LINES.join('\n'))
  await page.screenshot({ path: join(SCREENS, 'image-as-text-tray.en.png') })

  provider.enqueue({ kind: 'reply', content: 'The database connection timed out.' })
  await page.locator('.composer-input').fill('What went wrong?')
  await page.locator('.composer-input').press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' })).toContainText('timed out')
  const body = provider.chatRequests()[0].body as { messages: Array<{ content: unknown }> }
  expect(body.messages.at(-1)!.content).toEqual([
    { type: 'text', text: `[Text in image “error.png”]\n${LINES.join('\n')}` },
    { type: 'text', text: 'What went wrong?' }
  ])
  expect(JSON.stringify(body)).not.toMatch(/image_url|data:image/)
  const question = page.getByRole('article', { name: 'You' })
  await expect(question.getByText('Sent as its text')).toBeVisible()
  await expect(question.locator('.message-bubble')).toHaveText('What went wrong?')
  await page.screenshot({ path: join(SCREENS, 'image-as-text-sent.en.png') })

  await dropPngs(page, [{ name: 'blank.png', bytes: await solidImage(400, 300) }])
  const refusal = page.getByRole('alert').filter({ hasText: 'blank.png' })
  await expect(refusal).toContainText(
    'No text was found in blank.png, and GLM 4.7 cannot see images. Switch to a model that can, or remove the image.'
  )
  await expect(
    refusal.getByRole('button', { name: 'Switch to Doubao Seed 2.0 Pro and attach' })
  ).toBeVisible()
})

for (const language of ['en', 'zh-CN'] as const) {
  test(`the picker corrects what a model accepts, and resets it (${language})`, async ({
    app,
    provider
  }) => {
    const page = await connectIn(app, provider, language)
    const zh = language === 'zh-CN'
    await pickModel(page, GLM)
    await dropPngs(page, [{ name: 'error.png', bytes: await textImage(LINES) }])
    const asText = zh ? '以图中文字发送' : 'Sent as its text'
    await expect(page.locator('.tray').getByText(asText)).toBeVisible()

    await modelPicker(page).click()
    const box = page.getByRole('group', {
      name: zh ? 'GLM 4.7 支持的输入' : 'What GLM 4.7 accepts'
    })
    const images = box.getByRole('checkbox', { name: zh ? '图片' : 'Images' })
    await expect(images).not.toBeChecked()
    // Keyboard: from the filter field, Tab to the box, Space to tick it.
    await page.keyboard.press('Tab')
    await expect(images).toBeFocused()
    await page.keyboard.press('Space')
    await expect(images).toBeChecked()
    const reset = box.getByRole('button', { name: zh ? '恢复默认' : 'Reset to default' })
    await expect(reset).toBeVisible()
    expect((await app.core.handlers.getSettings(undefined)).modelCapabilities).toEqual({
      [GLM]: { image: true }
    })
    // Corrected to see: the image is an image again.
    await expect(page.locator('.tray').getByText(asText)).toBeHidden()
    await page.screenshot({ path: join(DOCS, `model-correction.${language}.png`) })

    await reset.click()
    await expect(images).not.toBeChecked()
    await expect(reset).toBeHidden()
    expect((await app.core.handlers.getSettings(undefined)).modelCapabilities).toEqual({})
    // The button goes with the correction; the focus goes to the first box, not the page.
    await expect(images).toBeFocused()
    await page.keyboard.press('Escape')
    await expect(page.locator('.model-popover')).toBeHidden()
    await expect(modelPicker(page)).toBeFocused()
    await expect(page.locator('.tray').getByText(asText)).toBeVisible()
    await page.locator('.tray').getByText(asText).click()
    await page.screenshot({ path: join(SCREENS, `image-as-text-tray.${language}.png`) })
  })
}
