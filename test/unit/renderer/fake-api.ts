// A fake window.api for renderer tests: every request is a vi.fn answering with plausible data,
// and emitDelta / emitEnded play the events main would send. Every call is held to the contract:
// its arguments are parsed with the request's schema as main's dispatch does (an invalid call
// answers invalid_input, as main would, and fails the test), and its answer is checked.
import { afterEach, vi } from 'vitest'
import { z } from 'zod'
import {
  REQUEST_NAMES,
  requestSchemas,
  type Api,
  type EventPayloads,
  type RequestName
} from '../../../src/shared/contract'
import type { CaptureImage } from '../../../src/shared/capture'
import { isErrorCode, type Result } from '../../../src/shared/errors'
import type {
  Attachment,
  AttachmentDraft,
  Conversation,
  KeyStatus,
  Message
} from '../../../src/shared/types'
import { SHORTCUTS_UNAVAILABLE } from '../../../src/shared/desktop'
import { MODELS } from '../../../src/shared/models'
import type { Project } from '../../../src/shared/projects'
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type Settings,
  type SettingsPatch
} from '../../../src/shared/settings'

const notFound = <T>(): Result<T> => ({
  ok: false,
  error: { code: 'not_found', message: 'The fake has no projects.' }
})

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export const KEY_SET: KeyStatus = {
  keychain: 'available',
  keychainError: null,
  hasKey: true,
  last4: 'abcd',
  storage: 'keychain'
}

export const NO_KEY: KeyStatus = { ...KEY_SET, hasKey: false, last4: null, storage: null }

let nextId = 1000

export function makeConversation(overrides: Partial<Conversation> = {}): Conversation {
  const id = overrides.id ?? nextId++
  return {
    id,
    title: `Conversation ${id}`,
    model: 'doubao-seed-1-6-251015',
    params: {},
    pinned: false,
    archived: false,
    projectId: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000 + id,
    ...overrides
  }
}

export function makeMessage(overrides: Partial<Message> = {}): Message {
  const id = overrides.id ?? nextId++
  return {
    id,
    conversationId: 1,
    parentId: null,
    versions: [id],
    role: 'assistant',
    content: '',
    reasoning: '',
    status: 'done',
    model: 'doubao-seed-1-6-251015',
    finishReason: null,
    usage: null,
    reasoningMs: null,
    params: null,
    error: null,
    attachments: [],
    createdAt: 1_700_000_000_000,
    ...overrides
  }
}

let nextHash = 1

/** An attachment as main would describe it; `sha256` is made unique unless given. */
export function makeAttachment(overrides: Partial<Attachment> = {}): Attachment {
  const sha256 = overrides.sha256 ?? (nextHash++).toString(16).padStart(64, '0')
  const video = overrides.kind === 'video'
  return {
    sha256,
    kind: 'image',
    name: video ? 'clip.mp4' : 'shot.png',
    mime: video ? 'video/mp4' : 'image/png',
    bytes: 1_234_567,
    width: 800,
    height: 600,
    durationSeconds: video ? 10 : null,
    fps: video ? 1 : null,
    thumbnailUrl: `attachment://${sha256}/thumb`,
    ...overrides
  }
}

/** A draft as addAttachment returns it (frames for videos on a Seed 2.0 model). */
export function makeDraft(overrides: Partial<AttachmentDraft> = {}): AttachmentDraft {
  const attachment = makeAttachment(overrides)
  return {
    ...attachment,
    frames:
      attachment.kind === 'video'
        ? { frames: 16, maxFrames: 1280, limitedBy: 'minimum', effectiveFps: attachment.fps ?? 1 }
        : null,
    ...overrides
  }
}

export interface FakeApi {
  api: Api
  emitDelta(payload: EventPayloads['replyDelta']): void
  emitHistoryDamaged(payload: EventPayloads['historyDamaged']): void
  emitUpdateStatus(payload: EventPayloads['updateStatus']): void
  emitCaptureEnded(payload: EventPayloads['captureEnded']): void
  emitEnded(payload: EventPayloads['replyEnded']): void
  emitWaiting(payload: EventPayloads['replyWaiting']): void
  emitConversationChanged(payload: EventPayloads['conversationChanged']): void
  emitShowConversation(payload: EventPayloads['showConversation']): void
  emitArchiveChanged(payload: EventPayloads['archiveChanged']): void
  emitShortcutStatus(payload: EventPayloads['shortcutStatus']): void
  listenerCount(): number
}

