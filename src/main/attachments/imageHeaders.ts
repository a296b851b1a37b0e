// What an image file's header says without decoding it: the size of formats sharp cannot read
// (ICO, BMP, HEVC-coded HEIF) and whether a source is lossless (so a re-encode stays PNG).
import { boxes, findBox } from './boxes'
import type { ImageFormat } from './detect'

export interface Size {
  width: number
  height: number
}

/** PNG, GIF, TIFF, lossless WebP: re-encode as PNG. JPEG, lossy WebP, AVIF, HEIC: as JPEG. */
export function isLosslessSource(format: ImageFormat, bytes: Buffer): boolean {
  if (format === 'webp') return webpIsLossless(bytes)
  return (
    format === 'png' ||
    format === 'gif' ||
    format === 'tiff' ||
    format === 'bmp' ||
    format === 'ico'
  )
}

/** A WebP is lossless when its image chunk is VP8L (simple or inside an extended file). */
function webpIsLossless(bytes: Buffer): boolean {
  for (let at = 12; at + 8 <= Math.min(bytes.length, 1 << 20); ) {
    const chunk = bytes.toString('latin1', at, at + 4)
    if (chunk === 'VP8L') return true
    if (chunk === 'VP8 ') return false
    at += 8 + bytes.readUInt32LE(at + 4) + (bytes.readUInt32LE(at + 4) & 1)
  }
  return false
}

/** The largest entry in an ICO directory (a width or height byte of 0 means 256). */
export function iconSize(bytes: Buffer): Size | null {
  if (bytes.length < 6) return null
  const count = bytes.readUInt16LE(4)
  let best: Size | null = null
  for (let i = 0; i < count && 6 + 16 * (i + 1) <= bytes.length; i++) {
    const at = 6 + 16 * i
    const size = { width: bytes[at] || 256, height: bytes[at + 1] || 256 }
    if (!best || size.width * size.height > best.width * best.height) best = size
  }
  return best
}

/** Width and height from a BMP's DIB header (a negative height means top-down rows). */
export function bitmapSize(bytes: Buffer): Size | null {
  if (bytes.length < 26) return null
  if (bytes.readUInt32LE(14) === 12) {
    return { width: bytes.readUInt16LE(18), height: bytes.readUInt16LE(20) }
  }
  return { width: Math.abs(bytes.readInt32LE(18)), height: Math.abs(bytes.readInt32LE(22)) }
}

/**
 * The image size a HEIF declares: the largest `ispe` property in meta/iprp/ipco. The primary
 * image (or its grid) is the largest; tiles and thumbnails are smaller.
 */
export function heifSize(bytes: Buffer): Size | null {
  const meta = findBox(bytes, 0, bytes.length, 'meta')
  if (!meta) return null
  // meta is a full box: 4 bytes of version and flags before its children.
  const iprp = findBox(bytes, meta.body + 4, meta.end, 'iprp')
  const ipco = iprp && findBox(bytes, iprp.body, iprp.end, 'ipco')
  if (!ipco) return null
  let best: Size | null = null
  for (const box of boxes(bytes, ipco.body, ipco.end)) {
    if (box.type !== 'ispe' || box.body + 12 > box.end) continue
    const size = {
      width: bytes.readUInt32BE(box.body + 4),
      height: bytes.readUInt32BE(box.body + 8)
    }
    if (!best || size.width * size.height > best.width * best.height) best = size
  }
  return best
}
