// Turns the bytes of a dropped image into the bytes the request carries: real format detected,
// EXIF orientation applied, scaled down (never up) to the model's pixel budget, ≤ 10 MB as a
// data URL. Screenshots stay lossless (PNG) unless that cannot fit.
import { createHash } from 'node:crypto'
import sharp, { type Metadata, type Sharp } from 'sharp'
import type { ModelInfo } from '../../shared/models'
import { dataURLLength } from './dataurl'
import {
  API_IMAGE_FORMATS,
  DETECT_BYTES,
  apiMime,
  detectFormat,
  formatLabel,
  type DetectedFormat,
  type ImageFormat
} from './detect'
import {
  MAX_ASPECT_RATIO,
  MAX_IMAGE_INPUT_BYTES,
  MAX_IMAGE_PART_CHARS,
  MAX_IMAGE_PIXELS,
  MIN_IMAGE_SIDE,
  imageBudget,
  type ImageDetail
} from '../../shared/attachments/limits'
import { bitmapSize, heifSize, iconSize, isLosslessSource, type Size } from './imageHeaders'
import {
  accept,
  megabytes,
  refuse,
  refuseForModel,
  type AttachmentResult
} from '../../shared/attachments/refusals'
import { decodeWithFfmpeg } from './thumbnails'

/** An image ready to be sent. */
export interface PreparedImage {
  /** sha256 (hex) of the input bytes: the key the original is stored under. */
  sha256: string
  /** The input's real format. */
  format: ImageFormat
  /** MIME type of `bytes`, as the data URL must name it (`image/png` ...). */
  mime: string
  /** The request part's payload: the input itself when it already fit, else a re-encoded copy. */
  bytes: Buffer
  /** Size as sent: orientation applied, scaled to the budget. */
  width: number
  height: number
  /** Size of the input as displayed (orientation applied). */
  originalWidth: number
  originalHeight: number
  /** The `detail` to send with it, matching the pixel budget used. */
  detail: ImageDetail
  /** True when `bytes` is the input, untouched. */
  passedThrough: boolean
}

export interface PrepareImageOptions {
  /** Overrides the model's pixel budget (tests, benchmarks). */
  budgetPixels?: number
  /** Overrides the 10 MB part limit (tests). */
  maxPartChars?: number
}

/** Prepares one image for `model`, or says why the API would refuse it. */
export async function prepareImage(
  input: Uint8Array,
  model: ModelInfo,
  options: PrepareImageOptions = {}
): Promise<AttachmentResult<PreparedImage>> {
  if (!model.image) return refuseForModel(model, 'image')
  const bytes = asBuffer(input)
  if (bytes.length > MAX_IMAGE_INPUT_BYTES) {
    return refuse(
      'image_too_large',
      `The image is ${megabytes(bytes.length)}; files over ${megabytes(MAX_IMAGE_INPUT_BYTES)} are not read.`,
      { bytes: bytes.length, limit: MAX_IMAGE_INPUT_BYTES }
    )
  }
  const detected = detectFormat(bytes.subarray(0, DETECT_BYTES))
  if (detected?.kind !== 'image') return refuseNotImage(detected)

  const budget = imageBudget(model)
  const context: Context = {
    bytes,
    format: detected.format,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    budgetPixels: options.budgetPixels ?? budget.pixels,
    maxPartChars: options.maxPartChars ?? MAX_IMAGE_PART_CHARS,
    detail: budget.detail
  }
  switch (context.format) {
    case 'ico':
      return prepareIcon(context)
    case 'bmp':
      return prepareBitmap(context)
    case 'heic':
    case 'heif':
      return prepareHeif(context)
    default:
      return prepareDecodable(context, bytes)
  }
}

interface Context {
  bytes: Buffer
  format: ImageFormat
  sha256: string
  budgetPixels: number
  maxPartChars: number
  detail: ImageDetail
}

/** The checks docs/api.md lists: each side > 14 px, aspect within 150:1. Null when they pass. */
export function checkImageSize(size: Size): AttachmentResult<never> | null {
  const { width, height } = size
  const ratio = Math.max(width, height) / Math.max(1, Math.min(width, height))
  // Aspect first: a 1×200 strip is refused for its shape, which is the more useful reason.
  if (ratio > MAX_ASPECT_RATIO) {
    return refuse(
      'image_aspect_ratio',
      `The image is ${width}×${height} px, an aspect ratio of ${Math.round(ratio)}:1; the API takes at most ${MAX_ASPECT_RATIO}:1.`,
      { width, height, ratio: Math.round(ratio), limit: MAX_ASPECT_RATIO }
    )
  }
  if (Math.min(width, height) < MIN_IMAGE_SIDE) {
    return refuse(
      'image_too_small',
      `The image is ${width}×${height} px; each side must be more than ${MIN_IMAGE_SIDE - 1} px.`,
      { width, height, limit: MIN_IMAGE_SIDE - 1 }
    )
  }
  return null
}

