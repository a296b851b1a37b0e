// A document's text, whatever it came as: PDF (its text layer, in a worker), or plain text of any
// kind and encoding (HTML as Markdown). Limits are stated and enforced: bytes before reading,
// pages and time while reading; a refusal names its reason and the file.
import {
  accept,
  megabytes,
  refuse,
  type AttachmentResult
} from '../../../shared/attachments/refusals'
import {
  documentSections,
  fileTag,
  partialPages,
  textOfPages
} from '../../../shared/attachments/documentPages'
import { estimateTextTokens } from '../../../shared/tokenEstimate'
import { extractInWorker } from './pdf'
import { extensionOf, textKindOf } from './text'

/** The largest document read, in bytes. */
export const MAX_DOCUMENT_BYTES = 50_000_000
/** The most pages a PDF may have. */
export const MAX_DOCUMENT_PAGES = 2000
/** How long reading one document may take. */
export const DOCUMENT_TIMEOUT_MS = 60_000
/** How many pages without a text layer are read by text recognition (each takes 1–3 s). */
export const MAX_RECOGNIZED_PAGES = 20

/** Reads the text in an image (a drawn page): the screenshot OCR; its lines joined. */
export type RecognizePage = (png: Uint8Array) => Promise<string>

/** What extraction may take, and how pages without a text layer are read. */
export interface ExtractLimits {
  maxPages?: number
  timeoutMs?: number
  /** Without it a page without a text layer is marked `[page N: no text layer]`. */
  recognize?: RecognizePage
}

export type DocumentFormat = 'pdf' | 'docx' | 'text' | 'html'

/** A document's extracted text; `pages` for paged formats (PDF). */
export interface ExtractedDocument {
  format: DocumentFormat
  text: string
  pages: number | null
  /** A text file's encoding as it was read ('utf-8', 'gb18030', 'utf-16le' ...); not stored. */
  encoding?: string
}

/** Whether a file is read as a document: by its first bytes (PDF) or its name (text files). */
export function isDocument(name: string, head: Uint8Array): boolean {
  return isPdf(head) || extensionOf(name) === 'docx' || textKindOf(name) !== null
}

const startsWithBytes = (head: Uint8Array, signature: readonly number[]): boolean =>
  head.length >= signature.length && signature.every((b, i) => head[i] === b)
/** A ZIP archive (DOCX is one). */
const isZip = (head: Uint8Array): boolean => startsWithBytes(head, [0x50, 0x4b, 0x03, 0x04])
/** An OLE compound file: an encrypted DOCX, or a Word 97–2003 .doc. */
const isOle = (head: Uint8Array): boolean =>
  startsWithBytes(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])

const isPdf = (head: Uint8Array): boolean =>
  head.length >= 5 && Buffer.from(head.subarray(0, 5)).toString('latin1') === '%PDF-'

/** Extracts a document's text; refuses what is too large, broken, locked or without text. */
export async function extractDocument(
  name: string,
  bytes: Uint8Array,
  limits: ExtractLimits = {}
): Promise<AttachmentResult<ExtractedDocument>> {
  if (bytes.length > MAX_DOCUMENT_BYTES) {
    return refuse(
      'document_too_large',
      `“${name}” is ${megabytes(bytes.length)}; documents can be at most ${megabytes(MAX_DOCUMENT_BYTES)}.`,
      { name, reason: `${megabytes(bytes.length)} > ${megabytes(MAX_DOCUMENT_BYTES)}` }
    )
  }
  if (isPdf(bytes)) return extractPdf(name, bytes, limits)
  if (extensionOf(name) === 'docx') return extractDocx(name, bytes, limits)
  const kind = textKindOf(name)
  const timeoutMs = limits.timeoutMs ?? DOCUMENT_TIMEOUT_MS
  // Decoded in the worker: a large file never holds the main thread.
  const decoded = kind ? await extractInWorker(kind, bytes, { maxPages: 1, timeoutMs }) : null
  if (decoded && !decoded.ok && decoded.reason === 'timeout') return tooSlow(name, timeoutMs)
  if (!kind || !decoded?.ok) {
    return refuse('document_unreadable', `“${name}” is not a text file the app can read.`, {
      name,
      reason: 'not text'
    })
  }
  const text = decoded.pages.join('')
  if (!/\S/.test(text)) return noText(name)
  return accept({
    format: kind === 'html' ? 'html' : 'text',
    text,
    pages: null,
    ...(decoded.encoding ? { encoding: decoded.encoding } : {})
  })
}

function tooSlow(name: string, timeoutMs: number): AttachmentResult<never> {
  return refuse(
    'document_too_large',
    `Reading “${name}” took longer than ${timeoutMs / 1000} s and was stopped.`,
    { name, reason: `over ${timeoutMs / 1000} s` }
  )
}

async function extractDocx(
  name: string,
  bytes: Uint8Array,
  limits: { timeoutMs?: number }
): Promise<AttachmentResult<ExtractedDocument>> {
  if (isOle(bytes)) {
    return refuse(
      'document_unreadable',
      `“${name}” is password-protected or a Word 97–2003 document; save it as an unprotected .docx.`,
      { name, reason: 'password-protected or old Word format' }
    )
  }
  if (!isZip(bytes)) {
    return refuse('document_unreadable', `“${name}” is not a Word (.docx) document.`, {
      name,
      reason: 'not a .docx file'
    })
  }
  const timeoutMs = limits.timeoutMs ?? DOCUMENT_TIMEOUT_MS
  const result = await extractInWorker('docx', bytes, { maxPages: 1, timeoutMs })
  if (!result.ok) {
    return result.reason === 'timeout'
      ? refuse(
          'document_too_large',
          `Reading “${name}” took longer than ${timeoutMs / 1000} s and was stopped.`,
          { name, reason: `over ${timeoutMs / 1000} s` }
        )
      : refuse(
          'document_unreadable',
          `“${name}” is not a readable Word document: ${result.detail}`,
          {
            name,
            reason: 'damaged .docx'
          }
        )
  }
  const text = result.pages.join('')
  if (text === '') return noText(name)
  return accept({ format: 'docx', text, pages: null })
}

