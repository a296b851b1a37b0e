// Offline text recognition of one image with PaddleOCR, for callers that need no queue of their
// own (the CLI): a shared worker thread (ocr/worker.ts) reads it, never the calling event loop.
import { RecognitionWorker, type RecognizedLine } from './worker'

export type { RecognizedLine }

let shared: RecognitionWorker | null = null

/** The lines of text in an image (any format sharp reads), in reading order. */
export function recognizeLines(image: Uint8Array): Promise<RecognizedLine[]> {
  shared ??= new RecognitionWorker()
  return shared.recognize(image)
}

/** The text in an image, one line per recognized line; '' when there is none. */
export async function recognizeText(image: Uint8Array): Promise<string> {
  return (await recognizeLines(image)).map((line) => line.text).join('\n')
}
