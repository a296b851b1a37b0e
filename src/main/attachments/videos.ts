// Videos: MP4, MOV and AVI up to 50 MB, sent as they are. Duration and size come from the
// container (mp4/mov `mvhd`/`tkhd`, AVI `strh`/`avih`); ffmpeg supplies the poster frame and the
// duration of files whose headers do not carry it (fragmented MP4, broken AVI indexes).
import { createHash } from 'node:crypto'
import { open, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import type { ModelInfo } from '../../shared/models'
import { dataURLLength } from './dataurl'
import { DETECT_BYTES, apiMime, detectFormat, formatLabel, type VideoFormat } from './detect'
import { runFfmpeg } from './ffmpeg'
import { estimateFrames, validateFps, type FrameEstimate } from '../../shared/attachments/frames'
import { boxes, findBox } from './boxes'
import {
  FPS_DEFAULT,
  MAX_REQUEST_BYTES,
  MAX_VIDEO_BYTES,
  REQUEST_RESERVE_BYTES
} from '../../shared/attachments/limits'
import {
  accept,
  megabytes,
  refuse,
  refuseForModel,
  type AttachmentResult
} from '../../shared/attachments/refusals'
import { writeTempFile } from './temp'
import { placeholderThumbnail, thumbnailOf } from './thumbnails'

/** What the app knows about a video file. */
export interface VideoInfo {
  sha256: string
  format: VideoFormat
  /** The data URL MIME the API expects: video/mp4, video/mov, video/avi. */
  mime: string
  /** File size. */
  bytes: number
  durationSeconds: number
  /** Display size (rotation applied) when the container says; null otherwise. */
  width: number | null
  height: number | null
  /** WebP thumbnail of a frame near the start; a labelled tile when no frame could be decoded. */
  poster: Buffer
  posterIsPlaceholder: boolean
}

/** A video ready to be attached for one model. */
export interface PreparedVideo {
  video: VideoInfo
  fps: number
  estimate: FrameEstimate
}

export interface VideoOptions {
  /** The file on disk, when there is one: ffmpeg reads it instead of a temporary copy. */
  path?: string
  /** Skip the poster frame (and the ffmpeg run) when the container gives the duration. */
  poster?: boolean
  /**
   * Where a temporary copy for ffmpeg goes when there is no `path`: the app passes
   * `<dataDir>/tmp` (swept at start). Only callers without a data folder (benchmarks) omit it.
   */
  tempDir?: string
}

/** Checks a video for `model` at `fps` (default 1) and probes it, or says why it is refused. */
export async function prepareVideo(
  input: Uint8Array,
  model: ModelInfo,
  fps: number = FPS_DEFAULT,
  options: VideoOptions = {}
): Promise<AttachmentResult<PreparedVideo>> {
  if (!model.video) return refuseForModel(model, 'video')
  const checkedFps = validateFps(fps)
  if (!checkedFps.ok) return checkedFps
  const probed = await probeVideo(input, options)
  if (!probed.ok) return probed
  return accept({
    video: probed.value,
    fps: checkedFps.value,
    estimate: estimateFrames(probed.value.durationSeconds, checkedFps.value, model)
  })
}

/** Reads a video file from disk after checking its head and size; then as `probeVideo`. */
export async function probeVideoFile(
  path: string,
  options: Omit<VideoOptions, 'path'> = {}
): Promise<AttachmentResult<VideoInfo>> {
  const early = refuseNonVideo(await readHead(path), (await stat(path)).size)
  if (early) return early
  return probeVideo(await readFile(path), { ...options, path })
}

/** Reads a video's format, duration, size and a poster frame; refuses what the API would. */
export async function probeVideo(
  input: Uint8Array,
  options: VideoOptions = {}
): Promise<AttachmentResult<VideoInfo>> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength)
  const refusal = refuseNonVideo(bytes.subarray(0, DETECT_BYTES), bytes.length)
  if (refusal) return refusal
  const format = detectFormat(bytes.subarray(0, DETECT_BYTES))!.format as VideoFormat

  const header = format === 'avi' ? readAviHeader(bytes) : readIsoHeader(bytes)
  const wantPoster = options.poster ?? true
  let durationSeconds = header.durationSeconds
  let size = header.size
  let poster: Buffer | null = null
  if (wantPoster || durationSeconds === null) {
    const frame = await withFile(options.path ?? null, options.tempDir ?? tmpdir(), bytes, (file) =>
      posterFrame(file, durationSeconds)
    )
    durationSeconds ??= frame.durationSeconds
    size ??= frame.size
    poster = frame.png && (await thumbnailOf(frame.png).catch(() => null))
  }
  if (durationSeconds === null || !(durationSeconds > 0)) {
    return refuse(
      'unreadable',
      `The length of this ${formatLabel(format)} video could not be read; the file may be damaged.`,
      { format }
    )
  }
  const posterIsPlaceholder = poster === null
  return accept({
    sha256: createHash('sha256').update(bytes).digest('hex'),
    format,
    mime: apiMime(format),
    bytes: bytes.length,
    durationSeconds,
    width: size?.width ?? null,
    height: size?.height ?? null,
    poster: poster ?? (await placeholderThumbnail(formatLabel(format))),
    posterIsPlaceholder
  })
}

