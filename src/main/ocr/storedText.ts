// The text of a stored image, read on demand: the stand-in until a cached, queued reader (a worker
// thread) is handed to the core instead. Same type: (sha256) => text, '' when there is none.
import { recognizeText } from './recognize'

/** Reads a stored image's text with `recognizeText`; '' when the file is gone or has no text. */
export function storedImageText(
  readOriginal: (sha256: string) => Promise<Uint8Array | null>
): (sha256: string) => Promise<string> {
  return async (sha256) => {
    const bytes = await readOriginal(sha256)
    return bytes ? recognizeText(bytes) : ''
  }
}