/** The largest size with the same shape and at most `budget` pixels; the size itself if it fits. */
export function fitPixelBudget(size: Size, budget: number): Size {
  const pixels = size.width * size.height
  if (pixels <= budget) return size
  const scale = Math.sqrt(budget / pixels)
  let width = Math.max(1, Math.floor(size.width * scale))
  let height = Math.max(1, Math.floor(size.height * scale))
  while (width * height > budget) {
    if (width >= height) width--
    else height--
  }
  return { width, height }
}

/** Everything sharp decodes: JPEG, PNG, GIF, WebP, TIFF, AVIF (and HEIC where libvips can). */
async function prepareDecodable(
  context: Context,
  source: Buffer
): Promise<AttachmentResult<PreparedImage>> {
  let meta: Metadata
  try {
    meta = await sharp(source).metadata()
  } catch (error) {
    return unreadable(context.format, error)
  }
  if (!meta.width || !meta.height) return unreadable(context.format, 'no image size')
  // A multi-page file (animated GIF/WebP, TIFF) is decoded as its first page.
  const pageHeight = (meta.pages ?? 1) > 1 && meta.pageHeight ? meta.pageHeight : meta.height
  const rotated = (meta.orientation ?? 1) >= 5
  const original = rotated
    ? { width: pageHeight, height: meta.width }
    : { width: meta.width, height: pageHeight }
  const sizeRefusal = checkImageSize(original)
  if (sizeRefusal) return sizeRefusal
  if (original.width * original.height > 0x3fff * 0x3fff) {
    return refuse(
      'image_too_large',
      `The image is ${original.width}×${original.height} px, too many pixels to read.`,
      { width: original.width, height: original.height }
    )
  }

  const target = fitPixelBudget(original, context.budgetPixels)
  const needsOrientation = (meta.orientation ?? 1) !== 1
  const inputMime = apiMime(context.format)
  if (
    source === context.bytes &&
    !needsOrientation &&
    target.width === original.width &&
    API_IMAGE_FORMATS.has(context.format) &&
    dataURLLength(inputMime, source.length) <= context.maxPartChars
  ) {
    return accept(passThrough(context, original))
  }

  try {
    return await encodeToFit(context, source, original, target, {
      lossless: isLosslessSource(context.format, source),
      alpha: meta.hasAlpha === true
    })
  } catch (error) {
    return unreadable(context.format, error)
  }
}

/**
 * Encodes the oriented, scaled image. Lossless sources become PNG (text stays sharp); when that
 * is over the limit, or the source was lossy, high-quality JPEG (WebP with alpha), then lower
 * quality, then fewer pixels, until the data URL fits.
 */
async function encodeToFit(
  context: Context,
  source: Buffer,
  original: Size,
  target: Size,
  traits: { lossless: boolean; alpha: boolean }
): Promise<AttachmentResult<PreparedImage>> {
  const result = (bytes: Buffer, mime: string, size: Size): AttachmentResult<PreparedImage> =>
    accept({
      sha256: context.sha256,
      format: context.format,
      mime,
      bytes,
      width: size.width,
      height: size.height,
      originalWidth: original.width,
      originalHeight: original.height,
      detail: context.detail,
      passedThrough: false
    })
  const fits = (mime: string, bytes: Buffer): boolean =>
    dataURLLength(mime, bytes.length) <= context.maxPartChars
  const scaled = (): Sharp =>
    sharp(source, { failOn: 'error' })
      .autoOrient()
      .resize(target.width, target.height, { fit: 'fill' })

  if (traits.lossless) {
    // Level 2 with adaptive filtering off: within a few percent of level 9's size on
    // screenshots, at a fraction of the time.
    const png = await scaled().png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer()
    if (fits('image/png', png)) return result(png, 'image/png', target)
  }

  // Decode once; every lossy attempt below starts from these pixels.
  const { data, info } = await scaled().raw().toBuffer({ resolveWithObject: true })
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } }
  const mime = traits.alpha ? 'image/webp' : 'image/jpeg'
  const encode = (size: Size, quality: number): Promise<Buffer> => {
    let image = sharp(data, raw)
    if (size.width !== info.width) image = image.resize(size.width, size.height, { fit: 'fill' })
    return traits.alpha
      ? image.webp({ quality, effort: 2 }).toBuffer()
      : image.jpeg({ quality, chromaSubsampling: quality >= 85 ? '4:4:4' : '4:2:0' }).toBuffer()
  }
  let size = target
  for (let round = 0; round < 12; round++) {
    for (const quality of round === 0 ? [90, 80, 70] : [75]) {
      const bytes = await encode(size, quality)
      if (fits(mime, bytes)) return result(bytes, mime, size)
    }
    const smaller = fitPixelBudget(size, Math.floor(size.width * size.height * 0.6))
    if (Math.min(smaller.width, smaller.height) < MIN_IMAGE_SIDE) break
    size = smaller
  }
  return refuse(
    'image_too_large',
    `The image could not be brought under ${megabytes(context.maxPartChars)}.`,
    { limit: context.maxPartChars }
  )
}

