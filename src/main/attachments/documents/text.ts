// Plain-text files of every kind, decoded whatever their encoding: a byte-order mark decides
// (UTF-8, UTF-16 LE/BE); else valid UTF-8 is UTF-8; else UTF-16 without a mark is recognised by
// its zero bytes; else chardet guesses (GBK and GB2312 are read as GB18030, their superset) and
// iconv-lite decodes. HTML becomes Markdown through turndown (its structure kept, its markup not).
// The decoding runs in the document worker (pdf.ts), off the main event loop: it is plain
// JavaScript given as a string, TEXT_WORKER_SOURCE, its libraries required by the paths the
// worker is given.
import { HTML_EXTENSIONS, PLAIN_TEXT_EXTENSIONS } from '../../../shared/attachments/documents'

/** File names without an extension that are text. */
const PLAIN_NAMES = new Set(['dockerfile', 'makefile', 'readme', 'license', 'changelog'])

/** The extension of a file name, lowercase, without the dot ('' when none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : ''
}

/** How a text file by this name is read: as plain text, as HTML, or not at all. */
export function textKindOf(name: string): 'plain' | 'html' | null {
  const extension = extensionOf(name)
  if (HTML_EXTENSIONS.has(extension)) return 'html'
  if (PLAIN_TEXT_EXTENSIONS.has(extension)) return 'plain'
  const base = (name.split(/[\\/]/).pop() ?? '').toLowerCase()
  return extension === '' && PLAIN_NAMES.has(base) ? 'plain' : null
}

/**
 * The worker's text functions (plain JavaScript): decodeText(buffer) → { text, encoding } or null
 * when the bytes are not text; htmlToMarkdown(html). Needs `workerData` with the libraries' paths.
 */
export const TEXT_WORKER_SOURCE = `
const iconv = require(workerData.iconvPath)
const chardet = require(workerData.chardetPath)
function decodeText(buffer) {
  if (startsWith(buffer, [0xef, 0xbb, 0xbf])) return decoded(buffer.subarray(3), 'utf-8')
  if (startsWith(buffer, [0xff, 0xfe])) return decoded(buffer.subarray(2), 'utf-16le')
  if (startsWith(buffer, [0xfe, 0xff])) return decoded(buffer.subarray(2), 'utf-16be')
  const utf16 = utf16WithoutMark(buffer)
  if (utf16) return decoded(buffer, utf16)
  if (buffer.includes(0)) return null
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'utf-8' }
  } catch {}
  // chardet reads every byte it is given: a large file is judged by 256 KB from its first
  // non-ASCII byte on (ASCII says nothing about the encoding).
  const high = buffer.findIndex((byte) => byte >= 0x80)
  const guess = normalise(chardet.detect(buffer.subarray(Math.max(0, high), Math.max(0, high) + SAMPLE_BYTES)))
  if (!guess || !iconv.encodingExists(guess)) return null
  return decoded(buffer, guess)
}
const SAMPLE_BYTES = 256 * 1024
function decoded(buffer, encoding) {
  const text = iconv.decode(buffer, encoding)
  return text.includes('\\u0000') ? null : { text, encoding }
}
function startsWith(buffer, mark) {
  return buffer.length >= mark.length && mark.every((b, i) => buffer[i] === b)
}
// UTF-16 without a byte-order mark: text mostly in one script leaves one byte of most pairs zero
// (ASCII) or the same high byte. Only the zero pattern is trusted: over a third of the even or odd
// bytes zero, almost none on the other side.
function utf16WithoutMark(buffer) {
  const pairs = Math.floor(Math.min(buffer.length, 8192) / 2)
  if (pairs < 2 || buffer.length % 2 !== 0) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (buffer[2 * i] === 0) evenZeros++
    if (buffer[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros > pairs / 3 && evenZeros <= pairs / 50) return 'utf-16le'
  if (evenZeros > pairs / 3 && oddZeros <= pairs / 50) return 'utf-16be'
  // CJK text in UTF-16 has no zero bytes: the reading in which almost every unit is a CJK
  // ideograph, CJK punctuation or printable ASCII wins. (GBK or Shift JIS bytes read that way
  // fall mostly outside those ranges.)
  const sample = buffer.subarray(0, pairs * 2)
  for (const encoding of ['utf-16le', 'utf-16be']) {
    if (plausibleShare(iconv.decode(sample, encoding)) >= 0.9) return encoding
  }
  return null
}
const PLAUSIBLE = /[\\t\\n\\r\\u0020-\\u007e\\u00a0-\\u00ff\\u2000-\\u206f\\u3000-\\u303f\\u4e00-\\u9fff\\uff00-\\uffef]/gu
function plausibleShare(text) {
  return text.length === 0 ? 0 : (text.match(PLAUSIBLE)?.length ?? 0) / text.length
}
function normalise(name) {
  if (!name) return null
  const lower = name.toLowerCase()
  // GB18030 decodes everything GB2312 and GBK encode.
  if (lower === 'gb2312' || lower === 'gbk' || lower === 'gb18030') return 'gb18030'
  return lower
}
// HTML as Markdown: headings, lists, links, tables' text and code kept; scripts and styles not.
function htmlToMarkdown(html) {
  const TurndownService = require(workerData.turndownPath)
  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' })
  turndown.remove(['script', 'style', 'noscript', 'template'])
  return turndown.turndown(html).trim()
}
`
