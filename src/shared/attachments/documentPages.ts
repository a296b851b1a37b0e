// A document's pages, read back from its stored text: a PDF's text numbers each page with a line
// `[Page N]` (attachments/documents/extract.ts writes it, and the model sees it), so the page
// boundaries need no column of their own. Other documents are one section without a number.
// Also what a PDF sent in part costs, so the composer can offer the pages that fit.
import { estimateTextTokens } from '../tokenEstimate'

/** One page of a document's text (number null: a document without pages). */
export interface DocumentSection {
  page: number | null
  text: string
}

const marker = (page: number): string => `[Page ${page}]\n`

/**
 * The sections of a document's text: for `pages` pages, each page's text (found by its marker,
 * in order); otherwise, or when the markers are not all there, the whole text as one section.
 */
export function documentSections(text: string, pages: number | null): DocumentSection[] {
  if (pages === null || pages < 1 || !text.startsWith(marker(1))) return [{ page: null, text }]
  const sections: DocumentSection[] = []
  let start = marker(1).length
  for (let page = 1; page <= pages; page++) {
    const next = page < pages ? text.indexOf(`\n\n${marker(page + 1)}`, start) : text.length
    if (next < 0) return [{ page: null, text }]
    sections.push({ page, text: text.slice(start, next) })
    start = next + 2 + (page < pages ? marker(page + 1).length : 0)
  }
  return sections
}

/** The text of only `chosen` pages (ascending, 1-based), their markers kept. */
export function textOfPages(
  sections: readonly DocumentSection[],
  chosen: readonly number[]
): string {
  const wanted = new Set(chosen)
  return sections
    .filter((section) => section.page !== null && wanted.has(section.page))
    .map((section) => `${marker(section.page ?? 0)}${section.text}`)
    .join('\n\n')
}

/**
 * Reads a page selection like `1-5, 9` for a document of `total` pages: the pages ascending,
 * each once; null when it is not one (bad syntax, page 0, past the end, nothing chosen).
 */
export function parsePageRanges(input: string, total: number): number[] | null {
  const chosen = new Set<number>()
  const pieces = input.split(/[,，]/).map((piece) => piece.trim())
  if (pieces.every((piece) => piece === '')) return null
  for (const piece of pieces) {
    if (piece === '') continue
    const match = /^(\d+)\s*(?:[-–~]\s*(\d+))?$/.exec(piece)
    if (!match) return null
    const from = Number(match[1])
    const to = match[2] === undefined ? from : Number(match[2])
    if (from < 1 || to < from || to > total) return null
    for (let page = from; page <= to; page++) chosen.add(page)
  }
  return [...chosen].sort((a, b) => a - b)
}

/** A selection written back compactly: [1,2,3,5,9,10] → `1-3, 5, 9-10`. */
export function formatPageRanges(pages: readonly number[]): string {
  const ranges: string[] = []
  let i = 0
  while (i < pages.length) {
    let j = i
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++
    ranges.push(i === j ? `${pages[i]}` : `${pages[i]}-${pages[j]}`)
    i = j + 1
  }
  return ranges.join(', ')
}

/** A stored document's text as the preview shows it: page by page for a PDF. */
export interface DocumentPreview {
  format: 'pdf' | 'docx' | 'text' | 'html'
  /** Its page count (PDF); null for documents without pages. */
  pages: number | null
  sections: DocumentSection[]
}

/** The opening tag of a document's text part: `<file name="…" pages="…">`. */
export function fileTag(name: string, pages: string | null): string {
  const escaped = name.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return `<file name="${escaped}"${pages === null ? '' : ` pages="${pages}"`}>`
}

/** The `pages` attribute of a PDF sent in part: `1-5, 9 of 120`. */
export const partialPages = (chosen: readonly number[], total: number): string =>
  `${formatPageRanges(chosen)} of ${total}`

/**
 * Estimated tokens of a PDF's text part with only `chosen` pages, from each page's estimate
 * (main measures them at attach time): at least what main will count for it.
 */
export function chosenPagesTokens(
  name: string,
  total: number,
  pageTokens: readonly number[],
  chosen: readonly number[]
): number {
  const frame = estimateTextTokens(`${fileTag(name, partialPages(chosen, total))}\n\n</file>`)
  return chosen.reduce((sum, page) => sum + (pageTokens[page - 1] ?? 0), frame)
}

/** How many first pages of a PDF fit in `budget` tokens (0: not even the first). */
export function firstPagesThatFit(
  name: string,
  pageTokens: readonly number[],
  budget: number
): number {
  let fit = 0
  for (let n = 1; n <= pageTokens.length; n++) {
    const pages = Array.from({ length: n }, (_, i) => i + 1)
    if (chosenPagesTokens(name, pageTokens.length, pageTokens, pages) > budget) break
    fit = n
  }
  return fit
}
