// The one IPC contract: every request with its argument schema and result type, every event with
// its payload. Main, preload and renderer import from here; nobody else names a channel.
import { z } from 'zod'
import type { FrameEstimate } from './attachments/frames'
import { LOG_LEVELS, LOG_SCOPES, MAX_LOG_MESSAGE, type CrashNotice } from './diagnostics'
import {
  FPS_MAX,
  FPS_MIN,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE
} from './attachments/limits'
import type { ModelInfo } from './models'
import type { SearchPage } from './search'
import { chatParamsSchema, type ChatParams } from './params'
import { baseURLSchema, settingsPatchSchema, type Settings } from './settings'

export { DEFAULT_BASE_URL, LANGUAGES, type Language, type Settings } from './settings'

/** The closed set of error codes the UI knows how to explain. */
export const ERROR_CODES = [
  'invalid_input', // the IPC payload failed validation
  'no_key', // no API key is set
  'keychain_unavailable', // no OS keychain (Secret Service) to keep the key in
  'bad_key', // 401
  'model_unavailable', // 403 / 404: the model is not open to this key
  'account_problem', // 402, 403 AccountOverdueError / AccessDenied, no quota left: top up or check the account
  'not_api_response', // something other than the API answered (a captive portal's page, a proxy)
  'rate_limited', // 429
  'bad_request', // 400 and other 4xx: the server's message says why
  'server', // 5xx
  'network', // could not reach the server
  'stalled', // the stream stopped sending for too long
  'stream_interrupted', // the stream broke after it started
  'not_found', // no such conversation or message
  'attachment_refused', // a file the API would reject, or a model that cannot take it
  'history_unavailable', // the history database was refused (newer version, damaged)
  'history_damaged', // a background check found the open history damaged
  'storage_unwritable', // the data folder cannot be written (read-only disk, permissions)
  'storage_full', // the disk holding the data folder is full
  'import_failed', // the file to import is not a Seed Chat export
  'busy', // a reply is already streaming in that conversation
  'unsupported_param', // a parameter the model does not take (params.field names it); nothing was sent
  'context_too_long', // 400 OutofContextError: the request is longer than the model's context
  'internal'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface AppErrorInfo {
  code: ErrorCode
  /** Detail for the user, e.g. the server's own message. Never contains the key. */
  message: string
  status?: number
  retryAfterSeconds?: number
  /** For attachment_refused: the refusal code and its numbers, for translated text. */
  reason?: string
  params?: Record<string, string | number>
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorInfo }

export interface Conversation {
  id: number
  title: string
  model: string
  /** The request parameters of its next replies; absent fields are not sent. */
  params: ChatParams
  pinned: boolean
  createdAt: number
  updatedAt: number
}

export type MessageRole = 'user' | 'assistant'
/** streaming → done | stopped | error; interrupted = the app quit while it streamed. */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted'

export interface Usage {
  promptTokens: number
  completionTokens: number
  reasoningTokens: number | null
}

/** A stored image or video, as the renderer sees it: never a path. */
export interface Attachment {
  sha256: string
  kind: 'image' | 'video'
  /** The file name the user dropped: for display only, never used as a path. */
  name: string
  /** MIME of the original as the API names it (image/png, video/mov ...). */
  mime: string
  /** Size of the original in bytes. */
  bytes: number
  width: number | null
  height: number | null
  durationSeconds: number | null
  /** Frames per second the model samples (videos). */
  fps: number | null
  /** Served by main (a custom protocol in Electron). */
  thumbnailUrl: string
}

/** Why an earlier attachment is not in this request. */
export type LeftOutReason =
  | 'request_size' // dropped, oldest first, to keep the body within 64 MB
  | 'model' // the model does not take this kind of attachment
  | 'missing' // the stored file is gone or can no longer be read

export interface LeftOutAttachment {
  messageId: number
  ordinal: number
  sha256: string
  name: string
  kind: 'image' | 'video'
  reason: LeftOutReason
}

/** An attachment stored and waiting in the composer's tray. */
export interface AttachmentDraft extends Attachment {
  /** Videos: the frames it costs at `fps` on the model it was attached for. */
  frames: FrameEstimate | null
}

export interface Message {
  id: number
  conversationId: number
  /** The message it follows (a reply's question, a question's previous reply); null at the start. */
  parentId: number | null
  /**
   * Ids of this message and its siblings, oldest first: the versions of a regenerated reply or of
   * an edited question, one of which is on the path shown. Just [id] when there is one.
   */
  versions: number[]
  role: MessageRole
  content: string
  reasoning: string
  status: MessageStatus
  model: string | null
  finishReason: string | null
  usage: Usage | null
  /** How long the model reasoned before answering, in ms; null when it did not. */
  reasoningMs: number | null
  /** A reply: the parameters it was requested with; null for a question or an older reply. */
  params: ChatParams | null
  error: AppErrorInfo | null
  attachments: Attachment[]
  createdAt: number
}

export interface KeyStatus {
  /** Whether the OS keychain answered. */
  keychain: 'available' | 'unavailable'
  keychainError: string | null
  hasKey: boolean
  /** Last four characters of the key, the only part ever shown. */
  last4: string | null
  /** Where the key lives: in the keychain, or (no keychain) only in memory until quit. */
  storage: 'keychain' | 'memory' | null
}

export interface ConversationPage {
  conversations: Conversation[]
  /** Pass back as `before` for the next page; null when there is none. */
  next: { updatedAt: number; id: number } | null
}

/** A conversation with one page of its messages, oldest first. */
export interface ConversationWithMessages {
  conversation: Conversation
  messages: Message[]
  /** Whether messages before the first one given exist (load them with listMessages). */
  hasOlder: boolean
  /** Whether messages after the last one given exist (a page around a search hit). */
  hasNewer: boolean
}

/** Messages just before or just after a message, oldest first. */
export interface MessagePage {
  messages: Message[]
  /** Whether there are more in the same direction. */
  hasMore: boolean
}

/**
 * The path shown after a switch of version or a deletion: from `from` on (the messages loaded
 * before it are unchanged) the path is now `messages`, oldest first.
 */
export interface PathChange {
  /** The message the old path diverges from: the first one to replace (or remove) in the cache. */
  from: number
  messages: Message[]
  /** Whether the path goes on after the last message given. */
  hasMore: boolean
}

/** Messages a conversation opens with, and a page loads while scrolling. */
export const MESSAGE_PAGE_SIZE = 50

export interface SendResult {
  conversation: Conversation
  userMessage: Message
  assistantMessage: Message
  /** Earlier attachments not sent with this request (64 MB limit, model, missing file). */
  leftOut: LeftOutAttachment[]
}

/** A file for the renderer to save (Markdown or JSON export). */
export interface ExportedFile {
  fileName: string
  mime: string
  text: string
}

export interface ImportSummary {
  conversationsAdded: number
  messagesAdded: number
  messagesSkipped: number
}

export interface BackupInfo {
  name: string
  createdAt: number
  bytes: number
  /** 'daily', or 'before-migration-N'. */
  reason: string
}

/** Whether the history database could be opened; when not, why, and what can be restored. */
export type HistoryStatus =
  | { state: 'ok'; backups: BackupInfo[] }
  | {
      state: 'refused'
      /** unwritable / full: the data folder cannot be written, or its disk is full. */
      problem: HistoryProblemKind
      detail: string
      /** The data folder, for unwritable and full. */
      folder?: string
      backups: BackupInfo[]
    }

/** Why the history could not be opened. */
export type HistoryProblemKind = 'newer' | 'damaged' | 'unwritable' | 'full'

export type {
  HitBase,
  MessageHit,
  SearchCursor,
  SearchField,
  SearchGroup,
  SearchHit,
  SearchPage,
  SnippetPart,
  TitleHit
} from './search'

export interface ModelList {
  models: ModelInfo[]
  /** 'provider' when GET /models answered, 'offline' for the built-in list. */
  source: 'provider' | 'offline'
}

const id = z.number().int().positive()
const modelId = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\w.\-:/]+$/, 'a model id has letters, digits and . - _ : / only')
const baseURL = baseURLSchema
const messagePageLimit = z.number().int().min(1).max(500)
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256')
const apiKey = z
  .string()
  .trim()
  .min(1, 'the key is empty')
  .max(1000)
  .regex(/^[\x21-\x7e]+$/, 'the key has characters a key cannot have')

