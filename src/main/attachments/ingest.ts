// Attach time: a dropped file is checked against the API's rules for the chosen model, stored
// (content-addressed) with its thumbnail and, for images, the part prepared for that model.
import { open, readFile, stat } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { ModelInfo } from '../../shared/models'
import sharp from 'sharp'
import { DETECT_BYTES, apiMime, detectFormat, formatLabel, type ImageFormat } from './detect'
import type { FrameEstimate } from '../../shared/attachments/frames'
import { prepareImage } from './images'
import {
  FPS_DEFAULT,
  MAX_IMAGE_INPUT_BYTES,
  MAX_VIDEO_BYTES
} from '../../shared/attachments/limits'
import { partVariant } from './parts'
import type { NewAttachment } from './records'
import { accept, megabytes, refuse, type AttachmentResult } from '../../shared/attachments/refusals'
import type { AttachmentStore } from './store'
import { imageThumbnail, placeholderThumbnail } from './thumbnails'
import { prepareVideo } from './videos'
import { storageError } from '../storage'
import { sendsImageAsText, textOfImage, type ImageTextOptions } from './imageText'
import {
  documentPartText,
  extractDocument,
  isDocument,
  MAX_DOCUMENT_BYTES
} from './documents/extract'
import type { DocumentTexts } from './documents/texts'
import { estimateTextTokens } from '../../shared/tokenEstimate'

/** A dropped file: its bytes, or its path on disk; `name` is shown to the user. */
export type DroppedFile = { name: string; bytes: Uint8Array } | { name: string; path: string }

/** A stored attachment waiting to be sent: record it with `attachToMessage` when it is. */
export interface IngestedAttachment extends NewAttachment {
  /** For videos: the frames it will cost at `fps` on the chosen model. */
  frames: FrameEstimate | null
  /** The thumbnail is a labelled tile, not a picture of the content (HEIC, undecodable poster). */
  placeholderThumbnail: boolean
  /** For images: what the chosen model will receive. */
  part: {
    mime: string
    bytes: number
    width: number
    height: number
    passedThrough: boolean
  } | null
  /** For images going as their text (a model that cannot see them): the text sent. */
  imageText: string | null
  /** For documents: their pages (PDF) and the estimated tokens of their text part. */
  document: { pages: number | null; tokens: number } | null
}

/** What an attach takes besides the file: the video sampling rate, how images become text. */
export interface IngestOptions {
  fps?: number
  imageText?: ImageTextOptions
  /** Where documents' extracted text is kept; without it documents are refused. */
  documents?: DocumentTexts
}

/**
 * Checks, stores and thumbnails one dropped file for `model`; videos sample at `fps`. A data
 * folder that refuses the write (read-only, full) throws an AppError naming the folder.
 */
export async function ingestAttachment(
  store: AttachmentStore,
  file: DroppedFile,
  model: ModelInfo,
  options: IngestOptions = {}
): Promise<AttachmentResult<IngestedAttachment>> {
  try {
    return await ingest(store, file, model, options)
  } catch (error) {
    // Only a refused write becomes storage_*: an unreadable dropped file stays what it was.
    throw 'path' in file && !isWriteError(error, store)
      ? error
      : storageError(error, dirname(store.root))
  }
}

/** Whether `error` came from writing into the data folder, not from reading the dropped file. */
function isWriteError(error: unknown, store: AttachmentStore): boolean {
  const path = (error as { path?: unknown }).path
  return typeof path === 'string' && path.startsWith(dirname(store.root))
}

