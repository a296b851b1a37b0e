// Cropping a frozen display to the region the user picked: exact device pixels, with sharp.
import sharp from 'sharp'

/** A rectangle in device pixels of a display's image. */
export interface DeviceRect {
  x: number
  y: number
  width: number
  height: number
}

/**
 * The part of `rect` inside a `width` × `height` image, on whole pixels (rounded outward, so a
 * fractional edge keeps the pixel it touches); null when nothing of it is inside.
 */
export function clampRect(rect: DeviceRect, width: number, height: number): DeviceRect | null {
  const left = Math.max(0, Math.floor(rect.x))
  const top = Math.max(0, Math.floor(rect.y))
  const right = Math.min(width, Math.ceil(rect.x + rect.width))
  const bottom = Math.min(height, Math.ceil(rect.y + rect.height))
  if (right <= left || bottom <= top) return null
  return { x: left, y: top, width: right - left, height: bottom - top }
}

/** The pixels of `rect` (clamped to the image) as a PNG; null when the region is empty. */
export async function cropRegion(png: Buffer, rect: DeviceRect): Promise<Buffer | null> {
  const { width = 0, height = 0 } = await sharp(png).metadata()
  const region = clampRect(rect, width, height)
  if (!region) return null
  return sharp(png)
    .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
    .png()
    .toBuffer()
}

const pad = (n: number): string => String(n).padStart(2, '0')

/** `Screenshot 2026-12-04 23.41.05.png`, in local time, like the OS's own screenshots. */
export function screenshotName(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  const time = `${pad(date.getHours())}.${pad(date.getMinutes())}.${pad(date.getSeconds())}`
  return `Screenshot ${day} ${time}.png`
}
