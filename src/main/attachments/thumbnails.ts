// Small previews for the composer tray and the history, kept beside each stored file.
import sharp from 'sharp'
import type { ImageFormat } from './detect'
import { runFfmpeg } from './ffmpeg'

/** Longest side of a thumbnail, in px. */
export const THUMBNAIL_SIZE = 256
export const THUMBNAIL_MIME = 'image/webp'

/** A WebP thumbnail of an image (orientation applied, never enlarged); null if it cannot be decoded. */
export async function imageThumbnail(bytes: Buffer, format: ImageFormat): Promise<Buffer | null> {
  try {
    const source = format === 'bmp' || format === 'ico' ? await decodeWithFfmpeg(bytes) : bytes
    if (!source) return null
    return await thumbnailOf(source)
  } catch {
    return null
  }
}

/** Resizes any image sharp decodes into a thumbnail. */
export async function thumbnailOf(source: Buffer): Promise<Buffer> {
  return sharp(source, { failOn: 'error' })
    .autoOrient()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 80 })
    .toBuffer()
}

/** A neutral tile naming the format, for files we can send but not draw (HEIC, broken posters). */
export async function placeholderThumbnail(label: string): Promise<Buffer> {
  const safe = label.replace(/[^\w .-]/g, '').slice(0, 12)
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMBNAIL_SIZE}" height="${THUMBNAIL_SIZE}">` +
    `<rect width="100%" height="100%" rx="16" fill="#e5e7eb"/>` +
    `<text x="50%" y="54%" text-anchor="middle" font-family="sans-serif" font-size="44" ` +
    `fill="#4b5563">${safe}</text></svg>`
  return sharp(Buffer.from(svg)).webp({ quality: 80 }).toBuffer()
}

/**
 * BMP and ICO through ffmpeg (sharp's prebuilt libvips reads neither); PNG out, null on failure.
 * For ICO ffmpeg takes the first entry of the directory.
 */
export async function decodeWithFfmpeg(bytes: Buffer): Promise<Buffer | null> {
  const output = await runFfmpeg(
    ['-v', 'error', '-i', 'pipe:0', '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'png', 'pipe:1'],
    { input: bytes, timeoutMs: 20_000 }
  )
  return output.code === 0 && output.stdout.length > 0 ? output.stdout : null
}
