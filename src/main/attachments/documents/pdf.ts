// Every document is read off the main event loop: each file gets a worker thread, running pdf.js
// (through unpdf's serverless build) for a PDF, mammoth and turndown for a DOCX, text.ts's
// decoding for text and HTML, so no file (a 300-page PDF, a large GBK text) stalls the app. The
// worker runs plain JavaScript given as a string (like ocr/worker.ts) and loads its libraries
// from the paths resolved here. It is ended when it passes the time limit. Pages without a text layer (scans)
// come back empty; when asked (`renderPages`), the first of them are also drawn as PNG images
// (unpdf's renderPageAsImage on @napi-rs/canvas) for text recognition.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { TEXT_WORKER_SOURCE } from './text'

// __filename: this runs as CommonJS in Electron's bundle, under tsx and Playwright, and vitest defines it.
const requireHere = createRequire(__filename)

/** What extraction may take: pages, and time (the byte limit is checked before). */
export interface PdfLimits {
  maxPages: number
  timeoutMs: number
  /** How many pages without a text layer to draw as images (0: none). */
  renderPages?: number
}

/** A page without a text layer, drawn (PNG, twice the PDF's scale). */
export interface RenderedPage {
  /** 1-based. */
  page: number
  png: Uint8Array
}

export type PdfResult =
  | { ok: true; pages: string[]; rendered?: RenderedPage[]; encoding?: string }
  | { ok: false; reason: 'password' | 'broken' | 'too_many_pages' | 'timeout'; detail: string }

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
// On Linux a thread has its own nice value: this one yields the cores to the app's main thread
// (and to the renderer) whenever they want them. Elsewhere the call is refused and ignored.
try {
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop())
  if (tid > 0) require('node:os').setPriority(tid, 10)
} catch {}
${TEXT_WORKER_SOURCE}
parentPort.once('message', async ({ kind, bytes, maxPages, renderPages }) => {
  if (kind === 'plain' || kind === 'html') {
    try {
      const decoded = decodeText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
      if (!decoded) parentPort.postMessage({ ok: false, reason: 'broken', detail: 'not text' })
      else parentPort.postMessage({
        ok: true,
        pages: [kind === 'html' ? htmlToMarkdown(decoded.text) : decoded.text],
        encoding: decoded.encoding
      })
    } catch (error) {
      parentPort.postMessage({ ok: false, reason: 'broken', detail: String((error && error.message) || error) })
    }
    return
  }
  if (kind === 'docx') {
    try {
      const mammoth = require(workerData.mammothPath)
      const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
      parentPort.postMessage({ ok: true, pages: [htmlToMarkdown(result.value)] })
    } catch (error) {
      parentPort.postMessage({ ok: false, reason: 'broken', detail: String((error && error.message) || error) })
    }
    return
  }
  const { getDocumentProxy } = require(workerData.unpdfPath)
  let pdf
  try {
    pdf = await getDocumentProxy(bytes, { isEvalSupported: false, useSystemFonts: false, verbosity: 0 })
  } catch (error) {
    const name = (error && error.name) || ''
    parentPort.postMessage({
      ok: false,
      reason: name === 'PasswordException' ? 'password' : 'broken',
      detail: String((error && error.message) || error)
    })
    return
  }
  try {
    if (pdf.numPages > maxPages) {
      parentPort.postMessage({ ok: false, reason: 'too_many_pages', detail: String(pdf.numPages) })
      return
    }
    const pages = []
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      let text = ''
      for (const item of content.items) {
        if (typeof item.str !== 'string') continue
        text += item.str
        if (item.hasEOL) text += '\\n'
      }
      pages.push(text)
      page.cleanup()
    }
    // Pages without a text layer, drawn for text recognition; one that cannot be drawn stays
    // without text.
    const rendered = []
    if (renderPages > 0 && workerData.canvasPath) {
      const { renderPageAsImage } = require(workerData.unpdfPath)
      const canvasImport = async () => require(workerData.canvasPath)
      for (let n = 1; n <= pages.length && rendered.length < renderPages; n++) {
        if (pages[n - 1].trim() !== '') continue
        try {
          const png = await renderPageAsImage(pdf, n, { canvasImport, scale: 2 })
          rendered.push({ page: n, png: new Uint8Array(png) })
        } catch {}
      }
    }
    parentPort.postMessage({ ok: true, pages, rendered }, rendered.map((r) => r.png.buffer))
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: 'broken', detail: String((error && error.message) || error) })
  } finally {
    await pdf.destroy()
  }
})
`

/**
 * Reads each page's text of a PDF, a DOCX as Markdown (mammoth, then turndown; one "page"), or a
 * text file decoded (HTML as Markdown; one "page", with its encoding), in a worker thread; the
 * bytes are copied, never moved, out of the caller.
 */
export function extractInWorker(
  kind: 'pdf' | 'docx' | 'plain' | 'html',
  bytes: Uint8Array,
  limits: PdfLimits
): Promise<PdfResult> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      unpdfPath: requireHere.resolve('unpdf'),
      mammothPath: requireHere.resolve('mammoth'),
      chardetPath: requireHere.resolve('chardet'),
      iconvPath: requireHere.resolve('iconv-lite'),
      turndownPath: requireHere.resolve('turndown'),
      canvasPath: canvasPath()
    }
  })
  return new Promise<PdfResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, reason: 'timeout', detail: `${limits.timeoutMs}` })
      void worker.terminate()
    }, limits.timeoutMs)
    worker.once('message', (result: PdfResult) => {
      clearTimeout(timer)
      resolve(result)
      void worker.terminate()
    })
    worker.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    const copy = new Uint8Array(bytes)
    worker.postMessage(
      { kind, bytes: copy, maxPages: limits.maxPages, renderPages: limits.renderPages ?? 0 },
      [copy.buffer]
    )
  })
}

/** Where @napi-rs/canvas is (it draws pages for text recognition); null when it is not installed. */
function canvasPath(): string | null {
  try {
    return requireHere.resolve('@napi-rs/canvas')
  } catch {
    return null
  }
}
