// The API's limits on images and videos (docs/api.md, "Images" and "Videos"), what follows from
// them per model, and the app's own limits on what one message carries. Pure: no Node imports, so
// the renderer shares it.
import { MODEL_FAMILIES, MODELS, type ModelInfo } from '../models'

// "MB" in docs/api.md is read as 10^6 bytes: the smaller reading, so we never go over either.
/** Longest image data URL (the whole `data:image/...;base64,...` string) in one part. */
export const MAX_IMAGE_PART_CHARS = 10_000_000
/** Largest video file. */
export const MAX_VIDEO_BYTES = 50_000_000
/** Largest request body. */
export const MAX_REQUEST_BYTES = 64_000_000
/** Room kept for the rest of the body when one video alone must fit in a request. */
export const REQUEST_RESERVE_BYTES = 256_000
/** Largest image file we read at all; bigger files are refused before decoding. */
export const MAX_IMAGE_INPUT_BYTES = 200_000_000
/** The largest file the renderer may hand over: a 50 MB video plus slack for the refusal. */
export const MAX_ATTACHMENT_BYTES = 60_000_000
/** Most attachments one message takes (the contract's sendMessage schema). */
export const MAX_ATTACHMENTS_PER_MESSAGE = 20

/** Each side must be more than 14 px. */
export const MIN_IMAGE_SIDE = 15
/** Longest side over shortest side. */
export const MAX_ASPECT_RATIO = 150
/** The API's own pixel ceiling; we always scale below it, except for images we cannot decode. */
export const MAX_IMAGE_PIXELS = 36_000_000

export const FPS_MIN = 0.2
export const FPS_MAX = 5
export const FPS_DEFAULT = 1
export const MIN_VIDEO_FRAMES = 16

export type ImageDetail = 'high' | 'xhigh'

/** How many pixels a model looks at, and the `detail` that asks for them. */
export interface ImageBudget {
  pixels: number
  detail: ImageDetail
}

/**
 * About 4.0 MP before Seed 1.8 (detail "high"), about 9.0 MP on 1.8/2.0 (detail "xhigh").
 * Models outside the list get the smaller budget: sending fewer pixels is never refused.
 */
export function imageBudget(model: ModelInfo): ImageBudget {
  return MODEL_FAMILIES[model.family].largeMedia
    ? { pixels: 9_000_000, detail: 'xhigh' }
    : { pixels: 4_000_000, detail: 'high' }
}

/** Most frames a model samples from one video: 640 before Seed 1.8, 1280 on 1.8/2.0. */
export function maxVideoFrames(model: ModelInfo): number {
  return MODEL_FAMILIES[model.family].largeMedia ? 1280 : 640
}

/** Ids of the listed models that take this kind of attachment (for "use one of ..." messages). */
export function modelsThatTake(kind: 'image' | 'video'): string[] {
  return MODELS.filter((m) => m[kind]).map((m) => m.id)
}
