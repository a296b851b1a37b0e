import { describe, expect, it } from 'vitest'
import {
  documentSections,
  formatPageRanges,
  parsePageRanges,
  textOfPages
} from '../../../src/shared/attachments/documentPages'

// The text extract.ts writes for a PDF: each page after its `[Page N]` line, blank-line apart.
const pdfText = (pages: string[]) => pages.map((p, i) => `[Page ${i + 1}]\n${p}`).join('\n\n')

describe('documentSections', () => {
  it('splits a PDF text at its page markers, keeping each page whole', () => {
    const text = pdfText(['One\n\nstill one', 'Two [Page 3] inline', 'Three'])
    expect(documentSections(text, 3)).toEqual([
      { page: 1, text: 'One\n\nstill one' },
      { page: 2, text: 'Two [Page 3] inline' },
      { page: 3, text: 'Three' }
    ])
  })

  it('gives a document without pages, or with markers missing, as one section', () => {
    expect(documentSections('plain', null)).toEqual([{ page: null, text: 'plain' }])
    expect(documentSections('[Page 1]\nA', 2)).toEqual([{ page: null, text: '[Page 1]\nA' }])
  })

  it('puts chosen pages back in the sent form', () => {
    const text = pdfText(['A', 'B', 'C', 'D'])
    const sections = documentSections(text, 4)
    expect(textOfPages(sections, [1, 2, 3, 4])).toBe(text)
    expect(textOfPages(sections, [2, 4])).toBe('[Page 2]\nB\n\n[Page 4]\nD')
  })
})

describe('page ranges', () => {
  it('reads ranges and single pages, sorted and once each', () => {
    expect(parsePageRanges('1-5, 9', 120)).toEqual([1, 2, 3, 4, 5, 9])
    expect(parsePageRanges(' 9，3 - 4 , 3 ', 10)).toEqual([3, 4, 9])
  })

  it('refuses what is not a selection of existing pages', () => {
    for (const input of ['', ' , ', '0', '3-2', '1-11', 'a', '1-', '2.5']) {
      expect(parsePageRanges(input, 10)).toBeNull()
    }
  })

  it('writes a selection compactly', () => {
    expect(formatPageRanges([1, 2, 3, 5, 9, 10])).toBe('1-3, 5, 9-10')
    expect(formatPageRanges([7])).toBe('7')
  })
})