/** A fake Api; `keyStatus` and `conversations` shape what the first answers say. */
export function createFakeApi(
  options: { keyStatus?: KeyStatus; conversations?: Conversation[] } = {}
): FakeApi {
  const deltaListeners = new Set<(payload: EventPayloads['replyDelta']) => void>()
  const endedListeners = new Set<(payload: EventPayloads['replyEnded']) => void>()
  const waitingListeners = new Set<(payload: EventPayloads['replyWaiting']) => void>()
  const damagedListeners = new Set<(payload: EventPayloads['historyDamaged']) => void>()
  const updateListeners = new Set<(payload: EventPayloads['updateStatus']) => void>()
  const captureListeners = new Set<(payload: EventPayloads['captureEnded']) => void>()
  const changedListeners = new Set<(payload: EventPayloads['conversationChanged']) => void>()
  const showListeners = new Set<(payload: EventPayloads['showConversation']) => void>()
  const archiveListeners = new Set<(payload: EventPayloads['archiveChanged']) => void>()
  const shortcutListeners = new Set<(payload: EventPayloads['shortcutStatus']) => void>()
  let keyStatus = options.keyStatus ?? KEY_SET
  // English rather than the system's language, so tests read the English strings.
  let settings: Settings = { ...DEFAULT_SETTINGS, language: 'en' }
  const conversations = options.conversations ?? []

  const api: Api = heldToContract({
    getKeyStatus: vi.fn(async () => ok(keyStatus)),
    setKey: vi.fn(async ({ key }: { key: string }) => {
      keyStatus = { ...keyStatus, hasKey: true, last4: key.slice(-4), storage: 'keychain' }
      return ok(keyStatus)
    }),
    deleteKey: vi.fn(async () => {
      keyStatus = { ...keyStatus, hasKey: false, last4: null, storage: null }
      return ok(keyStatus)
    }),
    getSettings: vi.fn(async () => ok(settings)),
    updateSettings: vi.fn(async (patch: SettingsPatch) => {
      settings = { ...settings, ...patch }
      return ok(settings)
    }),
    testConnection: vi.fn(async () => ok({ modelCount: 10 })),
    listModels: vi.fn(async () => ok({ models: [...MODELS], source: 'offline' as const })),
    listConversations: vi.fn(async () => ok({ conversations, next: null })),
    getConversation: vi.fn(async ({ id }: { id: number }) =>
      ok({
        conversation: conversations.find((c) => c.id === id) ?? makeConversation({ id }),
        messages: [],
        hasOlder: false,
        hasNewer: false
      })
    ),
    listMessages: vi.fn(async () => ok({ messages: [], hasMore: false })),
    setConversationModel: vi.fn(async ({ id, model }: { id: number; model: string }) =>
      ok({ ...(conversations.find((c) => c.id === id) ?? makeConversation({ id })), model })
    ),
    setConversationParams: vi.fn(
      async ({ id, params }: { id: number; params: Conversation['params'] }) =>
        ok({ ...(conversations.find((c) => c.id === id) ?? makeConversation({ id })), params })
    ),
    deleteConversation: vi.fn(async () => ok(null)),
    listProjects: vi.fn(async () => ok([])),
    createProject: vi.fn(async () => notFound<Project>()),
    updateProject: vi.fn(async () => notFound<Project>()),
    reorderProjects: vi.fn(async () => ok([])),
    deleteProject: vi.fn(async () => ok(null)),
    addProjectFile: vi.fn(async () => notFound<Project>()),
    removeProjectFile: vi.fn(async () => notFound<Project>()),
    setConversationProject: vi.fn(async () => notFound<Conversation>()),
    renameConversation: vi.fn(async ({ id, title }: { id: number; title: string }) =>
      ok({ ...(conversations.find((c) => c.id === id) ?? makeConversation({ id })), title })
    ),
    setConversationPinned: vi.fn(async ({ id, pinned }: { id: number; pinned: boolean }) =>
      ok({ ...(conversations.find((c) => c.id === id) ?? makeConversation({ id })), pinned })
    ),
    setConversationArchived: vi.fn(async ({ id, archived }: { id: number; archived: boolean }) =>
      ok({ ...(conversations.find((c) => c.id === id) ?? makeConversation({ id })), archived })
    ),
    archiveOlderThan: vi.fn(async () => ok({ count: 0 })),
    listArchivedConversations: vi.fn(async () => ok([])),
    exportConversation: vi.fn(async () =>
      ok({ fileName: 'chat.md', mime: 'text/markdown', text: '' })
    ),
    exportHistory: vi.fn(async () =>
      ok({ fileName: 'history.json', mime: 'application/json', text: '{}' })
    ),
    importHistory: vi.fn(async () =>
      ok({ conversationsAdded: 0, messagesAdded: 0, messagesSkipped: 0 })
    ),
    searchHistory: vi.fn(async () => ok({ results: [], next: null })),
    findInConversation: vi.fn(async ({ query }: { query: string }) =>
      ok({ query, total: 0, hits: [] })
    ),
    getHistoryStatus: vi.fn(async () => ok({ state: 'ok' as const, backups: [] })),
    getImageTextStatus: vi.fn(async () => ok({ done: 0, total: 0, running: false })),
    getImageText: vi.fn(async () => ok({ status: 'done' as const, text: '' })),
    getDocumentText: vi.fn(async () => ok(null)),
    log: vi.fn(async () => ok(null)),
    getCrashNotice: vi.fn(async () => ok(null)),
    restoreBackup: vi.fn(async () => ok({ state: 'ok' as const, backups: [] })),
    keepHistory: vi.fn(async () => ok({ state: 'ok' as const, backups: [] })),
    // By default every file is a PNG named as given; tests replace this for videos and refusals.
    addAttachment: vi.fn(async ({ name }: { name: string; data: Uint8Array; model: string }) =>
      ok(makeDraft({ name }))
    ),
    startCapture: vi.fn(async () => ok([])),
    getCaptureImage: vi.fn(
      async (): Promise<Result<CaptureImage>> => ({
        ok: false,
        error: { code: 'not_found', message: 'No screen capture is in progress.' }
      })
    ),
    finishCapture: vi.fn(async () => ok(null)),
    attachCapture: vi.fn(async () => ok(makeDraft({ name: 'Screenshot 2026-12-04 23.41.05.png' }))),
    onCaptureEnded: (listener) => {
      captureListeners.add(listener)
      return () => captureListeners.delete(listener)
    },
    sendMessage: vi.fn(
      async ({
        conversationId,
        model,
        text,
        attachments = []
      }: {
        conversationId: number | null
        model: string
        text: string
        attachments?: { sha256: string; name: string; fps?: number }[]
      }) => {
        const conversation = makeConversation({
          id: conversationId ?? nextId++,
          title: text.slice(0, 40),
          model
        })
        return ok({
          conversation,
          userMessage: makeMessage({
            conversationId: conversation.id,
            role: 'user',
            content: text,
            attachments: attachments.map((a) => makeAttachment({ sha256: a.sha256, name: a.name }))
          }),
          assistantMessage: makeMessage({
            conversationId: conversation.id,
            status: 'streaming',
            model
          }),
          leftOut: []
        })
      }
    ),
    stopReply: vi.fn(async () => ok(null)),
    retryReplyNow: vi.fn(async () => ok(null)),
    retryReply: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok(makeMessage({ id: messageId + 1, status: 'streaming' }))
    ),
    // A new version beside the reply: its versions are the old one and itself.
    regenerateReply: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok(
        makeMessage({
          id: messageId + 1,
          status: 'streaming',
          versions: [messageId, messageId + 1]
        })
      )
    ),
    editMessage: vi.fn(async ({ messageId, text }: { messageId: number; text: string }) => {
      const conversation = makeConversation({ id: 1 })
      const userMessage = makeMessage({ role: 'user', content: text, versions: [messageId] })
      userMessage.versions = [messageId, userMessage.id]
      return ok({
        conversation,
        userMessage,
        assistantMessage: makeMessage({ status: 'streaming', parentId: userMessage.id }),
        leftOut: []
      })
    }),
    continueReply: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok(makeMessage({ id: messageId, status: 'streaming', content: 'Cut off here' }))
    ),
    saveReplyAgain: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok(makeMessage({ id: messageId, status: 'done' }))
    ),
    showVersion: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok({ from: messageId, messages: [], hasMore: false })
    ),
    deleteMessage: vi.fn(async ({ messageId }: { messageId: number }) =>
      ok({ from: messageId, messages: [], hasMore: false })
    ),
    onReplyDelta: (listener) => {
      deltaListeners.add(listener)
      return () => deltaListeners.delete(listener)
    },
    onReplyEnded: (listener) => {
      endedListeners.add(listener)
      return () => endedListeners.delete(listener)
    },
    onReplyWaiting: (listener) => {
      waitingListeners.add(listener)
      return () => waitingListeners.delete(listener)
    },
    onHistoryDamaged: (listener) => {
      damagedListeners.add(listener)
      return () => damagedListeners.delete(listener)
    },
    installUpdate: vi.fn(async () => ok(null)),
    onUpdateStatus: (listener) => {
      updateListeners.add(listener)
      return () => updateListeners.delete(listener)
    },
    hideQuickAsk: vi.fn(async () => ok(null)),
    setQuickAskPinned: vi.fn(async () => ok(null)),
    showInMainWindow: vi.fn(async () => ok(null)),
    getShortcutStatus: vi.fn(async () => ok(SHORTCUTS_UNAVAILABLE)),
    onConversationChanged: (listener) => {
      changedListeners.add(listener)
      return () => changedListeners.delete(listener)
    },
    onArchiveChanged: (listener) => {
      archiveListeners.add(listener)
      return () => archiveListeners.delete(listener)
    },
    onShowConversation: (listener) => {
      showListeners.add(listener)
      return () => showListeners.delete(listener)
    },
    onShortcutStatus: (listener) => {
      shortcutListeners.add(listener)
      return () => shortcutListeners.delete(listener)
    }
  })

  return {
    api,
    emitCaptureEnded: (payload) => {
      for (const listener of captureListeners) listener(payload)
    },
    emitDelta: (payload) => {
      for (const listener of deltaListeners) listener(payload)
    },
    emitHistoryDamaged: (payload) => {
      for (const listener of damagedListeners) listener(payload)
    },
    emitUpdateStatus: (payload) => {
      for (const listener of updateListeners) listener(payload)
    },
    emitEnded: (payload) => {
      for (const listener of endedListeners) listener(payload)
    },
    emitWaiting: (payload) => {
      for (const listener of waitingListeners) listener(payload)
    },
    emitConversationChanged: (payload) => {
      for (const listener of changedListeners) listener(payload)
    },
    emitArchiveChanged: (payload) => {
      for (const listener of archiveListeners) listener(payload)
    },
    emitShowConversation: (payload) => {
      for (const listener of showListeners) listener(payload)
    },
    emitShortcutStatus: (payload) => {
      for (const listener of shortcutListeners) listener(payload)
    },
    listenerCount: () => deltaListeners.size + endedListeners.size
  }
}

