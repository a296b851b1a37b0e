// The app's domain as it crosses the boundary: conversations, messages, attachments, the key's
// status, the history's state. Data only; the contract (contract.ts) names the requests carrying it.
import type { FrameEstimate } from './attachments/frames'
import type { AppErrorInfo } from './errors'
import type { ModelInfo } from './models'
import type { ChatParams } from './params'

export interface Conversation {
  id: number
  title: string
  model: string
  /** The request parameters of its next replies; absent fields are not sent. */
  params: ChatParams
  pinned: boolean
  /** Archived: left out of the sidebar's list and (unless asked) of search. */
  archived: boolean
  /** The project it is in; null when in none. */
  projectId: number | null
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

/** A stored image, video or document, as the renderer sees it: never a path. */
export interface Attachment {
  sha256: string
  kind: 'image' | 'video' | 'document'
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
  /** A PDF sent in part: the pages sent, like `1-5, 9` (absent or null: all of it). */
  pages?: string | null
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
  kind: 'image' | 'video' | 'document'
  reason: LeftOutReason
}

/** An attachment stored and waiting in the composer's tray. */
export interface AttachmentDraft extends Attachment {
  /** Videos: the frames it costs at `fps` on the model it was attached for. */
  frames: FrameEstimate | null
  /** Images for a model that cannot see them: the recognized text sent in their place. */
  imageText?: string
  /**
   * Documents: their pages (PDF), the estimated tokens of the text part sent, and of each page
   * (PDF; what sending only some pages would cost).
   */
  document?: { pages: number | null; tokens: number; pageTokens?: number[] | null }
  /** A PDF the user chose to send in part: those pages, ascending (absent: all of it). */
  chosenPages?: number[]
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
  /** 'daily', 'before-migration-N', or 'before-version-X' (the first start of app version X). */
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
      /** shrunk: what the history held when last recorded, and what the file holds now. */
      expected?: HistorySize
      found?: HistorySize
      backups: BackupInfo[]
    }

/**
 * Why the history could not be opened. shrunk: it holds far less than it did when last recorded
 * (a filesystem that dropped its last writes); the user restores a backup or keeps it as it is.
 */
export type HistoryProblemKind = 'newer' | 'damaged' | 'unwritable' | 'full' | 'shrunk'

/** How much the history holds (its size record, docs/durability.md). */
export interface HistorySize {
  conversations: number
  messages: number
}

export interface ModelList {
  models: ModelInfo[]
  /** 'provider' when GET /models answered, 'offline' for the built-in list. */
  source: 'provider' | 'offline'
}
