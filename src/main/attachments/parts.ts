// Content parts of a user message as the API takes them (docs/api.md, "Messages"), and the stored
// attachment → part step with its per-budget cache.
import type { ModelInfo } from '../../shared/models'
import { dataURLLength, toDataURL } from './dataurl'
import { apiMime, detectFormat } from './detect'
import { prepareImage } from './images'
import { FPS_DEFAULT, imageBudget, type ImageDetail } from '../../shared/attachments/limits'
import type { AttachmentRecord } from './records'
import {
  accept,
  refuse,
  refuseForModel,
  type AttachmentResult
} from '../../shared/attachments/refusals'
import type { AttachmentStore } from './store'
import { imageTextPart, sendsImageAsText, textOfImage, type ImageTextOptions } from './imageText'
import { documentPartText } from './documents/extract'
import { parsePageRanges } from '../../shared/attachments/documentPages'
import type { DocumentTexts } from './documents/texts'

export interface TextPart {
  type: 'text'
  text: string
}
export interface ImageURLPart {
  type: 'image_url'
  image_url: { url: string; detail?: ImageDetail }
}
export interface VideoURLPart {
  type: 'video_url'
  video_url: { url: string; fps?: number }
}
export type ContentPart = TextPart | ImageURLPart | VideoURLPart
/** A message's `content`: a string, or parts. */
export type MessageContent = string | ContentPart[]

/** An image part with its data URL. */
export function imagePart(mime: string, bytes: Uint8Array, detail: ImageDetail): ImageURLPart {
  return { type: 'image_url', image_url: { url: toDataURL(mime, bytes), detail } }
}

/** A video part with its data URL (video/mp4, video/mov, video/avi) and sampling rate. */
export function videoPart(mime: string, bytes: Uint8Array, fps: number): VideoURLPart {
  return { type: 'video_url', video_url: { url: toDataURL(mime, bytes), fps } }
}

/** The exact length in the JSON body of a part carrying `byteLength` bytes, without building it. */
export function partJSONBytes(
  kind: 'image' | 'video',
  mime: string,
  byteLength: number,
  extra: { detail?: ImageDetail; fps?: number } = {}
): number {
  const shell =
    kind === 'image'
      ? JSON.stringify({ type: 'image_url', image_url: { url: '', detail: extra.detail } })
      : JSON.stringify({ type: 'video_url', video_url: { url: '', fps: extra.fps } })
  return shell.length + dataURLLength(mime, byteLength)
}

/**
 * A user message's content: attachments first, then the text, as in docs/api.md's example
 * (the model reads the question after what it is about). Plain text stays a plain string.
 */
export function userContent(text: string, attachments: readonly ContentPart[]): MessageContent {
  if (attachments.length === 0) return text
  return text ? [...attachments, { type: 'text', text }] : [...attachments]
}

/** A stored attachment, measured for a model, ready to be loaded into a part. */
export interface ResolvedPart {
  record: AttachmentRecord
  /** MIME of what will be sent. */
  mime: string
  /** Payload bytes (before base64). */
  byteLength: number
  /** Length of the part in the JSON body. */
  jsonBytes: number
  /** Reads the file and builds the part (with its data URL). */
  load: () => Promise<ContentPart>
}

/**
 * Measures what a stored attachment costs in a request to `model`, preparing (and caching) the
 * image for the model's pixel budget on first use. Videos go as stored. With `imageText`, an
 * image the model cannot see (or every image, `always`) goes as its recognized text.
 */
export async function resolvePart(
  store: AttachmentStore,
  record: AttachmentRecord,
  model: ModelInfo,
  imageText?: ImageTextOptions,
  documents?: DocumentTexts
): Promise<AttachmentResult<ResolvedPart>> {
  if (record.kind === 'document') return resolveDocument(record, documents)
  if (record.kind === 'image' && imageText && sendsImageAsText(model, imageText)) {
    return resolveImageText(record, model, imageText)
  }
  if (!model[record.kind]) return refuseForModel(model, record.kind)
  return record.kind === 'video' ? resolveVideo(store, record) : resolveImage(store, record, model)
}

