// PDF pages without a text layer (scans): drawn in the PDF worker (@napi-rs/canvas) and read by
// the screenshot OCR, or, without it, marked `[page N: no text layer]`. The fixtures are printed
// by Chromium: a page of text, and a page showing only a PNG of text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/main/attachments/documents/extract'
import { RecognitionWorker } from '../../../src/main/ocr/worker'
import { documentSections } from '../../../src/shared/attachments/documentPages'
import { printPdfWithImages } from '../../fixtures/documents/generate'

let mixed: Buffer
let scanned: Buffer
const recognizer = new RecognitionWorker()
const recognize = async (png: Uint8Array) =>
  (await recognizer.recognize(png)).map((line) => line.text).join('\n')

beforeAll(async () => {
  mixed = await printPdfWithImages([
    'Page one has a text layer.',
    { image: 'Walrus budget approved' }
  ])
  scanned = await printPdfWithImages([{ image: 'Zebrafish report' }])
}, 60_000)
afterAll(() => recognizer.close())

describe('PDF pages without a text layer', () => {
  it('are marked as such when they cannot be read, and a scan alone is refused', async () => {
    const result = await extractDocument('mixed.pdf', mixed)
    expect(result).toMatchObject({ ok: true, value: { pages: 2 } })
    if (!result.ok) return
    expect(documentSections(result.value.text, 2)).toEqual([
      { page: 1, text: 'Page one has a text layer.' },
      { page: 2, text: '[page 2: no text layer]' }
    ])
    expect(await extractDocument('scan.pdf', scanned)).toMatchObject({
      ok: false,
      error: { code: 'document_no_text' }
    })
  })

  it('are drawn and read by the screenshot OCR', async () => {
    const result = await extractDocument('mixed.pdf', mixed, { recognize })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const [first, second] = documentSections(result.value.text, 2)
    expect(first.text).toBe('Page one has a text layer.')
    expect(second.text.toLowerCase()).toContain('walrus')
    expect(second.text).not.toContain('no text layer')
    const scan = await extractDocument('scan.pdf', scanned, { recognize })
    expect(scan.ok && scan.value.text.toLowerCase()).toContain('zebrafish')
  }, 120_000)
})
