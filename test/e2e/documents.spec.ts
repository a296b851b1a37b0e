// Documents end to end: a PDF printed by Chromium and a GBK text file picked in the composer,
// their chips with pages and token estimates, the text parts the fake provider receives, and a
// damaged PDF refused with its reason, in English and Chinese. Screenshots go to
// test-results/screens.
import { join } from 'node:path'
import { encodedText, printPdf } from '../fixtures/documents/generate'
import { expect, test } from './fixtures'
import { connectIn } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const GBK = '会议纪要：第三季度预算审批通过。关键词：蓝鲸计划。'

test.setTimeout(90_000)

for (const language of ['en', 'zh-CN'] as const) {
  test(`picked files show their pages and tokens and go as text parts (${language})`, async ({
    app,
    provider
  }) => {
    const page = await connectIn(app, provider, language)
    const pdf = await printPdf([['Annual report', 'The zebrafish division grew.'], ['第二页']])
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'gbk.txt', mimeType: 'text/plain', buffer: encodedText(GBK, 'gbk') },
      { name: 'broken.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7 no') }
    ])
    const tray = page.locator('.tray')
    await expect(tray.locator('.tray-item')).toHaveCount(2)
    const chip = tray.locator('.tray-item', { hasText: 'report.pdf' })
    await expect(chip).toContainText(language === 'en' ? '2 pages · ≈' : '2 页 · 约')
    await expect(tray.locator('.tray-item', { hasText: 'gbk.txt' })).toContainText(
      language === 'en' ? 'tokens' : 'token'
    )
    await expect(page.getByRole('alert').filter({ hasText: 'broken.pdf' })).toContainText(
      language === 'en'
        ? 'The file could not be read: the PDF is damaged.'
        : '无法读取这个文件：PDF 文件已损坏。'
    )
    await page.screenshot({ path: join(SCREENS, `documents-tray-${language}.png`) })

    await page.locator('.composer-input').fill('Summarise')
    await page.locator('.composer-input').press('Enter')
    await expect(page.locator('article.message-assistant')).toHaveCount(1)
    await expect.poll(() => provider.chatRequests().length).toBe(1)
    const content = provider.chatRequests()[0].body.messages[0].content
    expect(content.map((part: { text: string }) => part.text.split('\n')[0])).toEqual([
      '<file name="report.pdf" pages="2">',
      '<file name="gbk.txt">',
      'Summarise'
    ])
    expect(content[1].text).toBe(`<file name="gbk.txt">\n${GBK}\n</file>`)
    await page.screenshot({ path: join(SCREENS, `documents-sent-${language}.png`) })
  })
}