/**
 * What narrows a search besides its query: a model, and a time range in milliseconds (`from`
 * inclusive, `to` exclusive). Absent means no filter.
 */
export const searchFiltersSchema = z
  .object({
    model: modelId.optional(),
    from: z.number().int().optional(),
    to: z.number().int().optional()
  })
  .strict()
export type SearchFilters = z.output<typeof searchFiltersSchema>
export type SearchFilterName = keyof SearchFilters
export const SEARCH_FILTER_NAMES = searchFiltersSchema.keyof().options

/** Argument schema of every request; main validates each incoming payload with these. */
export const requestSchemas = {
  getKeyStatus: z.undefined(),
  setKey: z.object({ key: apiKey }).strict(),
  deleteKey: z.undefined(),
  getSettings: z.undefined(),
  updateSettings: settingsPatchSchema,
  /**
   * GET /models with the saved key and base URL, or with a key and base URL the user typed: the
   * saved key never goes to a base URL the renderer names.
   */
  testConnection: z
    .object({ baseURL: baseURL.optional(), key: apiKey.optional() })
    .strict()
    .refine(
      (args) => args.baseURL === undefined || args.key !== undefined,
      'a new base URL needs its key'
    ),
  listModels: z.undefined(),
  listConversations: z
    .object({
      limit: z.number().int().min(1).max(500).optional(),
      before: z.object({ updatedAt: z.number().int(), id }).strict().optional()
    })
    .strict(),
  /** The conversation and its latest page of messages, or the page around `around`. */
  getConversation: z
    .object({ id, around: id.optional(), limit: messagePageLimit.optional() })
    .strict(),
  /** The page of messages just before or just after a message of the conversation. */
  listMessages: z
    .object({
      conversationId: id,
      before: id.optional(),
      after: id.optional(),
      limit: messagePageLimit.optional()
    })
    .strict()
    .refine(
      (args) => (args.before === undefined) !== (args.after === undefined),
      'give either before or after'
    ),
  renameConversation: z
    .object({ id, title: z.string().trim().min(1, 'the title is empty').max(200) })
    .strict(),
  setConversationPinned: z.object({ id, pinned: z.boolean() }).strict(),
  exportConversation: z.object({ id, format: z.enum(['markdown', 'json']) }).strict(),
  exportHistory: z.undefined(),
  importHistory: z.object({ text: z.string().max(512_000_000) }).strict(),
  /** Full-text search of everything written and read; the first page, or the one after `before`. */
  searchHistory: z
    .object({
      query: z.string().max(1000),
      ...searchFiltersSchema.shape,
      before: z
        .object({
          key: z.number().int().min(0),
          rank: z.union([z.literal(0), z.literal(1)]),
          conversationId: id
        })
        .strict()
        .optional()
    })
    .strict(),
  getHistoryStatus: z.undefined(),
  /** Puts a backup in place of the history file; the file it replaces is kept aside. */
  restoreBackup: z
    .object({ name: z.string().regex(/^history-\d+-[a-z0-9-]+\.sqlite$/, 'not a backup name') })
    .strict(),
  setConversationModel: z.object({ id, model: modelId }).strict(),
  /** Replaces a conversation's request parameters (absent = default, not sent). */
  setConversationParams: z.object({ id, params: chatParamsSchema }).strict(),
  deleteConversation: z.object({ id }).strict(),
  /** Checks and stores a dropped, pasted or picked file; the model decides the image budget. */
  addAttachment: z
    .object({
      name: z.string().max(1000),
      data: z
        .instanceof(Uint8Array)
        .refine((d) => d.byteLength <= MAX_ATTACHMENT_BYTES, 'the file is too large'),
      model: modelId
    })
    .strict(),
  /**
   * conversationId null starts a new conversation. Text may be empty when files are attached.
   * `params`, when given, become the conversation's parameters before it is sent (a new chat
   * without them starts from the default parameters in Settings).
   */
  sendMessage: z
    .object({
      conversationId: id.nullable(),
      model: modelId,
      params: chatParamsSchema.optional(),
      text: z.string().max(1_000_000),
      attachments: z
        .array(
          z
            .object({
              sha256,
              name: z.string().max(1000),
              fps: z.number().min(FPS_MIN).max(FPS_MAX).optional()
            })
            .strict()
        )
        .max(MAX_ATTACHMENTS_PER_MESSAGE)
        .default([])
    })
    .strict()
    .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, 'the message is empty'),
  stopReply: z.object({ messageId: id }).strict(),
  /** Streams a new reply in place of a failed or stopped one. */
  retryReply: z.object({ messageId: id }).strict(),
  /** Streams a new version of a reply from the same question; the earlier ones are kept. */
  regenerateReply: z.object({ messageId: id }).strict(),
  /** A new version of a question (a branch beside the original) and its reply. */
  editMessage: z.object({ messageId: id, text: z.string().max(1_000_000) }).strict(),
  /** Streams the rest of a reply cut off at the token limit or stopped, into the same reply. */
  continueReply: z.object({ messageId: id }).strict(),
  /** Shows another version of a message: the newest branch under it becomes the path shown. */
  showVersion: z.object({ messageId: id }).strict(),
  /** Deletes a message and what followed it on its branches. */
  deleteMessage: z.object({ messageId: id }).strict(),
  /** A line for the log file from the renderer or preload: ids and codes, never a message's text. */
  log: z
    .object({
      level: z.enum(LOG_LEVELS),
      scope: z.enum(LOG_SCOPES),
      message: z.string().max(MAX_LOG_MESSAGE)
    })
    .strict(),
  /** Where the last run's crash traces are when it crashed; null after a clean run. */
  getCrashNotice: z.undefined()
} as const

