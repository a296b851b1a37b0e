// The model catalog: one record of model families (capabilities, media budget, group label) from
// which every model's capabilities and every family check derive. No zod here: the first screen
// loads it (the schemas of a model id and a correction are in modelSchemas.ts).

/** What a family's models accept unless a model says otherwise. */
interface Capabilities {
  /** Context window in tokens. */
  context: number
  image: boolean
  video: boolean
  thinking: boolean
  reasoningEffort: boolean
}

interface Family {
  capabilities: Capabilities
  /**
   * Seed 1.8 and later see more of an attachment: about 9.0 MP per image (detail "xhigh") and up
   * to 1280 frames per video, against 4.0 MP and 640 frames before (docs/api.md).
   */
  largeMedia: boolean
  /** The model picker's group heading (no dots in the last part: i18next reads them as nesting). */
  labelKey: `models.family.${string}`
}

const SEED: Capabilities = {
  context: 256_000,
  image: true,
  video: true,
  thinking: true,
  reasoningEffort: true
}

/** Every family, in the order the model picker groups them; `other` is any model not listed. */
export const MODEL_FAMILIES = {
  'seed-2.0': { capabilities: SEED, largeMedia: true, labelKey: 'models.family.seed20' },
  'seed-1.8': { capabilities: SEED, largeMedia: true, labelKey: 'models.family.seed18' },
  'seed-1.6': { capabilities: SEED, largeMedia: false, labelKey: 'models.family.seed16' },
  glm: {
    capabilities: {
      context: 200_000,
      image: false,
      video: false,
      thinking: true,
      reasoningEffort: false
    },
    largeMedia: false,
    labelKey: 'models.family.glm'
  },
  // A Seed id the catalog does not list (doubao-seed-2.1-pro, doubao-seed-code-…): docs/api.md says
  // every Seed model takes images and videos and thinks; the smaller media budget and no effort
  // levels, since sending less is never refused.
  seed: {
    capabilities: { ...SEED, reasoningEffort: false },
    largeMedia: false,
    labelKey: 'models.family.seed'
  },
  // Taken as text-only: sending less is never refused.
  other: {
    capabilities: {
      context: 0,
      image: false,
      video: false,
      thinking: false,
      reasoningEffort: false
    },
    largeMedia: false,
    labelKey: 'models.family.other'
  }
} as const satisfies Record<string, Family>

export type ModelFamily = keyof typeof MODEL_FAMILIES
/** The families in picker order, `other` last. */
export const MODEL_FAMILY_NAMES = Object.keys(MODEL_FAMILIES) as ModelFamily[]

/** What one model accepts, from docs/api.md ("Models"). */
export interface ModelInfo extends Capabilities {
  id: string
  family: ModelFamily
}

/** A model of a family, with what it accepts unlike its family. */
const model = (
  id: string,
  family: ModelFamily,
  differences: Partial<Capabilities> = {}
): ModelInfo => ({ id, family, ...MODEL_FAMILIES[family].capabilities, ...differences })

/** The seed page's ten models: the offline default list. */
export const MODELS: readonly ModelInfo[] = [
  model('doubao-seed-2.0-pro', 'seed-2.0'),
  model('doubao-seed-2.0-code', 'seed-2.0'),
  model('doubao-seed-2.0-lite', 'seed-2.0'),
  model('doubao-seed-2.0-mini', 'seed-2.0'),
  model('doubao-seed-1-8-251228', 'seed-1.8'),
  model('doubao-seed-1-6-251015', 'seed-1.6'),
  model('doubao-seed-1-6-lite-251015', 'seed-1.6'),
  model('doubao-seed-1-6-flash-250828', 'seed-1.6', { reasoningEffort: false }),
  model('doubao-seed-1-6-vision-250815', 'seed-1.6', { reasoningEffort: false }),
  model('glm-4-7-251222', 'glm')
]

export const DEFAULT_MODEL = 'doubao-seed-1-6-251015'

/** Looks a model up by id; undefined for ids not in the list. */
export function findModel(id: string): ModelInfo | undefined {
  return MODELS.find((m) => m.id === id)
}

/** The listed family whose version an unlisted Seed id carries ("doubao-seed-1-8-…" → seed-1.8). */
const SEED_VERSIONS: Record<string, ModelFamily> = {
  '2.0': 'seed-2.0',
  '1.8': 'seed-1.8',
  '1.6': 'seed-1.6'
}

/**
 * What the catalog says of a model id: the listed model, else what its family suggests
 * (docs/api.md, "Models"): `doubao-seed-*` takes images and videos and thinks (a listed version's
 * family when the id names one), `glm-*` thinks on text, an older Doubao id sees when it says
 * "vision" and thinks when it says "thinking"; anything else is taken as text-only.
 */
