// ISO base media file boxes (MP4, MOV, HEIF): just enough to walk to mvhd, tkhd and ispe.

export interface Box {
  type: string
  /** Offset of the first byte after the header. */
  body: number
  end: number
}

/** The ISO BMFF boxes between `start` and `end` (sizes 0 = to the end, 1 = 64-bit). */
export function* boxes(bytes: Buffer, start: number, end: number): Generator<Box> {
  let at = start
  while (at + 8 <= end) {
    let size = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    let header = 8
    if (size === 1) {
      if (at + 16 > end) return
      size = Number(bytes.readBigUInt64BE(at + 8))
      header = 16
    } else if (size === 0) {
      size = end - at
    }
    if (size < header || at + size > end) {
      // A truncated last box: report what is there.
      yield { type, body: at + header, end }
      return
    }
    yield { type, body: at + header, end: at + size }
    at += size
  }
}

/** The first box of `type` between `start` and `end`. */
export function findBox(bytes: Buffer, start: number, end: number, type: string): Box | null {
  for (const box of boxes(bytes, start, end)) if (box.type === type) return box
  return null
}
