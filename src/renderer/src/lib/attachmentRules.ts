// What the renderer works out about attachments on its own: sizes in words, which kinds the
// current model cannot take, the model to offer instead, and refusals in the UI language.
import type { TFunction } from 'i18next'
import type { AppErrorInfo } from '../../../shared/errors'
import type { Attachment } from '../../../shared/types'
import {
  FPS_MAX,
  FPS_MIN,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE
} from '../../../shared/attachments/limits'
import {
  catalogModel,
  modelDisplayName,
  withCorrection,
  type ModelCorrections,
  type ModelInfo
} from '../../../shared/models'
import { DOCUMENT_PICKER_TYPES } from '../../../shared/attachments/documents'

export type AttachmentKind = Attachment['kind']

export { MAX_ATTACHMENTS_PER_MESSAGE }
/**
 * Largest file handed to main: the contract refuses bigger ones before main can say why, so the
 * renderer says it instead, without reading the file.
 */
export const MAX_FILE_BYTES = MAX_ATTACHMENT_BYTES

/** What the file picker offers; main still checks the real bytes of every file. */
export const ACCEPTED_FILES =
  'image/png,image/jpeg,image/gif,image/webp,image/bmp,image/tiff,image/x-icon,image/vnd.microsoft.icon,' +
  'image/heic,image/heif,.heic,.heif,.ico,video/mp4,video/quicktime,video/x-msvideo,.mp4,.mov,.avi,' +
  `application/pdf,text/plain,${DOCUMENT_PICKER_TYPES}`

/** "512 B", "340 KB", "1.2 MB", in the same 10^6 units as the API's limits. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`
}

/** An fps the API takes: within 0.2..5, to one decimal (the control's step). */
export function clampFps(fps: number): number {
  return Math.min(FPS_MAX, Math.max(FPS_MIN, Math.round(fps * 10) / 10))
}

/** "0:07", "1:02:03". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/**
 * What we know of a model: the provider's list first, then the catalog (an unlisted id by its
 * family), with the user's correction on top.
 */
export function modelInfoOf(
  models: readonly ModelInfo[],
  id: string,
  corrections: ModelCorrections = {}
): ModelInfo {
  return withCorrection(models.find((model) => model.id === id) ?? catalogModel(id), corrections)
}

/** Why Send is held back: the model cannot take some kinds in the tray, and who can. */
export interface AttachmentBlock {
  model: string
  kinds: AttachmentKind[]
  /** The first listed model that takes every kind in the tray; null when none does. */
  switchTo: string | null
}

/**
 * The kinds in the tray the model cannot take, or null when it takes them all. Images never
 * block: a model that cannot see them gets the text read in them.
 */
export function attachmentBlock(
  attachments: readonly Pick<Attachment, 'kind'>[],
  model: ModelInfo,
  models: readonly ModelInfo[]
): AttachmentBlock | null {
  const kinds = [...new Set(attachments.map((a) => a.kind))]
  // Documents go as text: every model takes them.
  const missing = kinds.filter((kind) => kind === 'video' && !model[kind])
  if (missing.length === 0) return null
  return { model: model.id, kinds: missing.sort(), switchTo: modelTaking(kinds, models) }
}

/** The first listed model that takes every one of these kinds. */
export function modelTaking(
  kinds: readonly AttachmentKind[],
  models: readonly ModelInfo[]
): string | null {
  return (
    models.find((model) => kinds.every((kind) => kind === 'document' || model[kind]))?.id ?? null
  )
}

/** A refusal in words: the reason sentence, and main's own message when it adds detail. */
export interface RefusalDescription {
  text: string
  detail: string | null
}

/** Format names as users know them (main's detect.ts labels; the renderer cannot import it). */
const FORMAT_LABELS: Record<string, string> = {
  webm: 'WebM',
  mkv: 'MKV',
  avif: 'AVIF',
  svg: 'SVG',
  pdf: 'PDF',
  psd: 'PSD',
  jxl: 'JPEG XL',
  jp2: 'JPEG 2000',
  ogg: 'Ogg',
  wav: 'WAV',
  m4a: 'M4A',
  webp: 'WebP',
  jpeg: 'JPEG'
}

function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format.toUpperCase()
}

const num = (value: string | number | undefined): number | undefined =>
  typeof value === 'number'
    ? value
    : value !== undefined && value !== '' && !Number.isNaN(Number(value))
      ? Number(value)
      : undefined