async function ingest(
  store: AttachmentStore,
  file: DroppedFile,
  model: ModelInfo,
  options: IngestOptions
): Promise<AttachmentResult<IngestedAttachment>> {
  const name = displayName(file.name)
  const loaded =
    'bytes' in file
      ? accept(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength))
      : await readDropped(file.path)
  if (!loaded.ok) return loaded
  const bytes = loaded.value
  const detected = detectFormat(bytes.subarray(0, DETECT_BYTES))
  if (options.documents && (detected === null || detected.format === 'pdf')) {
    if (isDocument(name, bytes.subarray(0, DETECT_BYTES))) {
      return ingestDocument(store, { name, bytes }, options.documents)
    }
  }

  if (detected?.kind === 'video') {
    const path = 'path' in file ? file.path : undefined
    const prepared = await prepareVideo(bytes, model, options.fps ?? FPS_DEFAULT, {
      path,
      tempDir: store.tempDir
    })
    if (!prepared.ok) return prepared
    const { video, fps, estimate } = prepared.value
    await store.put(bytes)
    await store.putVariant(video.sha256, 'thumb', video.poster)
    return accept({
      sha256: video.sha256,
      kind: 'video',
      name,
      mime: video.mime,
      bytes: video.bytes,
      width: video.width,
      height: video.height,
      durationSeconds: video.durationSeconds,
      fps,
      frames: estimate,
      placeholderThumbnail: video.posterIsPlaceholder,
      part: null,
      imageText: null,
      document: null
    })
  }
  if (
    detected?.kind === 'image' &&
    options.imageText &&
    sendsImageAsText(model, options.imageText)
  ) {
    return ingestAsText(store, { name, bytes, format: detected.format }, model, options.imageText)
  }

  // prepareImage refuses what is not an image, with the reason.
  const [prepared, thumbnail] = await Promise.all([
    // Without a model that sees, an unreadable file is still refused for what it is.
    prepareImage(bytes, options.imageText ? { ...model, image: true } : model),
    detected?.kind === 'image' ? imageThumbnail(bytes, detected.format) : Promise.resolve(null)
  ])
  if (!prepared.ok) return prepared
  const image = prepared.value
  const undecodable = image.format === 'heic' || image.format === 'heif' || image.format === 'ico'
  if (!thumbnail && !undecodable) {
    return refuse(
      'unreadable',
      `This ${formatLabel(image.format)} image could not be decoded; the file may be damaged.`,
      { format: image.format }
    )
  }
  await store.put(bytes)
  await store.putVariant(
    image.sha256,
    'thumb',
    thumbnail ?? (await placeholderThumbnail(formatLabel(image.format)))
  )
  const variant = partVariant(model)
  if (image.passedThrough) await store.linkVariantToOriginal(image.sha256, variant)
  else await store.putVariant(image.sha256, variant, image.bytes)
  return accept({
    sha256: image.sha256,
    kind: 'image',
    name,
    mime: apiMime(image.format),
    bytes: bytes.length,
    width: image.originalWidth,
    height: image.originalHeight,
    durationSeconds: null,
    fps: null,
    frames: null,
    placeholderThumbnail: thumbnail === null,
    part: {
      mime: image.mime,
      bytes: image.bytes.length,
      width: image.width,
      height: image.height,
      passedThrough: image.passedThrough
    },
    imageText: null,
    document: null
  })
}

/**
 * An image that goes as its text: stored with its thumbnail (the conversation still shows it),
 * read, and refused when there is no text to send in its place.
 */
async function ingestAsText(
  store: AttachmentStore,
  image: { name: string; bytes: Buffer; format: ImageFormat },
  model: ModelInfo,
  options: ImageTextOptions
): Promise<AttachmentResult<IngestedAttachment>> {
  const { name, bytes, format } = image
  const thumbnail = await imageThumbnail(bytes, format)
  if (!thumbnail) {
    return refuse(
      'unreadable',
      `This ${formatLabel(format)} image could not be decoded, so its text cannot be read.`,
      { format }
    )
  }
  const { sha256 } = await store.put(bytes)
  await store.putVariant(sha256, 'thumb', thumbnail)
  const text = await textOfImage(options, { sha256, name }, model)
  if (!text.ok) return text
  const meta = await sharp(bytes).metadata()
  const turned = (meta.orientation ?? 1) >= 5
  return accept({
    sha256,
    kind: 'image',
    name,
    mime: apiMime(format),
    bytes: bytes.length,
    width: (turned ? meta.height : meta.width) ?? null,
    height: (turned ? meta.width : meta.height) ?? null,
    durationSeconds: null,
    fps: null,
    frames: null,
    placeholderThumbnail: false,
    part: null,
    imageText: text.value,
    document: null
  })
}

