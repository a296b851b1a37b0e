// Why an attachment cannot be sent, as data the UI can translate (code + params) with an English
// message as the fallback text.
import type { ModelInfo } from '../models'
import { modelsThatTake } from './limits'

/** The closed set of reasons an attachment is refused. */
export const ATTACHMENT_REFUSAL_CODES = [
  'unknown_format', // the bytes are no image or video format we know
  'unsupported_format', // a format we recognise but the API does not take (WebM, MKV, AVIF ...)
  'image_too_small', // a side of 14 px or less
  'image_aspect_ratio', // longer side over shorter side beyond 150
  'image_too_large', // cannot be brought under the API's size or pixel limits
  'video_too_large', // over 50 MB, or too big for a request once encoded
  'unreadable', // a known format, but the file is damaged or cannot be decoded
  'bad_fps', // fps outside 0.2..5
  'model_no_image', // the chosen model does not take images
  'image_no_text', // an image sent as its text (the model cannot see) has no text in it
  'model_no_video', // the chosen model does not take videos
  'request_too_large', // this message's own attachments do not fit in one request
  'not_found', // the stored file is gone
  'document_unreadable', // a document that is damaged, password-protected or not text
  'document_too_large', // a document over the extraction limits (megabytes, pages, time)
  'document_no_text', // a document with no text in it
  'document_too_long' // documents whose text does not fit in the model's context
] as const
export type AttachmentRefusalCode = (typeof ATTACHMENT_REFUSAL_CODES)[number]

export interface AttachmentRefusal {
  code: AttachmentRefusalCode
  /** English text for the user; translate by `code` with `params` where i18n has it. */
  message: string
  params: Record<string, string | number>
}

export type AttachmentResult<T> = { ok: true; value: T } | { ok: false; error: AttachmentRefusal }

/** Builds a refused result. */
export function refuse<T = never>(
  code: AttachmentRefusalCode,
  message: string,
  params: Record<string, string | number> = {}
): AttachmentResult<T> {
  return { ok: false, error: { code, message, params } }
}

/** Builds an accepted result. */
export function accept<T>(value: T): AttachmentResult<T> {
  return { ok: true, value }
}

/** "12.3 MB" in the same 10^6 units as the limits. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

/** The refusal for a model whose flags say it does not take this kind of attachment. */
export function refuseForModel(model: ModelInfo, kind: 'image' | 'video'): AttachmentResult<never> {
  const models = modelsThatTake(kind)
  return refuse(
    kind === 'image' ? 'model_no_image' : 'model_no_video',
    `${model.id} does not take ${kind}s. Models that do: ${models.join(', ')}.`,
    { model: model.id, models: models.join(', ') }
  )
}