async function resolveImageText(
  record: AttachmentRecord,
  model: ModelInfo,
  imageText: ImageTextOptions
): Promise<AttachmentResult<ResolvedPart>> {
  const text = await textOfImage(imageText, record, model)
  if (!text.ok) return text
  const part = imageTextPart(record.name, text.value)
  const byteLength = Buffer.byteLength(part.text)
  return accept({
    record,
    mime: 'text/plain',
    byteLength,
    jsonBytes: Buffer.byteLength(JSON.stringify(part)),
    load: async () => part
  })
}

/** A document goes as one text part: its name (and pages) around its extracted text. */
function resolveDocument(
  record: AttachmentRecord,
  documents: DocumentTexts | undefined
): AttachmentResult<ResolvedPart> {
  const document = documents?.get(record.sha256)
  if (!document) return missing(record)
  const chosen =
    record.pages && document.pages !== null ? parsePageRanges(record.pages, document.pages) : null
  const part: TextPart = { type: 'text', text: documentPartText(record.name, document, chosen) }
  return accept({
    record,
    mime: 'text/plain',
    byteLength: Buffer.byteLength(part.text),
    jsonBytes: Buffer.byteLength(JSON.stringify(part)),
    load: async () => part
  })
}

async function resolveVideo(
  store: AttachmentStore,
  record: AttachmentRecord
): Promise<AttachmentResult<ResolvedPart>> {
  const byteLength = await store.size(record.sha256)
  if (byteLength === null) return missing(record)
  const fps = record.fps ?? FPS_DEFAULT
  return accept({
    record,
    mime: record.mime,
    byteLength,
    jsonBytes: partJSONBytes('video', record.mime, byteLength, { fps }),
    load: async () => {
      const bytes = await store.read(record.sha256)
      if (!bytes) throw new Error(`attachment ${record.sha256} vanished from the store`)
      return videoPart(record.mime, bytes, fps)
    }
  })
}

/** The stored variant holding an image as prepared for `model`'s pixel budget. */
export function partVariant(model: ModelInfo): 'part-high' | 'part-xhigh' {
  return imageBudget(model).detail === 'xhigh' ? 'part-xhigh' : 'part-high'
}

async function resolveImage(
  store: AttachmentStore,
  record: AttachmentRecord,
  model: ModelInfo
): Promise<AttachmentResult<ResolvedPart>> {
  const { detail } = imageBudget(model)
  const variant = partVariant(model)
  const resolved = (
    mime: string,
    byteLength: number,
    load: () => Promise<ContentPart>
  ): AttachmentResult<ResolvedPart> =>
    accept({
      record,
      mime,
      byteLength,
      jsonBytes: partJSONBytes('image', mime, byteLength, { detail }),
      load
    })

  const cached = await store.read(record.sha256, variant)
  if (cached) {
    const detected = detectFormat(cached)
    if (detected?.kind === 'image') {
      const mime = apiMime(detected.format)
      // Keep only the size now; the bytes are read again if this part is actually sent.
      return resolved(mime, cached.length, async () => {
        const bytes = await store.read(record.sha256, variant)
        if (!bytes) throw new Error(`attachment ${record.sha256} vanished from the store`)
        return imagePart(mime, bytes, detail)
      })
    }
  }
  const original = await store.read(record.sha256)
  if (!original) return missing(record)
  const prepared = await prepareImage(original, model)
  if (!prepared.ok) return prepared
  const { mime, bytes } = prepared.value
  if (prepared.value.passedThrough) await store.linkVariantToOriginal(record.sha256, variant)
  else await store.putVariant(record.sha256, variant, bytes)
  return resolved(mime, bytes.length, async () => imagePart(mime, bytes, detail))
}

function missing(record: AttachmentRecord): AttachmentResult<never> {
  return refuse(
    'not_found',
    `The file of “${record.name}” is no longer in the app's data folder.`,
    { name: record.name, sha256: record.sha256 }
  )
}
