// What a video costs the model in frames, and which fps values the API takes. Pure: no Node
// imports, so the renderer's fps control can show the same numbers.
import type { ModelInfo } from '../models'
import { FPS_MAX, FPS_MIN, MIN_VIDEO_FRAMES, maxVideoFrames } from './limits'
import { refuse, accept, type AttachmentResult } from './refusals'

export interface FrameEstimate {
  /** Frames the model will sample: duration × fps, at least 16, at most the model's maximum. */
  frames: number
  /** The model's maximum (640 before Seed 1.8, 1280 on 1.8/2.0). */
  maxFrames: number
  /** Which bound decided the count, if any. */
  limitedBy: 'minimum' | 'maximum' | null
  /** The rate the frames actually cover the video at (below `fps` when the maximum applies). */
  effectiveFps: number
}

/** Frames = duration × fps, at least 16, capped by the model's maximum (docs/api.md, "Videos"). */
export function estimateFrames(
  durationSeconds: number,
  fps: number,
  model: ModelInfo
): FrameEstimate {
  const maxFrames = maxVideoFrames(model)
  // Rounded up: the count is shown as a cost, and a partial second still yields a frame.
  const wanted = Math.ceil(Math.max(0, durationSeconds) * fps - 1e-9)
  const frames = Math.min(maxFrames, Math.max(MIN_VIDEO_FRAMES, wanted))
  const limitedBy = wanted < MIN_VIDEO_FRAMES ? 'minimum' : wanted > maxFrames ? 'maximum' : null
  return {
    frames,
    maxFrames,
    limitedBy,
    effectiveFps: limitedBy === 'maximum' && durationSeconds > 0 ? frames / durationSeconds : fps
  }
}

/** Accepts an fps the API takes (a number in 0.2..5), or refuses it with the range. */
export function validateFps(fps: unknown): AttachmentResult<number> {
  if (typeof fps !== 'number' || !Number.isFinite(fps) || fps < FPS_MIN || fps > FPS_MAX) {
    return refuse(
      'bad_fps',
      `The frame rate must be a number from ${FPS_MIN} to ${FPS_MAX} frames per second.`,
      { fps: String(fps), min: FPS_MIN, max: FPS_MAX }
    )
  }
  return accept(fps)
}
