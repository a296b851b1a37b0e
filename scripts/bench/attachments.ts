// npm run bench:attachments — time from a file on disk to the finished request part (the data
// URL string) for a 3840×2160 PNG screenshot and a ~40 MB MP4. Prints one JSON line on stdout:
//   {"png":{"ms","bytes","pixels",...},"mp4":{"ms","bytes",...},"doubao-seed-2.0-pro":{...}}
// `png`/`mp4` use the default model (doubao-seed-1-6-251015: 4 MP budget, detail "high"); the
// "doubao-seed-2.0-pro" entry repeats them on the 9 MP budget (detail "xhigh"). `bytes` is the
// length of the data URL; `ms` the median of several runs after one warm-up.
// Inputs are generated once into .bench/attachments/ (git-ignored) and reused.
import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ffmpegPath } from '../../src/main/attachments/ffmpeg'
import { prepareImage } from '../../src/main/attachments/images'
import { imagePart, videoPart } from '../../src/main/attachments/parts'
import { probeVideo } from '../../src/main/attachments/videos'
import { DEFAULT_MODEL, findModel, type ModelInfo } from '../../src/shared/models'
import { screenshotPng } from '../../test/fixtures/attachments/generate'
import { log, round } from './lib/measure'

const CACHE = join(__dirname, '..', '..', '.bench', 'attachments')
const PNG_FILE = join(CACHE, 'screenshot-3840x2160.png')
const MP4_FILE = join(CACHE, 'testsrc2-40mb.mp4')
const RUNS = 9

async function ensureInputs(): Promise<void> {
  mkdirSync(CACHE, { recursive: true })
  if (!existsSync(PNG_FILE)) {
    log('generating the 3840×2160 screenshot ...')
    writeFileSync(PNG_FILE, await screenshotPng(3840, 2160))
  }
  if (!existsSync(MP4_FILE)) {
    log('generating the ~40 MB MP4 (once; cached in .bench/attachments/) ...')
    // 20 s of 1080p test pattern with grain at 16 Mbit/s: the grain keeps x264 from undershooting.
    await promisify(execFile)(
      await ffmpegPath(),
      [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        'testsrc2=size=1920x1080:rate=30',
        '-t',
        '20',
        '-vf',
        'noise=alls=24:allf=t',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-b:v',
        '16M',
        '-minrate',
        '16M',
        '-maxrate',
        '16M',
        '-bufsize',
        '8M',
        '-pix_fmt',
        'yuv420p',
        '-movflags',
        '+faststart',
        `${MP4_FILE}.tmp.mp4`
      ],
      { maxBuffer: 1 << 20 }
    )
    const { renameSync } = await import('node:fs')
    renameSync(`${MP4_FILE}.tmp.mp4`, MP4_FILE)
  }
}

async function median(run: () => Promise<void>): Promise<number> {
  await run() // warm-up: first sharp/ffmpeg use, page cache
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return round(times[Math.floor(times.length / 2)])
}

async function benchPng(model: ModelInfo) {
  let result = {
    bytes: 0,
    pixels: 0,
    payloadBytes: 0,
    mime: '',
    width: 0,
    height: 0,
    passedThrough: false
  }
  const ms = await median(async () => {
    const prepared = await prepareImage(await readFile(PNG_FILE), model)
    if (!prepared.ok) throw new Error(prepared.error.message)
    const { mime, bytes, width, height, detail, passedThrough } = prepared.value
    const url = imagePart(mime, bytes, detail).image_url.url
    result = {
      bytes: url.length,
      pixels: width * height,
      payloadBytes: bytes.length,
      mime,
      width,
      height,
      passedThrough
    }
  })
  return { ms, ...result, model: model.id }
}

async function benchMp4(model: ModelInfo) {
  let result = { bytes: 0, payloadBytes: 0, durationSeconds: 0 }
  const ms = await median(async () => {
    // The poster frame is for the thumbnail, not the request part: not timed here.
    const bytes = await readFile(MP4_FILE)
    const probed = await probeVideo(bytes, { poster: false })
    if (!probed.ok) throw new Error(probed.error.message)
    const url = videoPart(probed.value.mime, bytes, 1).video_url.url
    result = {
      bytes: url.length,
      payloadBytes: probed.value.bytes,
      durationSeconds: probed.value.durationSeconds
    }
  })
  return { ms, ...result, model: model.id }
}

async function main(): Promise<void> {
  await ensureInputs()
  log(`inputs: PNG ${statSync(PNG_FILE).size} bytes, MP4 ${statSync(MP4_FILE).size} bytes`)
  const standard = findModel(DEFAULT_MODEL)!
  const pro = findModel('doubao-seed-2.0-pro')!
  const png = await benchPng(standard)
  const mp4 = await benchMp4(standard)
  const proPng = await benchPng(pro)
  const proMp4 = await benchMp4(pro)
  process.stdout.write(`${JSON.stringify({ png, mp4, [pro.id]: { png: proPng, mp4: proMp4 } })}\n`)
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
})
