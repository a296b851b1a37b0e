// A PDF that does not fit the model: the composer offers its first N pages (N computed to fit)
// or the pages typed, never cutting it on its own; the part sent names the pages
// (`pages="1-N of 200"`, checked in the fake provider's recorded body); in English and Chinese.
// Screenshots go to test-results/screens.
import { join } from 'node:path'
import { printPdf } from '../fixtures/documents/generate'
import { seriousAxeFindings } from './axe'
import { expect, test } from './fixtures'
import { connectIn } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const PAGES = 200
// About 1,400 tokens a page (one per CJK character): 200 pages pass Seed 2.0 Pro's 256K.
const pageText = (n: number) => `第${n}页。${'会议纪要预算审批通过蓝鲸计划'.repeat(100)}`

let pdf: Buffer
test.beforeAll(async () => {
  pdf = await printPdf(Array.from({ length: PAGES }, (_, i) => [pageText(i + 1)]))
})

test.setTimeout(120_000)

for (const language of ['en', 'zh-CN'] as const) {
  test(`a PDF too long for the model is offered in part (${language})`, async ({
    app,
    provider
  }) => {
    const page = await connectIn(app, provider, language)
    const en = language === 'en'
    await page
      .locator('input[type="file"]')
      .setInputFiles([{ name: 'big.pdf', mimeType: 'application/pdf', buffer: pdf }])
    const chip = page.locator('.tray .tray-item', { hasText: 'big.pdf' })
    await expect(chip).toContainText(en ? `${PAGES} pages · ≈` : `${PAGES} 页 · 约`)
    const offer = page.locator('.pages-offer')
    await expect(offer).toContainText(en ? 'does not fit' : '放不下')
    const first = offer.getByRole('button', {
      name: en ? /^Send the first \d+ pages$/ : /^发送前 \d+ 页$/
    })
    const fit = Number((await first.textContent())?.match(/\d+/)?.[0])
    expect(fit).toBeGreaterThan(100)
    expect(fit).toBeLessThan(PAGES)
    await page.screenshot({ path: join(SCREENS, `document-pages-offer-${language}.png`) })
    expect(await seriousAxeFindings(page)).toEqual([])

    // Typed pages: checked, then chosen; the chip says which, and can go back to all.
    const input = offer.getByRole('textbox', {
      name: en ? 'Pages of big.pdf to send' : '要发送的 big.pdf 页码'
    })
    await input.fill('0-3')
    await input.press('Enter')
    await expect(offer.getByRole('alert')).toHaveText(
      en
        ? `Write pages between 1 and ${PAGES}, like 1-5, 9.`
        : `请填写 1 到 ${PAGES} 之间的页码，例如 1-5, 9。`
    )
    await input.fill(`1-${PAGES}`)
    await input.press('Enter')
    await expect(offer.getByRole('alert')).toContainText(en ? 'at most' : '最多能放')
    await input.fill('3-1')
    await input.fill('1-3, 9')
    await input.press('Enter')
    await expect(offer).toHaveCount(0)
    await expect(chip).toContainText(
      en ? `Pages 1-3, 9 of ${PAGES} · ≈` : `第 1-3, 9 页（共 ${PAGES} 页）`
    )
    expect(provider.chatRequests()).toHaveLength(0)
    await page.screenshot({ path: join(SCREENS, `document-pages-chosen-${language}.png`) })
    await chip
      .getByRole('button', { name: en ? 'Send all pages of big.pdf' : '发送 big.pdf 的全部页面' })
      .click()
    await expect(offer).toHaveCount(1)

    await first.click()
    await expect(offer).toHaveCount(0)
    await expect(chip).toContainText(
      en ? `Pages 1-${fit} of ${PAGES}` : `第 1-${fit} 页（共 ${PAGES} 页）`
    )
    await page.locator('.composer-input').fill('Summarise')
    await page.locator('.composer-input').press('Enter')
    await expect(page.locator('article.message-assistant')).toHaveCount(1)
    await expect.poll(() => provider.chatRequests().length).toBe(1)
    const [part, question] = provider.chatRequests()[0].body.messages[0].content
    expect(part.text.split('\n')[0]).toBe(`<file name="big.pdf" pages="1-${fit} of ${PAGES}">`)
    // Page N's whole text, as printed (in lines), is the part's last.
    const last = part.text.slice(part.text.indexOf(`[Page ${fit}]\n`))
    expect(last.replace(/\n/g, '')).toBe(`[Page ${fit}]${pageText(fit)}</file>`)
    expect(part.text).not.toContain(`[Page ${fit + 1}]`)
    expect(question).toEqual({ type: 'text', text: 'Summarise' })
    await expect(page.locator('.message-attachments')).toContainText(
      en ? `Pages 1-${fit}` : `第 1-${fit} 页`
    )
  })
}
