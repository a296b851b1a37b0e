// The text of a stored image, read on demand: the stand-in until a cached, queued reader (a worker
// thread) is handed to the core instead. Same type: (sha256) => text, '' when there is none.
import { recognizeText } from './recognize'

/** How many images' text is kept in memory (a conversation's images are read again each send). */
const REMEMBERED = 200

/**
 * Reads a stored image's text with `recognizeText`, once per image while it is remembered; ''
 * when the file is gone or has no text.
 */
export function storedImageText(
  readOriginal: (sha256: string) => Promise<Uint8Array | null>
): (sha256: string) => Promise<string> {
  const remembered = new Map<string, Promise<string>>()
  return (sha256) => {
    const known = remembered.get(sha256)
    if (known) return known
    const reading = readOriginal(sha256).then((bytes) => (bytes ? recognizeText(bytes) : ''))
    remembered.set(sha256, reading)
    // A failed read is not remembered; the oldest goes when the map is full.
    reading.catch(() => remembered.delete(sha256))
    if (remembered.size > REMEMBERED) remembered.delete(remembered.keys().next().value!)
    return reading
  }
}
