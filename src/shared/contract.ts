// The one IPC contract: every request with its argument schema and result type, declared together,
// and every event with its payload. Main, preload and renderer import from here; nobody else names
// a channel. The data these carry is declared in types.ts (and errors, search, settings, models).
import { z } from 'zod'
import {
  FPS_MAX,
  FPS_MIN,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_MESSAGE
} from './attachments/limits'
import {
  CAPTURE_TARGETS,
  type CaptureDisplay,
  type CaptureEnded,
  type CaptureImage
} from './capture'
import type { DocumentPreview } from './attachments/documentPages'
import type { ShortcutStatuses } from './desktop'
import { LOG_LEVELS, LOG_SCOPES, MAX_LOG_MESSAGE, type CrashNotice } from './diagnostics'
import { refusal, type Result } from './errors'
import type { ImageText, ImageTextStatus } from './imageText'
import { modelIdSchema } from './modelSchemas'
import { chatParamsSchema } from './params'
import type { Project } from './projects'
import { projectFieldsSchema, projectRequests } from './projectSchemas'
import type { FindResult, SearchPage } from './search'
import { findRequestSchema, searchRequestSchema } from './searchSchemas'
import { baseURLSchema, settingsPatchSchema, type Settings } from './settings'
import type {
  AttachmentDraft,
  Conversation,
  ConversationPage,
  ConversationWithMessages,
  ExportedFile,
  HistoryStatus,
  ImportSummary,
  KeyStatus,
  Message,
  MessagePage,
  ModelList,
  PathChange,
  SendResult
} from './types'
import type { UpdateState } from './updates'

/** A request: the schema main validates its argument with, and (a type only) its result. */
interface Request<Args extends z.ZodType, Value> {
  args: Args
  /** Never read at run time: it carries the result type. */
  result: Value
}

/** Declares a request: `request(argsSchema).returns<ResultType>()`. */
function request<Args extends z.ZodType>(args: Args) {
  return { returns: <Value>(): Request<Args, Value> => ({ args, result: undefined as Value }) }
}

const id = z.number().int().positive()
const modelId = modelIdSchema
const baseURL = baseURLSchema
const messagePageLimit = z.number().int().min(1).max(500)
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'not a sha256')
const apiKey = z
  .string()
  .trim()
  .min(1, 'the key is empty')
  .max(1000)
  .regex(/^[\x21-\x7e]+$/, 'the key has characters a key cannot have')