export function catalogModel(id: string): ModelInfo {
  const listed = findModel(id)
  if (listed) return listed
  const lower = id.toLowerCase()
  const seed = /^doubao-seed-(?:(\d+)[.-](\d+)(?![\d]))?/.exec(lower)
  if (seed) {
    const family = seed[1] === undefined ? undefined : SEED_VERSIONS[`${seed[1]}.${seed[2]}`]
    return family ? model(id, family, { reasoningEffort: false }) : model(id, 'seed')
  }
  if (lower.startsWith('glm-')) return model(id, 'glm')
  if (lower.startsWith('doubao-')) {
    const sees = lower.includes('vision')
    return model(id, 'other', { image: sees, video: sees, thinking: lower.includes('thinking') })
  }
  return model(id, 'other')
}

/** The capabilities a user may correct in the model picker. */
export const CORRECTABLE_CAPABILITIES = ['image', 'video', 'thinking'] as const
type Correctable = (typeof CORRECTABLE_CAPABILITIES)[number]

/** A user's correction of one model: only what differs from the catalog is stored. */
export type ModelCorrection = Partial<Pick<Capabilities, Correctable>>
/** Corrections by model id (the `modelCapabilities` setting). */
export type ModelCorrections = Readonly<Record<string, ModelCorrection>>

/** What a model accepts: the catalog's answer with the user's correction of it on top. */
export function modelInfo(id: string, corrections: ModelCorrections = {}): ModelInfo {
  return withCorrection(catalogModel(id), corrections)
}

/** A model's info with the user's correction (if any) applied. */
export function withCorrection(info: ModelInfo, corrections: ModelCorrections): ModelInfo {
  const correction = Object.hasOwn(corrections, info.id) ? corrections[info.id] : undefined
  return correction ? { ...info, ...correction } : info
}

/**
 * The corrections after setting one model's: values equal to the catalog's are dropped, and a
 * model left with none is removed (`null` resets it to the catalog).
 */
export function correctModel(
  corrections: ModelCorrections,
  id: string,
  correction: ModelCorrection | null
): Record<string, ModelCorrection> {
  const { [id]: _old, ...others } = corrections
  if (correction === null) return others
  const catalog = catalogModel(id)
  const differences = Object.fromEntries(
    CORRECTABLE_CAPABILITIES.filter(
      (name) => correction[name] !== undefined && correction[name] !== catalog[name]
    ).map((name) => [name, correction[name]])
  ) as ModelCorrection
  return Object.keys(differences).length > 0 ? { ...others, [id]: differences } : others
}

/**
 * A readable name for a model id: "doubao-seed-2.0-pro" → "Doubao Seed 2.0 Pro",
 * "doubao-seed-1-6-flash-250828" → "Doubao Seed 1.6 Flash", "glm-4-7-251222" → "GLM 4.7".
 * The release date (a 6-digit suffix) is left out; an id of another shape is returned as it is.
 */
export function modelDisplayName(id: string): string {
  const match = /^(doubao-seed|glm)-(\d+)[.-](\d+)((?:-[a-z][a-z0-9]*)*?)(?:-(\d{6}))?$/i.exec(id)
  if (!match) return id
  const [, brand, major, minor, variant] = match
  const words = variant
    .split('-')
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
  const brandName = brand.toLowerCase() === 'glm' ? 'GLM' : 'Doubao Seed'
  return [brandName, `${major}.${minor}`, ...words].join(' ')
}

/** "256K" (or "1M"): a context window size as people write it. */
export function formatContext(tokens: number): string {
  if (tokens >= 1_000_000) return `${Math.round(tokens / 100_000) / 10}M`
  return `${Math.round(tokens / 1000)}K`
}

// Within one Seed version, the variants from the most to the least capable.
const SEED_VARIANT_RANK = ['pro', '', 'code', 'lite', 'flash', 'mini', 'vision']

/**
 * The newest Seed model among `ids` (the provider's list): the highest version, then its most
 * capable variant, then the latest release date. Undefined when there is no Seed model.
 */
export function newestSeedModel(ids: readonly string[]): string | undefined {
  const ranked = ids.flatMap((id) => {
    const match = /^doubao-seed-(\d+)[.-](\d+)(?:-([a-z]+))?(?:-(\d{6}))?$/i.exec(id)
    if (!match) return []
    const [, major, minor, variant = '', date = '0'] = match
    const variantRank = SEED_VARIANT_RANK.indexOf(variant.toLowerCase())
    return [
      {
        id,
        key: [
          Number(major),
          Number(minor),
          -(variantRank < 0 ? SEED_VARIANT_RANK.length : variantRank),
          Number(date)
        ]
      }
    ]
  })
  ranked.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i]
    return 0
  })
  return ranked[0]?.id
}
