import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/main/attachments/documents/extract'
import { textKindOf } from '../../../src/main/attachments/documents/text'

// Text files are decoded in the document worker, as the app reads them.
async function decodeText(bytes: Buffer): Promise<{ text: string; encoding?: string } | null> {
  const result = await extractDocument('notes.txt', bytes)
  return result.ok ? { text: result.value.text, encoding: result.value.encoding } : null
}
async function htmlToMarkdown(html: string): Promise<string | null> {
  const result = await extractDocument('page.html', Buffer.from(html))
  return result.ok ? result.value.text : null
}

const ZH =
  '季度报告：营业收入增长百分之十二，净利润为三千万元。合同编号甲乙丙，这是简体中文写的文件。'
const EN = 'Quarterly report: revenue grew by twelve percent; the contract number is ABC-42.'

describe('decoding text files', () => {
  it.each([
    ['gbk', ZH, 'gb18030'],
    ['gb18030', `${ZH}𠀀`, 'gb18030'],
    ['utf-8', ZH, 'utf-8'],
    ['utf-16le', ZH, 'utf-16le'],
    ['utf-16be', ZH, 'utf-16be'],
    ['utf-16le', EN, 'utf-16le'],
    ['utf-16be', EN, 'utf-16be']
  ])('reads %s without a byte-order mark', async (encoding, text, detected) => {
    const result = await decodeText(iconv.encode(text, encoding))
    expect(result).toEqual({ text, encoding: detected })
  })

  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]]
  ])('reads %s with a byte-order mark, the mark dropped', async (encoding, mark) => {
    const bytes = Buffer.concat([Buffer.from(mark), iconv.encode(`${EN}\n${ZH}`, encoding)])
    expect(await decodeText(bytes)).toEqual({ text: `${EN}\n${ZH}`, encoding })
  })

  it('refuses binary bytes', async () => {
    expect(
      await decodeText(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0xff, 0, 0, 9]))
    ).toBeNull()
  })

  it('reads Latin-1 text that is not UTF-8', async () => {
    const text = 'Café crème brûlée, naïve façade, déjà vu. Ça coûte très cher à Noël.'
    expect((await decodeText(iconv.encode(text, 'latin1')))?.text).toBe(text)
  })
})

describe('kinds of text files', () => {
  it.each([
    ['notes.TXT', 'plain'],
    ['data.csv', 'plain'],
    ['table.tsv', 'plain'],
    ['conf.yaml', 'plain'],
    ['conf.yml', 'plain'],
    ['a.json', 'plain'],
    ['feed.xml', 'plain'],
    ['server.log', 'plain'],
    ['main.rs', 'plain'],
    ['App.tsx', 'plain'],
    ['Makefile', 'plain'],
    ['page.html', 'html'],
    ['page.htm', 'html'],
    ['photo.png', null],
    ['report.pdf', null],
    ['archive.zip', null]
  ])('%s is %s', (name, kind) => {
    expect(textKindOf(name)).toBe(kind)
  })
})

describe('HTML as Markdown', () => {
  it('keeps headings, emphasis, links and lists, drops scripts and styles', async () => {
    const html =
      '<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>' +
      '<h1>Title</h1><p>Hello <b>world</b> <a href="https://example.com">link</a></p>' +
      '<ul><li>first</li><li>second</li></ul></body></html>'
    expect(await htmlToMarkdown(html)).toBe(
      '# Title\n\nHello **world** [link](https://example.com)\n\n*   first\n*   second'
    )
  })
})