export interface RequestResults {
  getKeyStatus: KeyStatus
  setKey: KeyStatus
  deleteKey: KeyStatus
  getSettings: Settings
  updateSettings: Settings
  testConnection: { modelCount: number }
  listModels: ModelList
  listConversations: ConversationPage
  getConversation: ConversationWithMessages
  listMessages: MessagePage
  renameConversation: Conversation
  setConversationPinned: Conversation
  exportConversation: ExportedFile
  exportHistory: ExportedFile
  importHistory: ImportSummary
  searchHistory: SearchPage
  getHistoryStatus: HistoryStatus
  restoreBackup: HistoryStatus
  setConversationModel: Conversation
  setConversationParams: Conversation
  deleteConversation: null
  addAttachment: AttachmentDraft
  sendMessage: SendResult
  stopReply: null
  retryReply: Message
  regenerateReply: Message
  editMessage: SendResult
  continueReply: Message
  showVersion: PathChange
  deleteMessage: PathChange
  log: null
  getCrashNotice: CrashNotice | null
}

export type RequestName = keyof typeof requestSchemas
export type RequestArgs<K extends RequestName> = z.input<(typeof requestSchemas)[K]>
export type RequestResult<K extends RequestName> = RequestResults[K]
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[]

/** Events main sends to the renderer. */
export interface EventPayloads {
  /** New text for a streaming reply (appended, not cumulative). */
  replyDelta: { conversationId: number; messageId: number; content: string; reasoning: string }
  /** A reply ended: done, stopped or failed. Carries the final message. */
  replyEnded: { conversationId: number; message: Message }
  /** The background check found the history damaged; the next start refuses it and offers backups. */
  historyDamaged: { detail: string }
}
export type EventName = keyof EventPayloads
export const EVENT_NAMES: EventName[] = ['replyDelta', 'replyEnded', 'historyDamaged']

/** The IPC channel string of a request or event. */
export function channelOf(name: RequestName | EventName): string {
  return `api:${name}`
}

/** The main side: one async function per request, given validated arguments. */
export type Handlers = {
  [K in RequestName]: (args: z.output<(typeof requestSchemas)[K]>) => Promise<RequestResult<K>>
}

/** Sends an event to the renderer (Electron's webContents.send, or the test harness). */
export type EmitEvent = <K extends EventName>(name: K, payload: EventPayloads[K]) => void

type Subscribers = {
  [K in EventName as `on${Capitalize<K>}`]: (
    listener: (payload: EventPayloads[K]) => void
  ) => () => void
}

/** What the renderer sees as `window.api`. */
export type Api = {
  [K in RequestName]: RequestArgs<K> extends undefined
    ? () => Promise<Result<RequestResult<K>>>
    : (args: RequestArgs<K>) => Promise<Result<RequestResult<K>>>
} & Subscribers