/** The largest video file that still fits in one request as a data URL next to a short text. */
export function maxInlineVideoBytes(format: VideoFormat): number {
  const room = MAX_REQUEST_BYTES - REQUEST_RESERVE_BYTES - dataURLLength(apiMime(format), 0)
  return Math.min(MAX_VIDEO_BYTES, Math.floor(room / 4) * 3)
}

function refuseNonVideo(head: Buffer, size: number): AttachmentResult<never> | null {
  const detected = detectFormat(head)
  if (!detected) {
    return refuse(
      'unknown_format',
      'This file is not a video format the app knows (MP4, MOV, AVI).'
    )
  }
  if (detected.kind !== 'video') {
    return refuse(
      'unsupported_format',
      detected.kind === 'image'
        ? `This is a ${formatLabel(detected.format)} image, not a video.`
        : `${formatLabel(detected.format)} videos are not accepted by the API; use MP4, MOV or AVI.`,
      { format: detected.format }
    )
  }
  if (size > MAX_VIDEO_BYTES) {
    return refuse(
      'video_too_large',
      `The video is ${megabytes(size)}; the API takes videos up to ${megabytes(MAX_VIDEO_BYTES)}.`,
      { bytes: size, limit: MAX_VIDEO_BYTES }
    )
  }
  const inline = maxInlineVideoBytes(detected.format)
  if (size > inline) {
    return refuse(
      'video_too_large',
      `The video is ${megabytes(size)}; encoded into the request it would exceed the ${megabytes(MAX_REQUEST_BYTES)} request limit. Videos up to ${megabytes(inline)} fit.`,
      { bytes: size, limit: inline }
    )
  }
  return null
}

interface ContainerHeader {
  durationSeconds: number | null
  size: { width: number; height: number } | null
}

/** MP4/MOV: duration from moov/mvhd, display size from the first video track's tkhd. */
export function readIsoHeader(bytes: Buffer): ContainerHeader {
  const header: ContainerHeader = { durationSeconds: null, size: null }
  const moov = findBox(bytes, 0, bytes.length, 'moov')
  if (!moov) return header
  const mvhd = findBox(bytes, moov.body, moov.end, 'mvhd')
  if (mvhd && mvhd.body + 32 <= mvhd.end) {
    const v1 = bytes[mvhd.body] === 1
    const timescale = bytes.readUInt32BE(mvhd.body + (v1 ? 20 : 12))
    const duration = v1
      ? Number(bytes.readBigUInt64BE(mvhd.body + 24))
      : bytes.readUInt32BE(mvhd.body + 16)
    // All ones means "unknown" (fragmented files); zero means the fragments hold it.
    const unknown = v1 ? duration >= Number.MAX_SAFE_INTEGER : duration === 0xffffffff
    if (timescale > 0 && duration > 0 && !unknown) header.durationSeconds = duration / timescale
  }
  for (const trak of boxes(bytes, moov.body, moov.end)) {
    if (trak.type !== 'trak') continue
    const mdia = findBox(bytes, trak.body, trak.end, 'mdia')
    const hdlr = mdia && findBox(bytes, mdia.body, mdia.end, 'hdlr')
    if (!hdlr || bytes.toString('latin1', hdlr.body + 8, hdlr.body + 12) !== 'vide') continue
    const tkhd = findBox(bytes, trak.body, trak.end, 'tkhd')
    if (!tkhd || tkhd.end - tkhd.body < 84) break
    const width = Math.round(bytes.readUInt32BE(tkhd.end - 8) / 65536)
    const height = Math.round(bytes.readUInt32BE(tkhd.end - 4) / 65536)
    // The matrix's a and d are zero for a quarter turn: phones record portrait video that way.
    const matrix = tkhd.body + (bytes[tkhd.body] === 1 ? 52 : 40)
    const quarterTurn = bytes.readInt32BE(matrix) === 0 && bytes.readInt32BE(matrix + 16) === 0
    if (width > 0 && height > 0) {
      header.size = quarterTurn ? { width: height, height: width } : { width, height }
    }
    break
  }
  return header
}