/** Every request, with its argument schema (main validates each incoming payload with it) and result. */
export const requests = {
  getKeyStatus: request(z.undefined()).returns<KeyStatus>(),
  setKey: request(z.object({ key: apiKey }).strict()).returns<KeyStatus>(),
  deleteKey: request(z.undefined()).returns<KeyStatus>(),
  getSettings: request(z.undefined()).returns<Settings>(),
  updateSettings: request(settingsPatchSchema).returns<Settings>(),
  /**
   * GET /models with the saved key and base URL, or with a key and base URL the user typed: the
   * saved key never goes to a base URL the renderer names.
   */
  testConnection: request(
    z
      .object({ baseURL: baseURL.optional(), key: apiKey.optional() })
      .strict()
      .refine(
        (args) => args.baseURL === undefined || args.key !== undefined,
        refusal('base_url_needs_key', 'a new base URL needs its key')
      )
  ).returns<{ modelCount: number }>(),
  listModels: request(z.undefined()).returns<ModelList>(),
  listConversations: request(
    z
      .object({
        limit: z.number().int().min(1).max(500).optional(),
        before: z.object({ updatedAt: z.number().int(), id }).strict().optional(),
        /** A project's conversations; absent: those outside any project. */
        projectId: id.optional()
      })
      .strict()
  ).returns<ConversationPage>(),
  /** The conversation and its latest page of messages, or the page around `around`. */
  getConversation: request(
    z.object({ id, around: id.optional(), limit: messagePageLimit.optional() }).strict()
  ).returns<ConversationWithMessages>(),
  /** The page of messages just before or just after a message of the conversation. */
  listMessages: request(
    z
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
      )
  ).returns<MessagePage>(),
  renameConversation: request(
    z.object({ id, title: z.string().trim().min(1, 'the title is empty').max(200) }).strict()
  ).returns<Conversation>(),
  setConversationPinned: request(
    z.object({ id, pinned: z.boolean() }).strict()
  ).returns<Conversation>(),
  /** Archives a conversation (off the sidebar's list, searchable on request) or brings it back. */
  setConversationArchived: request(
    z.object({ id, archived: z.boolean() }).strict()
  ).returns<Conversation>(),
  /**
   * Archives every conversation last active before `before` (ms), pinned ones excepted; with
   * `dryRun`, only counts them. The count either way.
   */
  archiveOlderThan: request(
    z.object({ before: z.number().int().min(0), dryRun: z.boolean().optional() }).strict()
  ).returns<{ count: number }>(),
  /** Every archived conversation, most recently archived first. */
  listArchivedConversations: request(z.undefined()).returns<Conversation[]>(),
  exportConversation: request(
    z.object({ id, format: z.enum(['markdown', 'json']) }).strict()
  ).returns<ExportedFile>(),
  exportHistory: request(z.undefined()).returns<ExportedFile>(),
  importHistory: request(
    z.object({ text: z.string().max(512_000_000) }).strict()
  ).returns<ImportSummary>(),
  /** Full-text search of everything written and read; the first page, or the one after `before`. */
  searchHistory: request(searchRequestSchema).returns<SearchPage>(),
  /** Matches of a query in a conversation's current branch (find in a chat), per message. */
  findInConversation: request(findRequestSchema).returns<FindResult>(),
  getHistoryStatus: request(z.undefined()).returns<HistoryStatus>(),
  /** How many of the history's images have had their text read (offline recognition). */
  getImageTextStatus: request(z.undefined()).returns<ImageTextStatus>(),
  /** The text recognized in a stored image; read now when it never was. */
  getImageText: request(z.object({ sha256 }).strict()).returns<ImageText>(),
  /** A stored document's extracted text, page by page (the file preview); null when not kept. */
  getDocumentText: request(z.object({ sha256 }).strict()).returns<DocumentPreview | null>(),
  /** Puts a backup in place of the history file; the file it replaces is kept aside. */
  restoreBackup: request(
    z
      .object({ name: z.string().regex(/^history-\d+-[a-z0-9-]+\.sqlite$/, 'not a backup name') })
      .strict()
  ).returns<HistoryStatus>(),
  /** Opens a history refused as far smaller than recorded as it is, and records its size anew. */
  keepHistory: request(z.undefined()).returns<HistoryStatus>(),
  setConversationModel: request(z.object({ id, model: modelId }).strict()).returns<Conversation>(),
  /** Replaces a conversation's request parameters (absent = default, not sent). */
  setConversationParams: request(
    z.object({ id, params: chatParamsSchema }).strict()
  ).returns<Conversation>(),
  deleteConversation: request(z.object({ id }).strict()).returns<null>(),
  /** Every project, in the user's order. */
  listProjects: request(z.undefined()).returns<Project[]>(),
  createProject: request(projectFieldsSchema.required({ name: true }).strict()).returns<Project>(),
  /** Renames a project or changes its instructions, default model or default parameters. */
  updateProject: request(
    z.object({ id, ...projectFieldsSchema.shape }).strict()
  ).returns<Project>(),
  /** Puts the projects in this order (those not named follow, in their order). */
  reorderProjects: request(z.object({ ids: z.array(id).max(10_000) }).strict()).returns<
    Project[]
  >(),
  /** Moves a conversation into a project, or out of any (null). */
  setConversationProject: request(
    z.object({ id, projectId: id.nullable() }).strict()
  ).returns<Conversation>(),
  /** Deletes a project; its chats move out of it or are deleted with it, as the user chose. */
  deleteProject: request(projectRequests.delete).returns<null>(),
  /** Adds a document to a project's files (read as the composer reads one), or refuses it. */
  addProjectFile: request(projectRequests.addFile).returns<Project>(),
  removeProjectFile: request(projectRequests.removeFile).returns<Project>(),
  /** Checks and stores a dropped, pasted or picked file; the model decides the image budget. */
  addAttachment: request(
    z
      .object({
        name: z.string().max(1000),
        data: z
          .instanceof(Uint8Array)
          .refine((d) => d.byteLength <= MAX_ATTACHMENT_BYTES, 'the file is too large'),
        model: modelId
      })
      .strict()
  ).returns<AttachmentDraft>(),
  /** Freezes every display and opens a region picker over each (the Electron shell's overlays). */
  startCapture: request(z.object({ target: z.enum(CAPTURE_TARGETS) }).strict()).returns<
    CaptureDisplay[]
  >(),
  /** The frozen picture of one display, for its overlay. */
  getCaptureImage: request(
    z.object({ display: z.number().int() }).strict()
  ).returns<CaptureImage>(),
  /** The region picked on a display (device pixels of its picture), or the capture cancelled. */
  finishCapture: request(
    z.union([
      z
        .object({
          display: z.number().int(),
          rect: z
            .object({
              x: z.number().int().min(0),
              y: z.number().int().min(0),
              width: z.number().int().min(1),
              height: z.number().int().min(1)
            })
            .strict()
        })
        .strict(),
      z.object({ cancel: z.literal(true) }).strict()
    ])
  ).returns<null>(),
  /** Attaches the region taken (captureEnded said so) like a pasted file, for `model`. */
  attachCapture: request(z.object({ model: modelId }).strict()).returns<AttachmentDraft>(),
  /**
   * conversationId null starts a new conversation. Text may be empty when files are attached.
   * `params`, when given, become the conversation's parameters before it is sent (a new chat
   * without them starts from the default parameters in Settings).
   */
  sendMessage: request(
    z
      .object({
        conversationId: id.nullable(),
        model: modelId,
        params: chatParamsSchema.optional(),
        /** A new conversation starts in this project (ignored for an existing one). */
        projectId: id.optional(),
        text: z.string().max(1_000_000),
        attachments: z
          .array(
            z
              .object({
                sha256,
                name: z.string().max(1000),
                fps: z.number().min(FPS_MIN).max(FPS_MAX).optional(),
                /** A PDF sent in part: its pages, like `1-5, 9` (checked against the file). */
                pages: z.string().min(1).max(2000).optional()
              })
              .strict()
          )
          .max(MAX_ATTACHMENTS_PER_MESSAGE)
          .default([])
      })
      .strict()
      .refine((m) => m.text.trim().length > 0 || m.attachments.length > 0, 'the message is empty')
  ).returns<SendResult>(),
  stopReply: request(z.object({ messageId: id }).strict()).returns<null>(),
  /** Ends a reply's rate-limit wait at once: it retries now. */
  retryReplyNow: request(z.object({ messageId: id }).strict()).returns<null>(),
  /** Streams a new reply in place of a failed or stopped one. */
  retryReply: request(z.object({ messageId: id }).strict()).returns<Message>(),
  /**
   * Streams a new version of a reply from the same question; the earlier ones are kept. Given a
   * question without a reply (the last of the path shown), streams its first reply.
   */
  regenerateReply: request(z.object({ messageId: id }).strict()).returns<Message>(),
  /** A new version of a question (a branch beside the original) and its reply. */
  editMessage: request(
    z.object({ messageId: id, text: z.string().max(1_000_000) }).strict()
  ).returns<SendResult>(),
  /** Writes a reply the disk refused to save (full, read-only), from the text kept in memory. */
  saveReplyAgain: request(z.object({ messageId: id }).strict()).returns<Message>(),
  /** Streams the rest of a reply cut off at the token limit or stopped, into the same reply. */
  continueReply: request(z.object({ messageId: id }).strict()).returns<Message>(),
  /** Shows another version of a message: the newest branch under it becomes the path shown. */
  showVersion: request(z.object({ messageId: id }).strict()).returns<PathChange>(),
  /** Deletes a message and what followed it on its branches. */
  deleteMessage: request(z.object({ messageId: id }).strict()).returns<PathChange>(),
  /** The user agrees to install the downloaded update `version`: the app quits and installs it. */
  installUpdate: request(
    z.object({ version: z.string().min(1).max(100) }).strict()
  ).returns<null>(),
  /** A line for the log file from the renderer or preload: ids and codes, never a message's text. */
  log: request(
    z
      .object({
        level: z.enum(LOG_LEVELS),
        scope: z.enum(LOG_SCOPES),
        message: z.string().max(MAX_LOG_MESSAGE)
      })
      .strict()
  ).returns<null>(),
  /** Where the last run's crash traces are when it crashed; null after a clean run. */
  getCrashNotice: request(z.undefined()).returns<CrashNotice | null>(),
  /** Hides the Quick Ask window (Esc there); nothing without a desktop shell. */
  hideQuickAsk: request(z.undefined()).returns<null>(),
  /** A pinned Quick Ask window stays open when it loses focus. */
  setQuickAskPinned: request(z.object({ pinned: z.boolean() }).strict()).returns<null>(),
  /** Shows the main window on a conversation (Quick Ask's "Open in Seed Chat"); null = a new chat. */
  showInMainWindow: request(z.object({ conversationId: id.nullable() }).strict()).returns<null>(),
  /** Whether each global shortcut is registered, refused by the OS, or off. */
  getShortcutStatus: request(z.undefined()).returns<ShortcutStatuses>()
} as const

