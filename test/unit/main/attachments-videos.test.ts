import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { estimateFrames, validateFps } from '../../../src/shared/attachments/frames'
import { videoPart } from '../../../src/main/attachments/parts'
import {
  maxInlineVideoBytes,
  prepareVideo,
  probeVideo,
  probeVideoFile,
  readIsoHeader,
  type VideoInfo
} from '../../../src/main/attachments/videos'
import { findModel, type ModelInfo } from '../../../src/shared/models'
import { makeVideo, type VideoFixture } from '../../fixtures/attachments/generate'
import { tempDir } from '../../fixtures/temp'

const model = (id: string): ModelInfo => findModel(id)!
const seed16 = model('doubao-seed-1-6-251015')
const seed18 = model('doubao-seed-1-8-251228')
const seed20 = model('doubao-seed-2.0-mini')
const glm = model('glm-4-7-251222')
const dir = tempDir('attachments-videos-')
const clips = {} as Record<VideoFixture, string>

beforeAll(async () => {
  for (const container of ['mp4', 'mov', 'avi', 'webm', 'mkv'] as const) {
    clips[container] = await makeVideo(dir, container, { seconds: 3, width: 96, height: 64 })
  }
}, 60_000)

function accepted<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`)
  return result.value
}

describe('probing videos', () => {
  it.each([
    ['mp4', 'video/mp4'],
    ['mov', 'video/mov'],
    ['avi', 'video/avi']
  ] as const)('reads a %s: duration, size, MIME and a poster frame', async (container, mime) => {
    const info: VideoInfo = accepted(await probeVideo(readFileSync(clips[container])))
    expect(info.format).toBe(container)
    expect(info.mime).toBe(mime)
    expect(info.durationSeconds).toBeCloseTo(3, 1)
    expect([info.width, info.height]).toEqual([96, 64])
    expect(info.posterIsPlaceholder).toBe(false)
    const poster = await sharp(info.poster).metadata()
    expect(poster.format).toBe('webp')
    expect([poster.width, poster.height]).toEqual([96, 64])
    const part = videoPart(info.mime, readFileSync(clips[container]), 2)
    expect(part.video_url.url.startsWith(`data:${mime};base64,`)).toBe(true)
    expect(part.video_url.fps).toBe(2)
  })

  it('reads the duration from the container alone, without ffmpeg, when no poster is wanted', async () => {
    for (const container of ['mp4', 'mov', 'avi'] as const) {
      const info = accepted(await probeVideoFile(clips[container], { poster: false }))
      expect(info.durationSeconds).toBeCloseTo(3, 1)
      expect(info.posterIsPlaceholder).toBe(true)
    }
  })

  it('falls back to ffmpeg for the duration of a fragmented MP4', async () => {
    const { execFile } = await import('node:child_process')
    const { ffmpegPath } = await import('../../../src/main/attachments/ffmpeg')
    const fragmented = join(dir, 'fragmented.mp4')
    // Fragmented with an empty moov: mvhd carries no duration.
    const binary = await ffmpegPath()
    await new Promise<void>((resolve, reject) =>
      execFile(
        binary,
        [
          '-v',
          'error',
          '-y',
          '-i',
          clips.mp4,
          '-c',
          'copy',
          '-movflags',
          'frag_keyframe+empty_moov',
          fragmented
        ],
        (error) => (error ? reject(error) : resolve())
      )
    )
    expect(readIsoHeader(readFileSync(fragmented)).durationSeconds).toBeNull()
    const info = accepted(await probeVideoFile(fragmented))
    expect(info.durationSeconds).toBeCloseTo(3, 0)
  })

  it('swaps width and height of a video recorded with a quarter-turn matrix (phones)', async () => {
    const { execFile } = await import('node:child_process')
    const { ffmpegPath } = await import('../../../src/main/attachments/ffmpeg')
    const portrait = join(dir, 'portrait.mp4')
    const binary = await ffmpegPath()
    await new Promise<void>((resolve, reject) =>
      execFile(
        binary,
        [
          '-v',
          'error',
          '-y',
          '-i',
          clips.mp4,
          '-c',
          'copy',
          '-metadata:s:v:0',
          'rotate=90',
          portrait
        ],
        (error) => (error ? reject(error) : resolve())
      )
    )
    expect(readIsoHeader(readFileSync(portrait)).size).toEqual({ width: 64, height: 96 })
    expect(readIsoHeader(readFileSync(clips.mp4)).size).toEqual({ width: 96, height: 64 })
  })

  it('refuses WebM and MKV by name, and bytes that are no video', async () => {
    for (const [container, label] of [
      ['webm', 'WebM'],
      ['mkv', 'MKV']
    ] as const) {
      const result = await probeVideo(readFileSync(clips[container]))
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'unsupported_format', params: { format: container } }
      })
      expect(!result.ok && result.error.message).toContain(label)
    }
    expect(await probeVideo(Buffer.from('not a video'))).toMatchObject({
      ok: false,
      error: { code: 'unknown_format' }
    })
  })

  it('refuses a video over 50 MB, and one too big to fit in a request as a data URL', async () => {
    const head = readFileSync(clips.mp4)
    const big = Buffer.alloc(50_000_001)
    head.copy(big)
    expect(await probeVideo(big, { poster: false })).toMatchObject({
      ok: false,
      error: { code: 'video_too_large', params: { limit: 50_000_000 } }
    })
    const inline = maxInlineVideoBytes('mp4')
    expect(inline).toBeLessThan(50_000_000)
    expect(Math.ceil(inline / 3) * 4 + 'data:video/mp4;base64,'.length).toBeLessThanOrEqual(
      64_000_000
    )
    const tooBig = Buffer.alloc(inline + 3)
    head.copy(tooBig)
    expect(await probeVideo(tooBig, { poster: false })).toMatchObject({
      ok: false,
      error: { code: 'video_too_large' }
    })
  })

  it('refuses a truncated file whose length cannot be read', async () => {
    const truncated = join(dir, 'truncated.mp4')
    writeFileSync(truncated, readFileSync(clips.mp4).subarray(0, 64))
    expect(await probeVideoFile(truncated)).toMatchObject({
      ok: false,
      error: { code: 'unreadable' }
    })
  })
})

describe('frames and fps', () => {
  it('costs duration × fps frames, at least 16', () => {
    expect(estimateFrames(3, 1, seed16)).toMatchObject({ frames: 16, limitedBy: 'minimum' })
    expect(estimateFrames(100, 1, seed16)).toMatchObject({ frames: 100, limitedBy: null })
    expect(estimateFrames(100.2, 0.5, seed16)).toMatchObject({ frames: 51, limitedBy: null })
    expect(estimateFrames(100, 5, seed16)).toMatchObject({ frames: 500, limitedBy: null })
  })

  it('caps at 640 frames before Seed 1.8 and 1280 on 1.8/2.0', () => {
    expect(estimateFrames(200, 5, seed16)).toMatchObject({
      frames: 640,
      maxFrames: 640,
      limitedBy: 'maximum',
      effectiveFps: 3.2
    })
    expect(estimateFrames(200, 5, seed18)).toMatchObject({
      frames: 1000,
      maxFrames: 1280,
      limitedBy: null
    })
    expect(estimateFrames(400, 5, seed20)).toMatchObject({ frames: 1280, limitedBy: 'maximum' })
  })

  it('takes fps from 0.2 to 5 and nothing else', () => {
    for (const fps of [0.2, 1, 2.5, 5]) expect(validateFps(fps)).toEqual({ ok: true, value: fps })
    for (const fps of [0.19, 0, -1, 5.01, 30, Number.NaN, Number.POSITIVE_INFINITY, '1']) {
      expect(validateFps(fps)).toMatchObject({ ok: false, error: { code: 'bad_fps' } })
    }
  })

  it('prepares a video for a model: fps checked, frames estimated, GLM refused', async () => {
    const bytes = readFileSync(clips.mov)
    const prepared = accepted(await prepareVideo(bytes, seed20, 0.5, { path: clips.mov }))
    expect(prepared.fps).toBe(0.5)
    expect(prepared.estimate.frames).toBe(16)
    expect(prepared.video.mime).toBe('video/mov')
    expect(await prepareVideo(bytes, seed20, 6)).toMatchObject({
      ok: false,
      error: { code: 'bad_fps' }
    })
    const refused = await prepareVideo(bytes, glm)
    expect(refused).toMatchObject({ ok: false, error: { code: 'model_no_video' } })
    expect(!refused.ok && refused.error.message).toContain('doubao-seed-1-8-251228')
  })
})
