// Images for a model that cannot see them (GLM 4.7, any model without image input), or for any
// model when asked (the CLI's --ocr): sent as the text recognized in them (docs/api.md,
// "Images as text"), never as pixels.
import { modelDisplayName, type ModelInfo } from '../../shared/models'
import { accept, refuse, type AttachmentResult } from '../../shared/attachments/refusals'

/** The recognized text of a stored image by its sha256; '' when it has none. */
export type ReadImageText = (sha256: string) => Promise<string>

/** How images become text: where the text comes from, and whether every model gets text. */
export interface ImageTextOptions {
  readImageText: ReadImageText
  /** Send the text instead of the image even to a model that sees images (the CLI's --ocr). */
  always?: boolean
  /** Reads the text in image bytes now (a PDF page without a text layer); its lines joined. */
  recognize?: (png: Uint8Array) => Promise<string>
}

/** Whether an image goes to `model` as its recognized text. */
export function sendsImageAsText(model: ModelInfo, options: ImageTextOptions | undefined): boolean {
  return options !== undefined && (options.always === true || !model.image)
}

/** The text part that stands for an image: a heading naming the file, then its text. */
export function imageTextPart(name: string, text: string): { type: 'text'; text: string } {
  return { type: 'text', text: `[Text in image “${name}”]\n${text}` }
}

/** The recognized text of a stored image, or the reason it cannot stand for the image. */
export async function textOfImage(
  options: ImageTextOptions,
  image: { sha256: string; name: string },
  model: ModelInfo
): Promise<AttachmentResult<string>> {
  const text = (await options.readImageText(image.sha256)).trim()
  if (text) return accept(text)
  const modelName = modelDisplayName(model.id)
  return refuse(
    'image_no_text',
    model.image
      ? `No text was found in “${image.name}”, so there is nothing to send in its place.`
      : `No text was found in “${image.name}”, and ${modelName} cannot see images. Switch to a model that can, or remove the image.`,
    { name: image.name, model: model.id, sees: model.image ? 1 : 0 }
  )
}