type Requests = typeof requests
export type RequestName = keyof Requests
export type RequestArgs<K extends RequestName> = z.input<Requests[K]['args']>
export type RequestResult<K extends RequestName> = Requests[K]['result']
export const REQUEST_NAMES = Object.keys(requests) as RequestName[]

/** The argument schema of every request (a view of `requests`). */
export const requestSchemas = Object.fromEntries(
  REQUEST_NAMES.map((name) => [name, requests[name].args])
) as { readonly [K in RequestName]: Requests[K]['args'] }

/** Declares an event's payload type (nothing at run time). */
const event = <Payload>(): Payload => undefined as Payload

/** Events main sends to the renderer, each with its payload. */
const events = {
  /** New text for a streaming reply (appended, not cumulative). */
  replyDelta: event<{
    conversationId: number
    messageId: number
    content: string
    reasoning: string
  }>(),
  /**
   * A reply waits out a rate limit (429 with a short Retry-After) until `retryAt` (ms since the
   * epoch); null when the wait is over and it retries.
   */
  replyWaiting: event<{ conversationId: number; messageId: number; retryAt: number | null }>(),
  /** A reply ended: done, stopped or failed. Carries the final message. */
  replyEnded: event<{ conversationId: number; message: Message }>(),
  /** The background check found the history damaged; the next start refuses it and offers backups. */
  historyDamaged: event<{ detail: string }>(),
  /** A screen capture ended: the composer of `target` attaches the region taken (attachCapture). */
  captureEnded: event<CaptureEnded>(),
  /** Where an app update stands (packaged builds only). */
  updateStatus: event<UpdateState>(),
  /** A message was sent or edited in a conversation, from any window: it goes to the list's top. */
  conversationChanged: event<{ conversation: Conversation }>(),
  /**
   * A conversation was archived or brought back (null: several were archived at once; read the
   * lists again).
   */
  archiveChanged: event<{ conversation: Conversation | null }>(),
  /** The main window is to open this conversation (null = a new chat); Quick Ask ignores it. */
  showConversation: event<{ conversationId: number | null }>(),
  /** The global shortcuts were registered anew (a setting changed). */
  shortcutStatus: event<ShortcutStatuses>()
}
export type EventPayloads = typeof events
export type EventName = keyof EventPayloads
export const EVENT_NAMES = Object.keys(events) as EventName[]

/** The IPC channel string of a request or event. */
export function channelOf(name: RequestName | EventName): string {
  return `api:${name}`
}

/** The main side: one async function per request, given validated arguments. */
export type Handlers = {
  [K in RequestName]: (args: z.output<Requests[K]['args']>) => Promise<RequestResult<K>>
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
