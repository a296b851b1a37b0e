// The bytes behind the renderer's attachment URLs (the lead's custom protocol handler calls this;
// the renderer never gets file:// paths).
import { DETECT_BYTES, detectFormat, webMime } from './detect'
import { isSha256, type AttachmentStore } from './store'
import { THUMBNAIL_MIME } from './thumbnails'

export interface ServedAttachment {
  mime: string
  bytes: Buffer
}

const ROUTE = /^\/([0-9a-f]{64})\/(thumb|original)$/

/**
 * Answers `/<sha256>/thumb` or `/<sha256>/original` with the stored bytes and their MIME type;
 * null for any other path, a hash not in the store, or one `isKnown` rejects (for instance a
 * hash no message or pending draft references).
 */
export async function serveAttachment(
  store: AttachmentStore,
  urlPath: string,
  isKnown: (sha256: string) => boolean = () => true
): Promise<ServedAttachment | null> {
  const match = ROUTE.exec(urlPath)
  if (!match || !isSha256(match[1]) || !isKnown(match[1])) return null
  const [, sha256, variant] = match
  const bytes = await store.read(sha256, variant === 'thumb' ? 'thumb' : 'original')
  if (!bytes) return null
  if (variant === 'thumb') return { mime: THUMBNAIL_MIME, bytes }
  const detected = detectFormat(bytes.subarray(0, DETECT_BYTES))
  if (!detected || detected.kind === 'refused') return null
  return { mime: webMime(detected.format), bytes }
}
