// The real format of a file, from its first bytes. The file name is never consulted: a PNG named
// .jpg is a PNG, and the data URL must name the real format (docs/api.md, "Images").

export type ImageFormat =
  | 'jpeg'
  | 'png'
  | 'gif'
  | 'webp'
  | 'bmp'
  | 'tiff'
  | 'ico'
  | 'heic'
  | 'heif'
  | 'avif'
export type VideoFormat = 'mp4' | 'mov' | 'avi'
/** Formats recognised only so the refusal can name them. */
export type RefusedFormat =
  | 'webm'
  | 'mkv'
  | 'flv'
  | 'wmv'
  | 'mpeg-ts'
  | 'mpeg-ps'
  | 'ogg'
  | '3gp'
  | 'm4a'
  | 'wav'
  | 'svg'
  | 'pdf'
  | 'psd'
  | 'jxl'
  | 'jp2'
  | 'cr3'

export type DetectedFormat =
  | { kind: 'image'; format: ImageFormat }
  | { kind: 'video'; format: VideoFormat }
  | { kind: 'refused'; format: RefusedFormat }

/** How many leading bytes detection looks at; pass at least this many when you have them. */
export const DETECT_BYTES = 4096

/** Image formats the API takes as they are. AVIF is decodable here but not listed: we convert it. */
export const API_IMAGE_FORMATS: ReadonlySet<ImageFormat> = new Set([
  'jpeg',
  'png',
  'gif',
  'webp',
  'bmp',
  'tiff',
  'ico',
  'heic',
  'heif'
])

const LABELS: Record<ImageFormat | VideoFormat | RefusedFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  tiff: 'TIFF',
  ico: 'ICO',
  heic: 'HEIC',
  heif: 'HEIF',
  avif: 'AVIF',
  mp4: 'MP4',
  mov: 'MOV',
  avi: 'AVI',
  webm: 'WebM',
  mkv: 'MKV (Matroska)',
  flv: 'FLV',
  wmv: 'WMV/ASF',
  'mpeg-ts': 'MPEG-TS',
  'mpeg-ps': 'MPEG-PS',
  ogg: 'Ogg',
  '3gp': '3GP',
  m4a: 'M4A audio',
  wav: 'WAV audio',
  svg: 'SVG',
  pdf: 'PDF',
  psd: 'Photoshop PSD',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  cr3: 'Canon CR3 raw'
}

/** The name a user knows a format by ("PNG", "WebM"). */
export function formatLabel(format: ImageFormat | VideoFormat | RefusedFormat): string {
  return LABELS[format]
}

/** The MIME type the API expects in a data URL: `image/<format>`, `video/mp4|mov|avi` (lowercase). */
export function apiMime(format: ImageFormat | VideoFormat): string {
  return isVideoFormat(format) ? `video/${format}` : `image/${format}`
}

/** The registered MIME type, for serving a file to the renderer. */
export function webMime(format: ImageFormat | VideoFormat): string {
  if (format === 'ico') return 'image/x-icon'
  if (format === 'mov') return 'video/quicktime'
  if (format === 'avi') return 'video/x-msvideo'
  return apiMime(format)
}

function isVideoFormat(format: string): format is VideoFormat {
  return format === 'mp4' || format === 'mov' || format === 'avi'
}

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  start + length <= bytes.length
    ? String.fromCharCode(...bytes.subarray(start, start + length))
    : ''

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0): boolean =>
  bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b)

