import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { detectFormat } from '../../../src/main/attachments/detect'
import { dataURLLength } from '../../../src/main/attachments/dataurl'
import {
  fitPixelBudget,
  prepareImage,
  type PreparedImage
} from '../../../src/main/attachments/images'
import { MAX_IMAGE_PART_CHARS } from '../../../src/shared/attachments/limits'
import { imagePart } from '../../../src/main/attachments/parts'
import type { AttachmentResult } from '../../../src/shared/attachments/refusals'
import { findModel, type ModelInfo } from '../../../src/shared/models'
import {
  heicContainer,
  makeVideo,
  noisyPng,
  orientedJpeg,
  screenshotPng,
  solidImage
} from '../../fixtures/attachments/generate'
import { tempDir } from '../../fixtures/temp'

const model = (id: string): ModelInfo => findModel(id)!
const seed16 = model('doubao-seed-1-6-251015')
const seed20 = model('doubao-seed-2.0-pro')
const seed18 = model('doubao-seed-1-8-251228')
const glm = model('glm-4-7-251222')
const dir = tempDir('attachments-images-')

function accepted(result: AttachmentResult<PreparedImage>): PreparedImage {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`)
  return result.value
}

describe('format detection', () => {
  it('goes by the bytes: a PNG named .jpg is a PNG', async () => {
    const file = join(dir, 'screenshot.jpg')
    writeFileSync(file, await solidImage(40, 30, 'png'))
    const bytes = readFileSync(file)
    expect(detectFormat(bytes)).toEqual({ kind: 'image', format: 'png' })
    const prepared = accepted(await prepareImage(bytes, seed16))
    expect(prepared.mime).toBe('image/png')
    expect(imagePart(prepared.mime, prepared.bytes, prepared.detail).image_url.url).toMatch(
      /^data:image\/png;base64,/
    )
  })

  it('knows every image format the API lists', async () => {
    for (const format of ['jpeg', 'png', 'webp', 'gif', 'tiff'] as const) {
      expect(detectFormat(await solidImage(20, 20, format))).toEqual({ kind: 'image', format })
    }
    expect(detectFormat(await solidImage(20, 20, 'avif'))).toEqual({
      kind: 'image',
      format: 'avif'
    })
    expect(detectFormat(heicContainer(100, 80))).toEqual({ kind: 'image', format: 'heic' })
    const bmp = Buffer.alloc(54)
    bmp.write('BM', 0, 'latin1')
    bmp.writeUInt32LE(40, 14)
    expect(detectFormat(bmp)).toEqual({ kind: 'image', format: 'bmp' })
    const ico = Buffer.from([0, 0, 1, 0, 1, 0, 32, 32, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 22, 0, 0, 0])
    expect(detectFormat(ico)).toEqual({ kind: 'image', format: 'ico' })
  })

  it('tells MP4, MOV (qt brand) and AVI apart, and names WebM and MKV', async () => {
    const expected = { mp4: 'video', mov: 'video', avi: 'video', webm: 'refused', mkv: 'refused' }
    for (const [container, kind] of Object.entries(expected)) {
      const file = await makeVideo(dir, container as keyof typeof expected)
      expect(detectFormat(readFileSync(file).subarray(0, 4096))).toEqual({
        kind,
        format: container
      })
    }
  })

  it('returns null for bytes it does not know', () => {
    expect(detectFormat(Buffer.from('just some text, not an image'))).toBeNull()
    expect(detectFormat(Buffer.alloc(0))).toBeNull()
  })
})

describe('refusals at attach time', () => {
  it('refuses a side of 14 px or less', async () => {
    const result = await prepareImage(await solidImage(13, 100), seed16)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'image_too_small', params: { width: 13, height: 100 } }
    })
    expect(accepted(await prepareImage(await solidImage(15, 100), seed16)).width).toBe(15)
  })

  it('refuses an aspect ratio beyond 150:1', async () => {
    expect(await prepareImage(await solidImage(1, 200), seed16)).toMatchObject({
      ok: false,
      error: { code: 'image_aspect_ratio' }
    })
    expect(await prepareImage(await solidImage(20, 3020), seed16)).toMatchObject({
      ok: false,
      error: { code: 'image_aspect_ratio', params: { ratio: 151 } }
    })
    expect(accepted(await prepareImage(await solidImage(20, 3000), seed16)).height).toBe(3000)
  })

  it('refuses unknown bytes and names a WebM', async () => {
    expect(await prepareImage(Buffer.from('%not an image at all'), seed16)).toMatchObject({
      ok: false,
      error: { code: 'unknown_format' }
    })
    const webm = readFileSync(await makeVideo(dir, 'webm'))
    const result = await prepareImage(webm, seed16)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'unsupported_format', params: { format: 'webm' } }
    })
    expect(!result.ok && result.error.message).toContain('WebM')
  })

  it('refuses images for a model that does not take them, naming ones that do', async () => {
    const result = await prepareImage(await solidImage(40, 40), glm)
    expect(result).toMatchObject({ ok: false, error: { code: 'model_no_image' } })
    expect(!result.ok && result.error.message).toContain('doubao-seed-2.0-pro')
  })
})

describe('orientation, budget and size', () => {
  it('applies EXIF orientation 6: a 40×20 red|blue image becomes 20×40, red on top', async () => {
    const input = await orientedJpeg()
    expect((await sharp(input).metadata()).orientation).toBe(6)
    const prepared = accepted(await prepareImage(input, seed16))
    expect(prepared.passedThrough).toBe(false)
    expect([prepared.width, prepared.height]).toEqual([20, 40])
    const { data, info } = await sharp(prepared.bytes).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height]).toEqual([20, 40])
    expect((await sharp(prepared.bytes).metadata()).orientation ?? 1).toBe(1)
    const pixel = (x: number, y: number) => [
      ...data.subarray(
        (y * info.width + x) * info.channels,
        (y * info.width + x) * info.channels + 3
      )
    ]
    const [r1, , b1] = pixel(10, 5)
    const [r2, , b2] = pixel(10, 35)
    expect(r1).toBeGreaterThan(200)
    expect(b1).toBeLessThan(60)
    expect(b2).toBeGreaterThan(200)
    expect(r2).toBeLessThan(60)
  })

  it('scales to about 4 MP before Seed 1.8 and keeps up to 9 MP on 1.8/2.0', async () => {
    const input = await screenshotPng(3000, 2000)
    const small = accepted(await prepareImage(input, seed16))
    expect(small.width * small.height).toBeLessThanOrEqual(4_000_000)
    expect(small.width * small.height).toBeGreaterThan(3_990_000)
    expect(small.width / small.height).toBeCloseTo(1.5, 2)
    expect(small.mime).toBe('image/png') // a screenshot stays lossless
    expect(small.detail).toBe('high')
    const meta = await sharp(small.bytes).metadata()
    expect([meta.width, meta.height]).toEqual([small.width, small.height])

    for (const m of [seed20, seed18]) {
      const large = accepted(await prepareImage(input, m))
      expect([large.width, large.height]).toEqual([3000, 2000])
      expect(large.passedThrough).toBe(true)
      expect(large.bytes.equals(input)).toBe(true)
      expect(large.detail).toBe('xhigh')
    }
    const huge = accepted(await prepareImage(await solidImage(4000, 3000, 'jpeg'), seed20))
    expect(huge.width * huge.height).toBeLessThanOrEqual(9_000_000)
    expect(huge.width * huge.height).toBeGreaterThan(8_990_000)
    expect(huge.mime).toBe('image/jpeg')
  })

  it('never scales up', async () => {
    for (const m of [seed16, seed20]) {
      const prepared = accepted(await prepareImage(await solidImage(100, 60, 'webp'), m))
      expect([prepared.width, prepared.height]).toEqual([100, 60])
      expect(prepared.passedThrough).toBe(true)
    }
    expect(fitPixelBudget({ width: 10, height: 10 }, 4_000_000)).toEqual({ width: 10, height: 10 })
  })

  it('keeps a large noisy image within 10 MB as a data URL', async () => {
    const input = await noisyPng(3000, 3000)
    expect(input.length).toBeGreaterThan(20_000_000)
    const prepared = accepted(await prepareImage(input, seed20))
    const url = imagePart(prepared.mime, prepared.bytes, prepared.detail).image_url.url
    expect(url.length).toBe(dataURLLength(prepared.mime, prepared.bytes.length))
    expect(url.length).toBeLessThanOrEqual(MAX_IMAGE_PART_CHARS)
    expect(prepared.mime).toBe('image/jpeg')
    expect(prepared.width * prepared.height).toBeLessThanOrEqual(9_000_000)
  }, 60_000)

  it('converts AVIF, which the API does not list, instead of sending it', async () => {
    const prepared = accepted(await prepareImage(await solidImage(64, 48, 'avif'), seed16))
    expect(prepared.format).toBe('avif')
    expect(prepared.passedThrough).toBe(false)
    expect(prepared.mime).toBe('image/jpeg')
  })

  it('sends a HEIC it cannot decode as it is, checked by its declared size', async () => {
    const heic = heicContainer(4032, 3024)
    const prepared = accepted(await prepareImage(heic, seed16))
    expect(prepared).toMatchObject({
      mime: 'image/heic',
      passedThrough: true,
      width: 4032,
      height: 3024
    })
    expect(await prepareImage(heicContainer(10, 300), seed16)).toMatchObject({
      ok: false,
      error: { code: 'image_too_small' }
    })
    expect(await prepareImage(heicContainer(8000, 6000), seed16)).toMatchObject({
      ok: false,
      error: { code: 'image_too_large' }
    })
  })

  it('sends a small BMP as it is and converts a large one to PNG', async () => {
    const toBmp = async (width: number, height: number) => {
      // A bottom-up 24-bit BI_RGB bitmap, written by hand (sharp cannot write BMP).
      const { data } = await sharp(await screenshotPng(width, height))
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
      const stride = Math.ceil((width * 3) / 4) * 4
      const bmp = Buffer.alloc(54 + stride * height)
      bmp.write('BM', 0, 'latin1')
      bmp.writeUInt32LE(bmp.length, 2)
      bmp.writeUInt32LE(54, 10)
      bmp.writeUInt32LE(40, 14)
      bmp.writeInt32LE(width, 18)
      bmp.writeInt32LE(height, 22)
      bmp.writeUInt16LE(1, 26)
      bmp.writeUInt16LE(24, 28)
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const from = (y * width + x) * 3
          const to = 54 + (height - 1 - y) * stride + x * 3
          bmp[to] = data[from + 2]
          bmp[to + 1] = data[from + 1]
          bmp[to + 2] = data[from]
        }
      }
      return bmp
    }
    const small = accepted(await prepareImage(await toBmp(64, 40), seed16))
    expect(small).toMatchObject({ mime: 'image/bmp', passedThrough: true, width: 64, height: 40 })
    const large = accepted(await prepareImage(await toBmp(2600, 1800), seed16))
    expect(large.mime).toBe('image/png')
    expect(large.width * large.height).toBeLessThanOrEqual(4_000_000)
    expect((await sharp(large.bytes).metadata()).width).toBe(large.width)
  }, 30_000)
})
