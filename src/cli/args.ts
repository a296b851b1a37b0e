// The command line's flags, read into the same shapes the app sends: pure, so they can be tested
// without a process.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { chatParamsSchema, REASONING_EFFORTS, type ChatParams } from '../shared/params'
import { SEARCH_HAS, type SearchFilters } from '../shared/search'

/** Bad input: nothing is sent, the exit code is 2. */
export class UsageError extends Error {}

export interface AskOptions {
  question: string
  model: string | undefined
  /** Only the parameters given on the command line. */
  params: ChatParams
  /** Whether any parameter flag was given (an existing conversation then takes exactly these). */
  paramsGiven: boolean
  images: string[]
  /** Send every image as its recognized text, even to a model that sees images. */
  ocr: boolean
  videos: string[]
  /** Documents (PDF, text of any kind), each sent as one text part. */
  files: string[]
  /** Only these pages of each PDF --file (`1-5, 9`); checked against each file. */
  pages: string | undefined
  fps: number | undefined
  conversationId: number | undefined
  /** The name of the project a new chat starts in. */
  project: string | undefined
  stallTimeoutSeconds: number | undefined
  json: boolean
}

export interface SearchOptions {
  query: string
  limit: number
  /** Only chats in the project of this name. */
  project: string | undefined
  json: boolean
  /** Archived conversations are searched too. */
  archived: boolean
  /** The other filters, as the app takes them (project and archived above). */
  filters: Omit<SearchFilters, 'project' | 'archived'>
}

export const DEFAULT_SEARCH_LIMIT = 20
const MAX_SEARCH_LIMIT = 1000

/** Reads `ask`'s flags; throws UsageError for anything that is not a valid value. */
export function parseAsk(argv: string[]): AskOptions {
  const { values, positionals } = parse(argv, {
    model: { type: 'string' },
    system: { type: 'string' },
    temperature: { type: 'string' },
    'top-p': { type: 'string' },
    'max-tokens': { type: 'string' },
    stop: { type: 'string', multiple: true },
    thinking: { type: 'string' },
    'reasoning-effort': { type: 'string' },
    image: { type: 'string', multiple: true },
    ocr: { type: 'boolean' },
    video: { type: 'string', multiple: true },
    file: { type: 'string', multiple: true },
    pages: { type: 'string' },
    fps: { type: 'string' },
    conversation: { type: 'string' },
    project: { type: 'string' },
    'stall-timeout': { type: 'string' },
    json: { type: 'boolean' }
  })
  const question = positionals.join(' ')
  const images = (values.image as string[] | undefined) ?? []
  const videos = (values.video as string[] | undefined) ?? []
  const files = (values.file as string[] | undefined) ?? []
  if (!question.trim() && images.length === 0 && videos.length === 0 && files.length === 0)
    throw new UsageError('ask: the question is empty.')

  const raw: ChatParams = {}
  if (values.system !== undefined) raw.systemPrompt = values.system as string
  if (values.temperature !== undefined)
    raw.temperature = number('--temperature', values.temperature as string)
  if (values['top-p'] !== undefined) raw.topP = number('--top-p', values['top-p'] as string)
  if (values['max-tokens'] !== undefined)
    raw.maxTokens = number('--max-tokens', values['max-tokens'] as string)
  if (values.stop !== undefined) raw.stop = values.stop as string[]
  if (values.thinking !== undefined) {
    const thinking = values.thinking as string
    if (thinking !== 'on' && thinking !== 'off') throw new UsageError('--thinking: on or off.')
    raw.thinking = thinking === 'on' ? 'enabled' : 'disabled'
  }
  if (values['reasoning-effort'] !== undefined) {
    const effort = values['reasoning-effort'] as string
    if (!(REASONING_EFFORTS as readonly string[]).includes(effort)) {
      throw new UsageError(`--reasoning-effort: one of ${REASONING_EFFORTS.join(', ')}.`)
    }
    raw.reasoningEffort = effort as ChatParams['reasoningEffort']
  }
  // The same schema the app's IPC boundary uses: ranges, whole numbers, stop sequences.
  const parsed = chatParamsSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(
      `${FLAG_OF[String(issue.path[0])] ?? String(issue.path[0])}: ${issue.message}.`
    )
  }

  const project = projectName(values.project)
  if (project !== undefined && values.conversation !== undefined)
    throw new UsageError('--project starts a new chat: it does not go with --conversation.')
  return {
    question,
    project,
    model: values.model as string | undefined,
    params: parsed.data,
    paramsGiven: Object.keys(raw).length > 0,
    images,
    ocr: values.ocr === true,
    videos,
    files,
    pages: pagesOption(values.pages as string | undefined, files.length),
    fps: values.fps === undefined ? undefined : number('--fps', values.fps as string),
    conversationId:
      values.conversation === undefined
        ? undefined
        : wholeNumber('--conversation', values.conversation as string, 1),
    stallTimeoutSeconds:
      values['stall-timeout'] === undefined
        ? undefined
        : positive('--stall-timeout', values['stall-timeout'] as string),
    json: values.json === true
  }
}

