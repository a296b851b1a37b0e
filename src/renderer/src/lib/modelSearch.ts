// The words a model search matches besides a model's name and id: what it accepts, in both UI
// languages, as people type them ("视觉" or "vision" finds the models that take images), whatever
// the language shown.
import type { ModelInfo } from '../../../shared/models'

const CAPABILITY_WORDS = {
  image: [
    'image',
    'images',
    'picture',
    'photo',
    'vision',
    'visual',
    '图片',
    '图像',
    '视觉',
    '识图'
  ],
  video: ['video', 'videos', '视频'],
  thinking: ['thinking', 'think', 'reasoning', '思考', '深度思考', '推理'],
  reasoningEffort: ['effort', 'reasoning effort', '思考程度']
} as const satisfies Partial<Record<keyof ModelInfo, readonly string[]>>

/** The capability words of a model, lower case, in one string to search in. */
export function capabilityWords(info: ModelInfo | undefined): string {
  if (!info) return ''
  return (Object.keys(CAPABILITY_WORDS) as Array<keyof typeof CAPABILITY_WORDS>)
    .filter((capability) => info[capability])
    .flatMap((capability) => CAPABILITY_WORDS[capability])
    .join(' ')
}
