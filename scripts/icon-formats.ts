// The two icon containers electron-builder wants, written by hand: both are a small header and a
// table of images. No maintained npm package writes ICNS; the ICO writers on npm pull in more
// than these forty lines.

/** An ICNS entry type and the pixel size of the PNG it holds (Apple's `iconutil` set). */
export const ICNS_TYPES = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'icp6', size: 64 },
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic10', size: 1024 } // 512@2x
] as const

/** Sizes in the Windows icon: BMP for the small ones (every Windows shell reads them), PNG for 256. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 256] as const

/** An Apple icon file: 'icns', the file length, then (type, length, PNG bytes) per entry; big-endian. */
export function icnsFile(entries: readonly { type: string; png: Buffer }[]): Buffer {
  const chunks = entries.map(({ type, png }) => {
    if (!/^[a-z0-9]{4}$/.test(type)) throw new Error(`Not an ICNS type: ${type}`)
    const header = Buffer.alloc(8)
    header.write(type, 0, 'latin1')
    header.writeUInt32BE(png.length + 8, 4)
    return Buffer.concat([header, png])
  })
  const header = Buffer.alloc(8)
  header.write('icns', 0, 'latin1')
  header.writeUInt32BE(8 + chunks.reduce((total, chunk) => total + chunk.length, 0), 4)
  return Buffer.concat([header, ...chunks])
}

/** One ICO image as a 32-bit BMP: BITMAPINFOHEADER (height doubled), BGRA rows bottom-up, AND mask. */
export function bmpIconImage(size: number, rgba: Buffer): Buffer {
  if (rgba.length !== size * size * 4) throw new Error(`Expected ${size}×${size} RGBA pixels`)
  const maskStride = Math.ceil(size / 32) * 4
  const header = Buffer.alloc(40)
  header.writeUInt32LE(40, 0)
  header.writeInt32LE(size, 4)
  header.writeInt32LE(size * 2, 8) // the colour bitmap and the mask, stacked
  header.writeUInt16LE(1, 12)
  header.writeUInt16LE(32, 14)
  header.writeUInt32LE(size * size * 4 + maskStride * size, 20)
  const pixels = Buffer.alloc(size * size * 4)
  const mask = Buffer.alloc(maskStride * size)
  for (let y = 0; y < size; y++) {
    const row = size - 1 - y // bottom-up
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4
      const to = (row * size + x) * 4
      pixels[to] = rgba[from + 2]
      pixels[to + 1] = rgba[from + 1]
      pixels[to + 2] = rgba[from]
      pixels[to + 3] = rgba[from + 3]
      // Fully transparent pixels are also masked out for renderers that ignore alpha.
      if (rgba[from + 3] === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7)
    }
  }
  return Buffer.concat([header, pixels, mask])
}

/** A Windows icon file: ICONDIR, one 16-byte entry per image, then the images (BMP or PNG bytes). */
export function icoFile(images: readonly { size: number; data: Buffer }[]): Buffer {
  const directory = Buffer.alloc(6 + 16 * images.length)
  directory.writeUInt16LE(0, 0)
  directory.writeUInt16LE(1, 2) // 1 = icon
  directory.writeUInt16LE(images.length, 4)
  let offset = directory.length
  images.forEach(({ size, data }, index) => {
    if (size < 1 || size > 256) throw new Error(`An ICO image is 1 to 256 px, not ${size}`)
    const entry = 6 + 16 * index
    directory.writeUInt8(size === 256 ? 0 : size, entry) // 0 means 256
    directory.writeUInt8(size === 256 ? 0 : size, entry + 1)
    directory.writeUInt16LE(1, entry + 4)
    directory.writeUInt16LE(32, entry + 6)
    directory.writeUInt32LE(data.length, entry + 8)
    directory.writeUInt32LE(offset, entry + 12)
    offset += data.length
  })
  return Buffer.concat([directory, ...images.map((image) => image.data)])
}
