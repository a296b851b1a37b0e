// The committed app icons: the sizes each container promises, read back by independent readers
// (sharp for PNG, the bundled ffmpeg for ICO), and the containers' byte layout.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { ffmpegPath } from '../../../src/main/attachments/ffmpeg'
import {
  ICNS_TYPES,
  ICO_SIZES,
  bmpIconImage,
  icnsFile,
  icoFile
} from '../../../scripts/icon-formats'
import { TRAY_ICON_1X, TRAY_ICON_2X } from '../../../src/main/shell/trayIcon'

const RESOURCES = join(__dirname, '../../../resources')

describe('the tray icon', () => {
  it('is a 16 px PNG and its 32 px 2x version, as data URLs the shell bundles', async () => {
    for (const [url, size] of [
      [TRAY_ICON_1X, 16],
      [TRAY_ICON_2X, 32]
    ] as const) {
      const [head, base64] = url.split(',')
      expect(head).toBe('data:image/png;base64')
      const meta = await sharp(Buffer.from(base64, 'base64')).metadata()
      expect([meta.format, meta.width, meta.height, meta.hasAlpha]).toEqual([
        'png',
        size,
        size,
        true
      ])
    }
  })
})

describe('the committed icons', () => {
  it('icon.png is 1024 px square with transparent corners and the opaque tile inside', async () => {
    const png = readFileSync(join(RESOURCES, 'icon.png'))
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true })
    expect([info.width, info.height, info.channels]).toEqual([1024, 1024, 4])
    const alpha = (x: number, y: number): number => data[(y * 1024 + x) * 4 + 3]
    expect(alpha(2, 2)).toBe(0)
    expect(alpha(512, 100)).toBe(255)
  })

  it('icon.icns holds one PNG per Apple size, each the size its type names', async () => {
    const file = readFileSync(join(RESOURCES, 'icon.icns'))
    expect(file.toString('latin1', 0, 4)).toBe('icns')
    expect(file.readUInt32BE(4)).toBe(file.length)
    const entries: { type: string; size: number }[] = []
    for (let offset = 8; offset < file.length; ) {
      const length = file.readUInt32BE(offset + 4)
      const meta = await sharp(file.subarray(offset + 8, offset + length)).metadata()
      expect(meta.format).toBe('png')
      expect(meta.width).toBe(meta.height)
      entries.push({ type: file.toString('latin1', offset, offset + 4), size: meta.width! })
      offset += length
    }
    expect(entries).toEqual(ICNS_TYPES.map(({ type, size }) => ({ type, size })))
  })

  it('icon.ico decodes in ffmpeg at every size, 256 px as PNG', async () => {
    const result = spawnSync(
      await ffmpegPath(),
      ['-hide_banner', '-i', join(RESOURCES, 'icon.ico')],
      { encoding: 'utf8' }
    )
    const streams = [
      ...result.stderr.matchAll(/Video: (bmp|png), [^,]+(?:\([^)]*\))?, (\d+)x(\d+)/g)
    ].map((m) => `${m[1]} ${m[2]}x${m[3]}`)
    expect(streams).toEqual(
      ICO_SIZES.map((size) => `${size === 256 ? 'png' : 'bmp'} ${size}x${size}`)
    )
  })
})

describe('the icon containers', () => {
  it('writes an ICNS header, then type and length per entry', () => {
    const file = icnsFile([
      { type: 'ic07', png: Buffer.from('abc') },
      { type: 'icp4', png: Buffer.from('de') }
    ])
    expect(file.toString('latin1')).toBe('icns\0\0\0\x1Dic07\0\0\0\x0Babcicp4\0\0\0\x0Ade')
    expect(() => icnsFile([{ type: 'bad', png: Buffer.alloc(1) }])).toThrow(/ICNS type/)
  })

  it('writes a 32-bit BMP icon image bottom-up in BGRA, masking transparent pixels', () => {
    // 2×2: top row red (opaque), transparent; bottom row green, blue.
    const rgba = Buffer.from([255, 0, 0, 255, 0, 0, 0, 0, 0, 255, 0, 255, 0, 0, 255, 255])
    const image = bmpIconImage(2, rgba)
    expect(image.readUInt32LE(0)).toBe(40)
    expect([image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([2, 4, 32])
    const pixels = [...image.subarray(40, 56)]
    expect(pixels).toEqual([0, 255, 0, 255, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0])
    // Mask rows are 4 bytes, bottom-up: the bottom row has nothing masked, the top row pixel 1.
    expect([...image.subarray(56)]).toEqual([0, 0, 0, 0, 0x40, 0, 0, 0])
    expect(() => bmpIconImage(3, rgba)).toThrow(/3×3/)
  })

  it('writes an ICO directory with 256 as 0 and the images after it', () => {
    const file = icoFile([
      { size: 16, data: Buffer.from('aaaa') },
      { size: 256, data: Buffer.from('bb') }
    ])
    expect([file.readUInt16LE(0), file.readUInt16LE(2), file.readUInt16LE(4)]).toEqual([0, 1, 2])
    expect([file[6], file[7], file.readUInt32LE(14), file.readUInt32LE(18)]).toEqual([
      16, 16, 4, 38
    ])
    expect([file[22], file[23], file.readUInt32LE(30), file.readUInt32LE(34)]).toEqual([
      0, 0, 2, 42
    ])
    expect(file.subarray(38).toString()).toBe('aaaabb')
    expect(() => icoFile([{ size: 512, data: Buffer.alloc(1) }])).toThrow(/1 to 256/)
  })
})
