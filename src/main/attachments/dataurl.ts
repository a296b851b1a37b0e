/** `data:<mime>;base64,<payload>`: how images and videos travel inside the request. */
export function toDataURL(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')}`
}

/** The length of `toDataURL(mime, bytes)` without building it. */
export function dataURLLength(mime: string, byteLength: number): number {
  return 'data:'.length + mime.length + ';base64,'.length + 4 * Math.ceil(byteLength / 3)
}