/** Reads `search`'s flags. */
export function parseSearch(argv: string[]): SearchOptions {
  const { values, positionals } = parse(argv, {
    limit: { type: 'string' },
    project: { type: 'string' },
    json: { type: 'boolean' },
    archived: { type: 'boolean' },
    model: { type: 'string' },
    role: { type: 'string' },
    after: { type: 'string' },
    before: { type: 'string' },
    conversation: { type: 'string' },
    pinned: { type: 'boolean' },
    has: { type: 'string' }
  })
  const query = positionals.join(' ')
  if (!query.trim()) throw new UsageError('search: the query is empty.')
  if (query.length > 1000) throw new UsageError('search: the query is longer than 1000 characters.')
  const limit =
    values.limit === undefined
      ? DEFAULT_SEARCH_LIMIT
      : wholeNumber('--limit', values.limit as string, 1)
  if (limit > MAX_SEARCH_LIMIT) throw new UsageError(`--limit: at most ${MAX_SEARCH_LIMIT}.`)
  return {
    query,
    limit,
    project: projectName(values.project),
    json: values.json === true,
    archived: values.archived === true,
    filters: searchFilters(values)
  }
}

/** The filters of `search`'s flags; days are local, --before leaves its day out. */
function searchFilters(values: Values): SearchOptions['filters'] {
  const filters: SearchOptions['filters'] = {}
  const text = (name: string) => (values[name] === undefined ? undefined : String(values[name]))
  const model = text('model')
  if (model !== undefined) {
    if (model.trim() === '') throw new UsageError('--model: the model id is empty.')
    filters.model = model.trim()
  }
  const role = text('role')
  if (role !== undefined) {
    if (role !== 'user' && role !== 'assistant')
      throw new UsageError(`--role: user or assistant, not “${role}”.`)
    filters.role = role
  }
  const after = text('after')
  if (after !== undefined) filters.from = localDay('--after', after)
  const before = text('before')
  if (before !== undefined) filters.to = localDay('--before', before)
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to)
    throw new UsageError('--after must be a day before --before.')
  const conversation = text('conversation')
  if (conversation !== undefined)
    filters.conversation = wholeNumber('--conversation', conversation, 1)
  if (values.pinned === true) filters.pinned = true
  const has = text('has')
  if (has !== undefined) {
    const kind = SEARCH_HAS.find((option) => option === has)
    if (!kind) throw new UsageError(`--has: image or file, not “${has}”.`)
    filters.has = kind
  }
  return filters
}

/** The start of a local day written YYYY-MM-DD, in milliseconds. */
function localDay(flag: string, text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text)
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : null
  if (
    !match ||
    !date ||
    date.getDate() !== Number(match[3]) ||
    date.getMonth() !== Number(match[2]) - 1
  )
    throw new UsageError(`${flag}: a day as YYYY-MM-DD, not “${text}”.`)
  return date.getTime()
}

/**
 * The app's data folder: SEED_CHAT_DATA_DIR, else Electron's userData for "Seed Chat" on this
 * platform (README, "Where data and the key live").
 */
export function dataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  home = homedir()
): string {
  if (env.SEED_CHAT_DATA_DIR) return env.SEED_CHAT_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_NAME)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_NAME)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), APP_NAME)
}

/** The app's name: its data folder and its keychain entry's service. */
export const APP_NAME = 'Seed Chat'

const FLAG_OF: Record<string, string> = {
  systemPrompt: '--system',
  temperature: '--temperature',
  topP: '--top-p',
  maxTokens: '--max-tokens',
  stop: '--stop',
  thinking: '--thinking',
  reasoningEffort: '--reasoning-effort'
}

type Spec = NonNullable<Parameters<typeof parseArgs>[0]>['options']

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>

function parse(argv: string[], options: Spec): { values: Values; positionals: string[] } {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as {
      values: Values
      positionals: string[]
    }
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
}

function projectName(value: Values[string]): string | undefined {
  if (value === undefined) return undefined
  const name = String(value).trim()
  if (name === '') throw new UsageError('--project: the project name is empty.')
  return name
}

function number(flag: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`${flag}: “${text}” is not a number.`)
  return value
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = number(flag, text)
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`${flag}: a whole number of at least ${min}.`)
  return value
}

function positive(flag: string, text: string): number {
  const value = number(flag, text)
  if (value <= 0) throw new UsageError(`${flag}: more than 0.`)
  return value
}

/** --pages: a page selection like `1-5, 9` (each PDF checks it), only with a --file. */
function pagesOption(value: string | undefined, files: number): string | undefined {
  if (value === undefined) return undefined
  if (files === 0) throw new UsageError('--pages: give it with a --file PDF.')
  if (!/^\s*\d+(\s*-\s*\d+)?(\s*,\s*\d+(\s*-\s*\d+)?)*\s*$/.test(value))
    throw new UsageError('--pages: pages like 1-5, 9.')
  return value
}