/**
 * A file that must be a document (a project's file): read as the composer reads one, with the
 * same refusals; an image, a video or anything else is refused as no document.
 */
export async function ingestDocumentFile(
  store: AttachmentStore,
  file: { name: string; bytes: Uint8Array },
  documents: DocumentTexts
): Promise<AttachmentResult<IngestedAttachment>> {
  const name = displayName(file.name)
  const bytes = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength)
  if (!isDocument(name, bytes.subarray(0, DETECT_BYTES))) {
    return refuse('document_unreadable', `“${name}” is not a document the app can read.`, {
      name,
      reason: 'not text'
    })
  }
  try {
    return await ingestDocument(store, { name, bytes }, documents)
  } catch (error) {
    throw storageError(error, dirname(store.root))
  }
}

/**
 * A document: its text extracted (refused with the reason when it cannot be), the file stored by
 * content with a tile naming its type, and the text stored once by the same hash.
 */
async function ingestDocument(
  store: AttachmentStore,
  file: { name: string; bytes: Buffer },
  documents: DocumentTexts
): Promise<AttachmentResult<IngestedAttachment>> {
  const { name, bytes } = file
  const extracted = await extractDocument(name, bytes)
  if (!extracted.ok) return extracted
  const document = extracted.value
  const { sha256 } = await store.put(bytes)
  const label = document.format === 'pdf' ? 'PDF' : (extensionLabel(name) ?? 'TXT')
  await store.putVariant(sha256, 'thumb', await placeholderThumbnail(label))
  documents.put(sha256, document)
  return accept({
    sha256,
    kind: 'document',
    name,
    mime: DOCUMENT_MIME[document.format],
    bytes: bytes.length,
    width: null,
    height: null,
    durationSeconds: null,
    fps: null,
    frames: null,
    placeholderThumbnail: true,
    part: null,
    imageText: null,
    document: {
      pages: document.pages,
      tokens: estimateTextTokens(documentPartText(name, document))
    }
  })
}

const DOCUMENT_MIME = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html',
  text: 'text/plain'
} as const

function extensionLabel(name: string): string | null {
  const dot = name.lastIndexOf('.')
  return dot > 0
    ? name
        .slice(dot + 1)
        .toUpperCase()
        .slice(0, 5)
    : null
}

/** The last path segment, without control characters, at most 255 characters. */
function displayName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this removes
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '')
  return base.slice(0, 255) || 'attachment'
}

async function readDropped(path: string): Promise<AttachmentResult<Buffer>> {
  // Look at the head first, so a 4 GB file is refused without being read.
  const handle = await open(path, 'r')
  let head: Buffer
  try {
    head = Buffer.alloc(DETECT_BYTES)
    head = head.subarray(0, (await handle.read(head, 0, DETECT_BYTES, 0)).bytesRead)
  } finally {
    await handle.close()
  }
  const size = (await stat(path)).size
  const detected = detectFormat(head)
  if ((detected === null || detected.format === 'pdf') && isDocument(path, head)) {
    if (size > MAX_DOCUMENT_BYTES) {
      return refuse(
        'document_too_large',
        `“${basename(path)}” is ${megabytes(size)}; documents can be at most ${megabytes(MAX_DOCUMENT_BYTES)}.`,
        { name: basename(path), reason: `${megabytes(size)} > ${megabytes(MAX_DOCUMENT_BYTES)}` }
      )
    }
    return accept(await readFile(path))
  }
  const limit = detected?.kind === 'video' ? MAX_VIDEO_BYTES : MAX_IMAGE_INPUT_BYTES
  if (size > limit) {
    const video = limit === MAX_VIDEO_BYTES
    return refuse(
      video ? 'video_too_large' : 'image_too_large',
      `The file is ${megabytes(size)}; the limit is ${megabytes(limit)}.`,
      { bytes: size, limit }
    )
  }
  return accept(await readFile(path))
}
