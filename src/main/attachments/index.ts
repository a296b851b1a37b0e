// The attachments core: pure Node (sharp, the bundled ffmpeg, better-sqlite3), no electron.
export * from '../../shared/attachments/limits'
export * from '../../shared/attachments/refusals'
export * from './detect'
export { toDataURL, dataURLLength } from './dataurl'
export { setFfmpegPath, ffmpegPath, stopAllFfmpeg } from './ffmpeg'
export { tempDirOf, sweepTempFiles } from './temp'
export {
  prepareImage,
  checkImageSize,
  fitPixelBudget,
  type PreparedImage,
  type PrepareImageOptions
} from './images'
export { THUMBNAIL_SIZE, THUMBNAIL_MIME } from './thumbnails'
export * from '../../shared/attachments/frames'
export {
  prepareVideo,
  probeVideo,
  probeVideoFile,
  maxInlineVideoBytes,
  type VideoInfo,
  type PreparedVideo,
  type VideoOptions
} from './videos'
export * from './store'
export * from './records'
export * from './parts'
export * from './policy'
export * from './context'
export * from './protocol'
export * from './ingest'
export * from './cleanup'