async function extractPdf(
  name: string,
  bytes: Uint8Array,
  limits: ExtractLimits
): Promise<AttachmentResult<ExtractedDocument>> {
  const maxPages = limits.maxPages ?? MAX_DOCUMENT_PAGES
  const timeoutMs = limits.timeoutMs ?? DOCUMENT_TIMEOUT_MS
  const result = await extractInWorker('pdf', bytes, {
    maxPages,
    timeoutMs,
    renderPages: limits.recognize ? MAX_RECOGNIZED_PAGES : 0
  })
  if (!result.ok) {
    switch (result.reason) {
      case 'password':
        return refuse('document_unreadable', `“${name}” is protected by a password.`, {
          name,
          reason: 'password-protected'
        })
      case 'too_many_pages':
        return refuse(
          'document_too_large',
          `“${name}” has ${result.detail} pages; PDFs can have at most ${maxPages}.`,
          { name, reason: `${result.detail} pages > ${maxPages}` }
        )
      case 'timeout':
        return refuse(
          'document_too_large',
          `Reading “${name}” took longer than ${timeoutMs / 1000} s and was stopped.`,
          { name, reason: `over ${timeoutMs / 1000} s` }
        )
      default:
        return refuse('document_unreadable', `“${name}” is not a readable PDF: ${result.detail}`, {
          name,
          reason: 'damaged PDF'
        })
    }
  }
  const pages = result.pages.map((page) => cleanPdfText(page).trim())
  // Pages without a text layer that were drawn: read by the screenshot OCR.
  for (const { page, png } of limits.recognize ? (result.rendered ?? []) : []) {
    try {
      pages[page - 1] = (await limits.recognize!(png)).trim()
    } catch {
      // Recognition unavailable or failed: the page stays marked as without text.
    }
  }
  if (pages.every((page) => page === '')) return noText(name)
  // Pages are numbered in the text, so the model (and a preview) can refer to them.
  const text = pages
    .map((page, i) => `[Page ${i + 1}]\n${page || `[page ${i + 1}: no text layer]`}`)
    .join('\n\n')
  return accept({ format: 'pdf', text, pages: pages.length })
}

// PDF fonts often map CJK characters to radical forms: Kangxi radicals and compatibility
// ideographs (⼊ for 入; NFKC maps these), and CJK radical supplement forms (⻚ for 页; Unicode's
// EquivalentUnifiedIdeograph.txt maps these, NFKC does not). Both are read as the ordinary characters.
const RADICALS =
  '⺁⺄⺅⺆⺇⺌⺍⺕⺜⺝⺟⺠⺣⺤⺦⺧⺨⺩⺪⺫⺮⺳⺶⺷⺹⺼⺽⺾⻁⻂⻃⻄⻅⻆⻈⻉⻊⻋⻌⻏⻐⻑⻒⻓⻔⻖⻗⻘⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻲⻳'
const UNIFIED =
  '厂乙亻冂几小小彐日月母民灬爫丬牛犭王疋目竹网羊羊老月臼艹虎衤西西见角讠贝足车辶阝钅長镸长门阝雨青页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙亀龟'
const COMPATIBILITY = /[\u2e80-\u2fdf\uf900-\ufaff]/g
function cleanPdfText(text: string): string {
  return text.replace(COMPATIBILITY, (c) => {
    const at = RADICALS.indexOf(c)
    return at >= 0 ? UNIFIED[at] : c.normalize('NFKC')
  })
}

function noText(name: string): AttachmentResult<never> {
  return refuse('document_no_text', `No text was found in “${name}”.`, { name })
}

/**
 * The text part standing for a document: its name (and pages) around its text. With `chosen`
 * pages (a PDF sent in part), only those pages' text, and the attribute says which of how many:
 * `pages="1-5 of 120"`.
 */
export function documentPartText(
  name: string,
  document: { text: string; pages: number | null },
  chosen?: readonly number[] | null
): string {
  if (chosen && document.pages !== null) {
    const text = textOfPages(documentSections(document.text, document.pages), chosen)
    return `${fileTag(name, partialPages(chosen, document.pages))}\n${text}\n</file>`
  }
  const pages = document.pages === null ? null : String(document.pages)
  return `${fileTag(name, pages)}\n${document.text}\n</file>`
}

/**
 * Estimated tokens of each page of a PDF's text part (its `[Page N]` line and the blank line
 * before it included); null for documents without pages. Summed over chosen pages with the
 * part's frame, they bound the part's estimate from above (each piece is rounded up).
 */
export function pageTokensOf(document: { text: string; pages: number | null }): number[] | null {
  if (document.pages === null) return null
  const sections = documentSections(document.text, document.pages)
  if (sections.length !== document.pages) return null
  return sections.map((section) =>
    estimateTextTokens(`\n\n[Page ${section.page}]\n${section.text}`)
  )
}