/** ICO: always small; sent as it is (the API lists ico), checked by its largest entry. */
function prepareIcon(context: Context): AttachmentResult<PreparedImage> {
  const size = iconSize(context.bytes)
  if (!size) return unreadable('ico', 'no icon entries')
  return sendAsIs(context, size)
}

/** BMP: sent as it is when it fits (small), else decoded by ffmpeg and treated as a PNG. */
async function prepareBitmap(context: Context): Promise<AttachmentResult<PreparedImage>> {
  const size = bitmapSize(context.bytes)
  if (!size) return unreadable('bmp', 'no bitmap header')
  const sizeRefusal = checkImageSize(size)
  if (sizeRefusal) return sizeRefusal
  if (
    size.width * size.height <= context.budgetPixels &&
    dataURLLength(apiMime('bmp'), context.bytes.length) <= context.maxPartChars
  ) {
    return accept(passThrough(context, size))
  }
  let png: Buffer | null
  try {
    png = await decodeWithFfmpeg(context.bytes)
  } catch (error) {
    return unreadable('bmp', error)
  }
  if (!png) return unreadable('bmp', 'ffmpeg could not decode it')
  return prepareDecodable(context, png)
}

/**
 * HEIC/HEIF: sharp's prebuilt libvips decodes AVIF but not HEVC-coded HEIC. Where it can decode,
 * the file goes the usual way; where it cannot, the file is sent as it is (the API takes heic)
 * after checking the size its `ispe` box declares. It cannot be scaled then: over 10 MB or
 * 36 MP it is refused with a hint to convert it.
 */
async function prepareHeif(context: Context): Promise<AttachmentResult<PreparedImage>> {
  const decodable = await sharp(context.bytes)
    .resize(16, 16)
    .raw()
    .toBuffer()
    .then(
      () => true,
      () => false
    )
  if (decodable) return prepareDecodable(context, context.bytes)
  const size = heifSize(context.bytes)
  if (!size) return unreadable(context.format, 'no image size in the file')
  if (size.width * size.height > MAX_IMAGE_PIXELS) {
    return refuse(
      'image_too_large',
      `This ${formatLabel(context.format)} image is ${size.width}×${size.height} px; the API takes at most ${MAX_IMAGE_PIXELS / 1_000_000} MP and this app cannot scale ${formatLabel(context.format)}. Convert it to JPEG or PNG first.`,
      { width: size.width, height: size.height, limit: MAX_IMAGE_PIXELS }
    )
  }
  return sendAsIs(context, size)
}

function sendAsIs(context: Context, size: Size): AttachmentResult<PreparedImage> {
  const sizeRefusal = checkImageSize(size)
  if (sizeRefusal) return sizeRefusal
  const length = dataURLLength(apiMime(context.format), context.bytes.length)
  if (length > context.maxPartChars) {
    return refuse(
      'image_too_large',
      `This ${formatLabel(context.format)} image is ${megabytes(length)} as a data URL; the API takes at most ${megabytes(context.maxPartChars)}, and this app cannot re-encode ${formatLabel(context.format)}. Convert it to JPEG or PNG first.`,
      { bytes: length, limit: context.maxPartChars }
    )
  }
  return accept(passThrough(context, size))
}

function passThrough(context: Context, size: Size): PreparedImage {
  return {
    sha256: context.sha256,
    format: context.format,
    mime: apiMime(context.format),
    bytes: context.bytes,
    width: size.width,
    height: size.height,
    originalWidth: size.width,
    originalHeight: size.height,
    detail: context.detail,
    passedThrough: true
  }
}

function refuseNotImage(detected: DetectedFormat | null): AttachmentResult<never> {
  if (!detected) {
    return refuse(
      'unknown_format',
      'This file is not an image or video format the app knows (JPEG, PNG, GIF, WebP, BMP, TIFF, ICO, HEIC/HEIF; MP4, MOV, AVI).'
    )
  }
  if (detected.kind === 'video') {
    return refuse(
      'unsupported_format',
      `This is a ${formatLabel(detected.format)} video, not an image.`,
      { format: detected.format }
    )
  }
  return refuse(
    'unsupported_format',
    `${formatLabel(detected.format)} files are not accepted by the API. Images: JPEG, PNG, GIF, WebP, BMP, TIFF, ICO, HEIC/HEIF. Videos: MP4, MOV, AVI.`,
    { format: detected.format }
  )
}

function unreadable(format: ImageFormat, error: unknown): AttachmentResult<never> {
  const detail = error instanceof Error ? error.message : String(error)
  return refuse('unreadable', `This ${formatLabel(format)} image could not be read: ${detail}`, {
    format,
    detail
  })
}

function asBuffer(input: Uint8Array): Buffer {
  return Buffer.isBuffer(input)
    ? input
    : Buffer.from(input.buffer, input.byteOffset, input.byteLength)
}
