// npm run icons — renders resources/icon.svg with sharp into the files electron-builder packs:
// icon.png (1024 px, Linux), icon.icns (macOS), icon.ico (Windows), and the tray icon at 16 and
// 32 px as data URLs in src/main/shell/trayIcon.ts (bundled into main: no file to find at run
// time). The outputs are committed; run this again after changing the SVG.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp, { type Sharp } from 'sharp'
import { ICNS_TYPES, ICO_SIZES, bmpIconImage, icnsFile, icoFile } from './icon-formats'

const RESOURCES = join(__dirname, '..', 'resources')

/** The SVG rendered at `size` px: rasterised at that size (not scaled down from 1024) for crisp edges. */
async function render(svg: Buffer, size: number): Promise<Sharp> {
  return sharp(svg, { density: (72 * size) / 1024 }).resize(size, size)
}

const TRAY_ICON_MODULE = join(__dirname, '..', 'src', 'main', 'shell', 'trayIcon.ts')

/** The tray icon module: the 16 px and 32 px (2x) PNGs as data URLs. */
function trayIconModule(small: Buffer, large: Buffer): string {
  const url = (png: Buffer): string => `data:image/png;base64,${png.toString('base64')}`
  return [
    '// Written by `npm run icons` (scripts/icons.ts) from resources/icon.svg: the tray icon at 1x and 2x.',
    `export const TRAY_ICON_1X = '${url(small)}'`,
    `export const TRAY_ICON_2X = '${url(large)}'`,
    ''
  ].join('\n')
}

async function main(): Promise<void> {
  const svg = readFileSync(join(RESOURCES, 'icon.svg'))
  const png = new Map<number, Buffer>()
  const sizes = new Set<number>([1024, ...ICNS_TYPES.map((entry) => entry.size), ...ICO_SIZES])
  for (const size of sizes) {
    png.set(size, await (await render(svg, size)).png({ compressionLevel: 9 }).toBuffer())
  }

  writeFileSync(join(RESOURCES, 'icon.png'), png.get(1024)!)
  writeFileSync(
    join(RESOURCES, 'icon.icns'),
    icnsFile(ICNS_TYPES.map(({ type, size }) => ({ type, png: png.get(size)! })))
  )
  const icoImages = []
  for (const size of ICO_SIZES) {
    if (size === 256) icoImages.push({ size, data: png.get(size)! })
    else
      icoImages.push({
        size,
        data: bmpIconImage(size, await (await render(svg, size)).ensureAlpha().raw().toBuffer())
      })
  }
  writeFileSync(join(RESOURCES, 'icon.ico'), icoFile(icoImages))
  writeFileSync(TRAY_ICON_MODULE, trayIconModule(png.get(16)!, png.get(32)!))
  console.log(`Wrote icon.png, icon.icns, icon.ico in ${RESOURCES}, and ${TRAY_ICON_MODULE}`)
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