const u16le = (b: Uint8Array, at: number): number => b[at] | (b[at + 1] << 8)
const u32le = (b: Uint8Array, at: number): number =>
  (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0
const u32be = (b: Uint8Array, at: number): number =>
  ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0

/** Detects the format from the leading bytes; null when nothing matches. */
export function detectFormat(head: Uint8Array): DetectedFormat | null {
  const image = (format: ImageFormat): DetectedFormat => ({ kind: 'image', format })
  const video = (format: VideoFormat): DetectedFormat => ({ kind: 'video', format })
  const refused = (format: RefusedFormat): DetectedFormat => ({ kind: 'refused', format })

  if (startsWith(head, [0xff, 0xd8, 0xff])) return image('jpeg')
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image('png')
  const six = ascii(head, 0, 6)
  if (six === 'GIF87a' || six === 'GIF89a') return image('gif')
  if (ascii(head, 0, 4) === 'RIFF') {
    const form = ascii(head, 8, 4)
    if (form === 'WEBP') return image('webp')
    if (form === 'AVI ') return video('avi')
    if (form === 'WAVE') return refused('wav')
    return null
  }
  if (ascii(head, 0, 2) === 'BM' && head.length >= 18) {
    // The DIB header sizes Windows and OS/2 bitmaps use; anything else is not a bitmap.
    if ([12, 16, 40, 52, 56, 64, 108, 124].includes(u32le(head, 14))) return image('bmp')
  }
  if (
    startsWith(head, [0x49, 0x49, 0x2a, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]) ||
    startsWith(head, [0x49, 0x49, 0x2b, 0x00]) ||
    startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])
  ) {
    return image('tiff')
  }
  // ICO: reserved 0, type 1, at least one entry whose reserved byte is 0.
  if (startsWith(head, [0x00, 0x00, 0x01, 0x00]) && head.length >= 22) {
    if (u16le(head, 4) > 0 && head[9] === 0) return image('ico')
  }
  if (ascii(head, 4, 4) === 'ftyp') return detectIsoBmff(head)
  // QuickTime files from before ftyp existed start directly with one of these atoms.
  if (['moov', 'mdat', 'wide', 'pnot'].includes(ascii(head, 4, 4)) && u32be(head, 0) >= 8) {
    return video('mov')
  }
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = ascii(head, 0, Math.min(head.length, 64))
    return refused(docType.includes('webm') ? 'webm' : 'mkv')
  }
  if (ascii(head, 0, 3) === 'FLV') return refused('flv')
  if (startsWith(head, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11])) return refused('wmv')
  if (head.length > 376 && head[0] === 0x47 && head[188] === 0x47 && head[376] === 0x47) {
    return refused('mpeg-ts')
  }
  if (startsWith(head, [0x00, 0x00, 0x01, 0xba])) return refused('mpeg-ps')
  if (ascii(head, 0, 4) === 'OggS') return refused('ogg')
  if (ascii(head, 0, 4) === '%PDF') return refused('pdf')
  if (ascii(head, 0, 4) === '8BPS') return refused('psd')
  if (startsWith(head, [0xff, 0x0a]) || startsWith(head, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return refused('jxl')
  }
  if (startsWith(head, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return refused('jp2')
  if (looksLikeSvg(head)) return refused('svg')
  return null
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs'])
const AVIF_BRANDS = new Set(['avif', 'avis'])
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'mif2', 'miaf'])
const MP4_BRANDS = new Set([
  'isom',
  'iso2',
  'iso3',
  'iso4',
  'iso5',
  'iso6',
  'iso8',
  'iso9',
  'mp41',
  'mp42',
  'mp71',
  'avc1',
  'dash',
  'M4V ',
  'M4VH',
  'M4VP',
  'mmp4',
  'MSNV',
  'f4v ',
  'NDAS'
])
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P '])

/** ISO base media files (MP4, MOV, HEIF, AVIF, 3GP ...): decided by the ftyp brands. */
function detectIsoBmff(head: Uint8Array): DetectedFormat | null {
  const boxEnd = Math.min(head.length, Math.max(16, u32be(head, 0)))
  const major = ascii(head, 8, 4)
  const brands = [major]
  for (let at = 16; at + 4 <= boxEnd; at += 4) brands.push(ascii(head, at, 4))
  // A generic HEIF major brand ('mif1') says less than the compatible brands after it.
  const ordered = HEIF_BRANDS.has(major) ? [...brands.slice(1), major] : brands
  for (const brand of ordered) {
    if (HEIC_BRANDS.has(brand)) return { kind: 'image', format: 'heic' }
    if (AVIF_BRANDS.has(brand)) return { kind: 'image', format: 'avif' }
    if (HEIF_BRANDS.has(brand)) return { kind: 'image', format: 'heif' }
    if (brand === 'qt  ') return { kind: 'video', format: 'mov' }
    if (MP4_BRANDS.has(brand)) return { kind: 'video', format: 'mp4' }
    if (brand.startsWith('3gp') || brand.startsWith('3g2'))
      return { kind: 'refused', format: '3gp' }
    if (AUDIO_BRANDS.has(brand)) return { kind: 'refused', format: 'm4a' }
    if (brand === 'crx ') return { kind: 'refused', format: 'cr3' }
  }
  return null
}

function looksLikeSvg(head: Uint8Array): boolean {
  const text = ascii(head, 0, Math.min(head.length, 512)).replace(/^(\xef\xbb\xbf)?\s*/, '')
  return (
    (text.startsWith('<?xml') || text.startsWith('<svg') || text.startsWith('<!--')) &&
    text.includes('<svg')
  )
}