/** AVI: duration from the video stream's strh (length × scale / rate), else from avih. */
export function readAviHeader(bytes: Buffer): ContainerHeader {
  const header: ContainerHeader = { durationSeconds: null, size: null }
  const hdrl = findRiffList(bytes, 12, bytes.length, 'hdrl')
  if (!hdrl) return header
  for (const chunk of riffChunks(bytes, hdrl.body, hdrl.end)) {
    if (chunk.id === 'avih' && chunk.end - chunk.body >= 40) {
      const microsPerFrame = bytes.readUInt32LE(chunk.body)
      const totalFrames = bytes.readUInt32LE(chunk.body + 16)
      const width = bytes.readUInt32LE(chunk.body + 32)
      const height = bytes.readUInt32LE(chunk.body + 36)
      if (microsPerFrame > 0 && totalFrames > 0) {
        header.durationSeconds = (totalFrames * microsPerFrame) / 1_000_000
      }
      if (width > 0 && height > 0) header.size = { width, height }
    }
    if (chunk.id === 'LIST' && chunk.listType === 'strl') {
      const strh = riffChunks(bytes, chunk.body, chunk.end).find((c) => c.id === 'strh')
      if (!strh || strh.end - strh.body < 36) continue
      if (bytes.toString('latin1', strh.body, strh.body + 4) !== 'vids') continue
      const scale = bytes.readUInt32LE(strh.body + 20)
      const rate = bytes.readUInt32LE(strh.body + 24)
      const length = bytes.readUInt32LE(strh.body + 32)
      if (scale > 0 && rate > 0 && length > 0) header.durationSeconds = (length * scale) / rate
      break
    }
  }
  return header
}

interface RiffChunk {
  id: string
  /** For LIST chunks, the list type; its children start at `body`. */
  listType: string | null
  body: number
  end: number
}

function riffChunks(bytes: Buffer, start: number, end: number): RiffChunk[] {
  const chunks: RiffChunk[] = []
  let at = start
  while (at + 8 <= end) {
    const id = bytes.toString('latin1', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    const chunkEnd = Math.min(end, at + 8 + size)
    const isList = id === 'LIST' && at + 12 <= end
    chunks.push({
      id,
      listType: isList ? bytes.toString('latin1', at + 8, at + 12) : null,
      body: isList ? at + 12 : at + 8,
      end: chunkEnd
    })
    at += 8 + size + (size & 1)
  }
  return chunks
}

function findRiffList(
  bytes: Buffer,
  start: number,
  end: number,
  listType: string
): RiffChunk | null {
  return riffChunks(bytes, start, end).find((c) => c.listType === listType) ?? null
}

interface FrameResult {
  png: Buffer | null
  durationSeconds: number | null
  size: { width: number; height: number } | null
}

/** One frame near the start (PNG, ≤ 512 px), plus what ffmpeg says about duration and size. */
async function posterFrame(file: string, durationSeconds: number | null): Promise<FrameResult> {
  // The very first frame is often black: take one a little in, never past the middle.
  const at = durationSeconds && durationSeconds > 1 ? Math.min(1, durationSeconds / 10) : 0
  const output = await runFfmpeg([
    '-ss',
    at.toFixed(3),
    '-i',
    file,
    '-map',
    '0:v:0',
    '-frames:v',
    '1',
    '-vf',
    "scale=w='min(512,iw)':h='min(512,ih)':force_original_aspect_ratio=decrease",
    '-f',
    'image2pipe',
    '-c:v',
    'png',
    'pipe:1'
  ]).catch(() => null)
  if (!output) return { png: null, durationSeconds: null, size: null }
  const duration = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(output.stderr)
  const size = /Stream #0:\d+.*?: Video: .*?, (\d{2,5})x(\d{2,5})/.exec(output.stderr)
  return {
    png: output.code === 0 && output.stdout.length > 0 ? output.stdout : null,
    durationSeconds: duration
      ? Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])
      : null,
    size: size ? { width: Number(size[1]), height: Number(size[2]) } : null
  }
}

/** Runs `task` with a path to the video: the given one, or a temporary copy in `tempDir`. */
async function withFile<T>(
  path: string | null,
  tempDir: string,
  bytes: Buffer,
  task: (file: string) => Promise<T>
): Promise<T> {
  if (path !== null) return task(path)
  const file = await writeTempFile(tempDir, 'seed-chat-video', bytes)
  try {
    return await task(file)
  } finally {
    await rm(file, { force: true })
  }
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const head = Buffer.alloc(DETECT_BYTES)
    const { bytesRead } = await handle.read(head, 0, DETECT_BYTES, 0)
    return head.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}