/** Describes an attachment_refused error (from addAttachment or sendMessage) by its reason. */
export function describeRefusal(error: AppErrorInfo, t: TFunction): RefusalDescription {
  const params = error.params ?? {}
  const message = error.message.trim() || null
  const bytes = num(params.bytes)
  const limit = num(params.limit)
  switch (error.reason) {
    case 'unknown_format':
      return { text: t('attachments.refused.unknown_format'), detail: null }
    case 'unsupported_format':
      return params.format
        ? {
            text: t('attachments.refused.unsupported_format', {
              format: formatLabel(String(params.format))
            }),
            detail: null
          }
        : { text: t('attachments.refused.unsupported_format_unnamed'), detail: message }
    case 'image_too_small':
      return {
        text: t('attachments.refused.image_too_small', {
          width: params.width,
          height: params.height,
          limit: params.limit ?? 14
        }),
        detail: null
      }
    case 'image_aspect_ratio':
      return {
        text: t('attachments.refused.image_aspect_ratio', {
          width: params.width,
          height: params.height,
          ratio: params.ratio,
          limit: params.limit ?? 150
        }),
        detail: null
      }
    case 'image_too_large':
      return { text: t('attachments.refused.image_too_large'), detail: message }
    case 'video_too_large':
      return bytes !== undefined && limit !== undefined
        ? {
            text: t('attachments.refused.video_too_large', {
              size: formatBytes(bytes),
              limit: formatBytes(limit)
            }),
            detail: null
          }
        : { text: t('attachments.refused.video_too_large_unsized'), detail: message }
    case 'unreadable':
      return { text: t('attachments.refused.unreadable'), detail: message }
    case 'bad_fps':
      return {
        text: t('attachments.refused.bad_fps', { min: params.min ?? 0.2, max: params.max ?? 5 }),
        detail: null
      }
    case 'model_no_image':
      return {
        text: t('attachments.refused.model_no_image', {
          model: modelDisplayName(String(params.model ?? ''))
        }),
        detail: null
      }
    case 'image_no_text':
      return {
        text: t('attachments.refused.image_no_text', {
          name: String(params.name ?? ''),
          model: modelDisplayName(String(params.model ?? ''))
        }),
        detail: null
      }
    case 'model_no_video':
      return {
        text: t('attachments.refused.model_no_video', {
          model: modelDisplayName(String(params.model ?? ''))
        }),
        detail: null
      }
    case 'request_too_large':
      return bytes !== undefined && limit !== undefined
        ? {
            text: t('attachments.refused.request_too_large', {
              size: formatBytes(bytes),
              limit: formatBytes(limit)
            }),
            detail: null
          }
        : { text: t('attachments.refused.request_too_large_unsized'), detail: message }
    case 'not_found':
      // From sendMessage the file is named only in main's message.
      return { text: t('attachments.refused.not_found'), detail: params.name ? null : message }
    case 'too_many':
      return {
        text: t('attachments.refused.too_many', {
          limit: params.limit ?? MAX_ATTACHMENTS_PER_MESSAGE
        }),
        detail: null
      }
    case 'file_too_large':
      return {
        text: t('attachments.refused.file_too_large', {
          size: formatBytes(bytes ?? 0),
          limit: formatBytes(limit ?? MAX_FILE_BYTES)
        }),
        detail: null
      }
    case 'document_unreadable':
    case 'document_too_large':
    case 'document_no_text':
      return {
        text: t(`attachments.refused.${error.reason}`, {
          name: String(params.name ?? ''),
          reason: documentReason(String(params.reason ?? ''), t)
        }),
        detail: null
      }
    case 'document_too_long':
      return {
        text: t('attachments.refused.document_too_long', {
          tokens: params.tokens,
          limit: params.limit,
          model: modelDisplayName(String(params.model ?? ''))
        }),
        detail: null
      }
    default:
      return { text: t('attachments.refused.generic'), detail: message }
  }
}

/** Main's reasons for refusing a document, by their English words (others shown as they are). */
const DOCUMENT_REASONS: Record<string, string> = {
  'damaged PDF': 'damagedPdf',
  'password-protected': 'password',
  'not text': 'notText',
  'password-protected or old Word format': 'oldWord',
  'damaged .docx': 'damagedDocx',
  'not a .docx file': 'notDocx'
}

function documentReason(reason: string, t: TFunction): string {
  const key = DOCUMENT_REASONS[reason]
  return key ? t(`attachments.documentReason.${key}`) : reason
}

/** A refusal the renderer makes itself (too many files, too big to hand over). */
export function localRefusal(
  reason: 'too_many' | 'file_too_large' | 'unreadable',
  params: Record<string, number> = {}
): AppErrorInfo {
  return { code: 'attachment_refused', message: '', reason, params }
}

/** The name to show and send for a file; clipboard images may come without one. */
export function fileName(file: File, fallback: string): string {
  return file.name.trim() || fallback
}
