/** What one model accepts, from docs/api.md ("Models"). */
export interface ModelInfo {
  id: string
  family: 'seed-2.0' | 'seed-1.8' | 'seed-1.6' | 'glm' | 'other'
  /** Context window in tokens. */
  context: number
  image: boolean
  video: boolean
  thinking: boolean
  reasoningEffort: boolean
}

const seed = (
  id: string,
  family: ModelInfo['family'],
  reasoningEffort: boolean
): ModelInfo => ({ id, family, context: 256_000, image: true, video: true, thinking: true, reasoningEffort })

/** The seed page's ten models: the offline default list. */
export const MODELS: readonly ModelInfo[] = [
  seed('doubao-seed-2.0-pro', 'seed-2.0', true),
  seed('doubao-seed-2.0-code', 'seed-2.0', true),
  seed('doubao-seed-2.0-lite', 'seed-2.0', true),
  seed('doubao-seed-2.0-mini', 'seed-2.0', true),
  seed('doubao-seed-1-8-251228', 'seed-1.8', true),
  seed('doubao-seed-1-6-251015', 'seed-1.6', true),
  seed('doubao-seed-1-6-lite-251015', 'seed-1.6', true),
  seed('doubao-seed-1-6-flash-250828', 'seed-1.6', false),
  seed('doubao-seed-1-6-vision-250815', 'seed-1.6', false),
  { id: 'glm-4-7-251222', family: 'glm', context: 200_000, image: false, video: false, thinking: true, reasoningEffort: false }
]

export const MODEL_IDS = MODELS.map((m) => m.id) as [string, ...string[]]

export const DEFAULT_MODEL = 'doubao-seed-1-6-251015'

export const MODEL_FAMILIES: readonly ModelInfo['family'][] = ['seed-2.0', 'seed-1.8', 'seed-1.6', 'glm']

/** Looks a model up by id; undefined for ids not in the list. */
export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id)
}

/** What we know of a model id; one not in the list is taken as text-only. */
export function modelOrTextOnly(id: string): ModelInfo {
  return (
    findModel(id) ?? {
      id,
      family: 'other',
      context: 0,
      image: false,
      video: false,
      thinking: false,
      reasoningEffort: false
    }
  )
}
