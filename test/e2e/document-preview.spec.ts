// A document's preview: its chip in the composer and in the sent message opens the extracted
// text, a PDF page by page with the page numbers, a text file as one section; in English and
// Chinese. Screenshots go to test-results/screens.
import { join } from 'node:path'
import { printPdf } from '../fixtures/documents/generate'
import { seriousAxeFindings } from './axe'
import { expect, test } from './fixtures'
import { connectIn } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')

test.setTimeout(90_000)

for (const language of ['en', 'zh-CN'] as const) {
  test(`a document's chip opens its text with page numbers (${language})`, async ({
    app,
    provider
  }) => {
    const page = await connectIn(app, provider, language)
    const pdf = await printPdf([
      ['Annual report', 'The zebrafish division grew.'],
      ['第二页：预算审批通过。'],
      ['Appendix: the walrus figures.']
    ])
    await page.locator('input[type="file"]').setInputFiles([
      { name: 'report.pdf', mimeType: 'application/pdf', buffer: pdf },
      {
        name: 'notes.md',
        mimeType: 'text/markdown',
        buffer: Buffer.from('# Notes\nOnly one part.')
      }
    ])
    await expect(page.locator('.tray .tray-item')).toHaveCount(2)
    const label = (name: string) => (language === 'en' ? `Preview ${name}` : `预览 ${name}`)
    const pageName = (n: number) => (language === 'en' ? `Page ${n}` : `第 ${n} 页`)

    await page.getByRole('button', { name: label('report.pdf') }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('heading', { level: 2 })).toContainText('report.pdf')
    await expect(dialog).toContainText(language === 'en' ? '3 pages' : '共 3 页')
    const sections = dialog.getByTestId('document-section')
    await expect(sections).toHaveCount(3)
    await expect(sections.nth(0).getByRole('heading')).toHaveText(pageName(1))
    await expect(sections.nth(0)).toContainText('The zebrafish division grew.')
    await expect(sections.nth(0)).not.toContainText('walrus')
    await expect(dialog.getByRole('region', { name: pageName(2) })).toContainText('预算审批通过')
    await expect(sections.nth(2)).toContainText('walrus')
    await expect(dialog).not.toContainText('[Page')
    await page.screenshot({ path: join(SCREENS, `document-preview-${language}.png`) })
    expect(await seriousAxeFindings(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)

    await page.getByRole('button', { name: label('notes.md') }).click()
    await expect(sections).toHaveCount(1)
    await expect(sections.getByRole('heading')).toHaveCount(0)
    await expect(sections).toHaveText('# Notes\nOnly one part.')
    await dialog.getByRole('button', { name: language === 'en' ? 'Close' : '关闭' }).click()
    await expect(dialog).toHaveCount(0)

    await page.locator('.composer-input').fill('Summarise')
    await page.locator('.composer-input').press('Enter')
    await expect(page.locator('article.message-assistant')).toHaveCount(1)
    await page
      .locator('.message-attachments')
      .getByRole('button', { name: label('report.pdf') })
      .click()
    await expect(sections).toHaveCount(3)
    await expect(sections.nth(1).getByRole('heading')).toHaveText(pageName(2))
  })
}
