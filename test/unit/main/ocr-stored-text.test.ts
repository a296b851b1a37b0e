// The stand-in reader of a stored image's text: real PaddleOCR on a rendered screenshot, once per
// image; a missing file reads as no text.
import { describe, expect, it, vi } from 'vitest'
import { storedImageText } from '../../../src/main/ocr/storedText'
import { textImage } from '../../fixtures/attachments/textImage'

vi.setConfig({ testTimeout: 60_000 })

describe('storedImageText', () => {
  it('reads an image once, and a missing one as no text', async () => {
    const png = await textImage(['Connection timeout ERR 4021', '数据库连接超时'])
    const readOriginal = vi.fn(async (sha256: string) => (sha256 === 'a' ? png : null))
    const read = storedImageText(readOriginal)
    expect(await read('a')).toBe('Connection timeout ERR 4021\n数据库连接超时')
    expect(await read('a')).toBe('Connection timeout ERR 4021\n数据库连接超时')
    expect(readOriginal).toHaveBeenCalledTimes(1)
    expect(await read('gone')).toBe('')
  })
})