/** Calls and answers against the contract seen in the running test. */
const violations: string[] = []

afterEach(() => {
  const seen = violations.splice(0)
  if (seen.length > 0) {
    throw new Error(`window.api was used against the contract:\n${seen.join('\n')}`)
  }
})

/** A schema's issues, worded as main's dispatch words them. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
    )
    .join('; ')
}

const keyStatusSchema = z
  .object({
    keychain: z.enum(['available', 'unavailable']),
    keychainError: z.string().nullable(),
    hasKey: z.boolean(),
    last4: z.string().length(4).nullable(),
    storage: z.enum(['keychain', 'memory']).nullable()
  })
  .strict()

/**
 * Results checkable at run time (the others are held to their types by the compiler, mocks
 * included: vi.mocked(api.x).mockResolvedValue takes only the request's result type).
 */
const RESULT_SCHEMAS: Partial<Record<RequestName, z.ZodType>> = {
  getKeyStatus: keyStatusSchema,
  setKey: keyStatusSchema,
  deleteKey: keyStatusSchema,
  getSettings: settingsSchema,
  updateSettings: settingsSchema,
  testConnection: z.object({ modelCount: z.number().int().min(0) }).strict(),
  deleteConversation: z.null(),
  stopReply: z.null()
}

/** What is wrong with a request's answer, or null when it is a Result the contract allows. */
function answerProblem(name: RequestName, answer: unknown): string | null {
  if (typeof answer !== 'object' || answer === null) return 'something that is not a Result'
  const result = answer as { ok?: unknown; value?: unknown; error?: unknown }
  if (result.ok === true) {
    if (result.value === undefined) return 'ok without a value'
    const parsed = RESULT_SCHEMAS[name]?.safeParse(result.value)
    return parsed && !parsed.success ? describeIssues(parsed.error) : null
  }
  if (result.ok !== false) return 'a Result that is neither ok nor failed'
  const error = result.error as { code?: unknown; message?: unknown } | undefined
  if (typeof error?.code !== 'string' || !isErrorCode(error.code)) return 'an unknown error code'
  return typeof error.message === 'string' ? null : 'an error without a message'
}

/**
 * Wraps every request of a fake Api so that it is held to the contract. Each stays the test's
 * vi.fn behind a Proxy: mockResolvedValueOnce, mock.calls and the rest reach it unchanged.
 */
function heldToContract(api: Api): Api {
  const held: Record<string, unknown> = { ...api }
  for (const name of REQUEST_NAMES) {
    held[name] = new Proxy(api[name], {
      apply: async (request, thisArg, args: unknown[]) => {
        const parsed = requestSchemas[name].safeParse(args[0])
        if (!parsed.success) {
          const message = describeIssues(parsed.error)
          violations.push(`${name}: ${message}`)
          return { ok: false, error: { code: 'invalid_input', message } }
        }
        const answer: unknown = await Reflect.apply(request, thisArg, args)
        const problem = answerProblem(name, answer)
        if (problem) violations.push(`${name} answered ${problem}`)
        return answer
      }
    })
  }
  return held as Api
}
