import type { EmitEvent, EventPayloads, RequestName } from '../shared/contract'
import type { AppErrorInfo, Result } from '../shared/errors'
import { systemPromptOf, type Project } from '../shared/projects'
import type { SearchPage } from '../shared/search'
import type { Message, SendResult } from '../shared/types'
import { DEFAULT_MODEL } from '../shared/models'
import { baseURLSchema } from '../shared/settings'
import { createCore, type Core } from '../main/core'
import { dispatch } from '../main/dispatch'
import { findProjectByName } from '../main/projects/projects'
import { withoutKey } from '../main/redact'
import { createKeytarStore, type SecretStore } from '../main/secrets/keychain'
import { modelFor } from '../main/settings/settings'
import { attachFiles } from './attach'
import { documentBudgetRefusal } from './budget'
import { USAGE } from './usage'
import {
  APP_NAME,
  dataDir,
  parseAsk,
  parseSearch,
  UsageError,
  type AskOptions,
  type SearchOptions
} from './args'

/** 0 answered; 1 the API or the network failed (what arrived is kept); 2 bad input, nothing sent. */
export const EXIT = { answered: 0, failed: 1, badInput: 2, interrupted: 130 } as const

// Refused before anything was sent, because of what was asked: exit 2.
const BAD_INPUT: ReadonlySet<string> = new Set([
  'invalid_input',
  'unsupported_param',
  'attachment_refused',
  'not_found',
  'no_key',
  'keychain_unavailable',
  'busy'
])

interface Io {
  env: NodeJS.ProcessEnv
  out: (text: string) => void
  err: (text: string) => void
}

/** Runs one command; resolves with the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (command === 'ask') return await ask(parseAsk(rest), io)
    if (command === 'search') return await search(parseSearch(rest), io)
    if (command === 'help' || command === '--help' || command === '-h') {
      io.out(`${USAGE}\n`)
      return EXIT.answered
    }
    if (command === undefined) {
      io.err(`${USAGE}\n`)
      return EXIT.badInput
    }
    throw new UsageError(`Unknown command “${command}”.\n\n${USAGE}`)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    const json = rest.includes('--json')
    report({ code: 'invalid_input', message: error.message }, json, io)
    return EXIT.badInput
  }
}

async function ask(options: AskOptions, io: Io): Promise<number> {
  const apiKey = io.env.SEED_CHAT_API_KEY?.trim() || null
  const redact = (text: string): string => (apiKey ? withoutKey(text, apiKey) : text)
  const safeIo: Io = { ...io, err: (text) => io.err(redact(text)) }
  let baseURL: string | undefined
  if (io.env.SEED_CHAT_BASE_URL) {
    const parsed = baseURLSchema.safeParse(io.env.SEED_CHAT_BASE_URL)
    if (!parsed.success)
      return fail(
        {
          code: 'invalid_input',
          message: `SEED_CHAT_BASE_URL: ${parsed.error.issues[0].message}.`
        },
        options.json,
        safeIo
      )
    baseURL = parsed.data.replace(/\/+$/, '')
  }

  let replyId: number | null = null
  let ended: Message | null = null
  // Reasoning on stderr ends with a blank line before the answer, for a reader of both.
  let reasoningOpen = false
  const emit: EmitEvent = (name, payload) => {
    if (name === 'replyDelta') {
      const delta = payload as EventPayloads['replyDelta']
      if (options.json) return
      if (delta.reasoning) {
        io.err(delta.reasoning)
        reasoningOpen = true
      }
      if (delta.content && reasoningOpen) {
        io.err('\n\n')
        reasoningOpen = false
      }
      if (delta.content) io.out(delta.content)
    } else if (name === 'replyEnded') {
      ended = (payload as EventPayloads['replyEnded']).message
    }
  }
  const core = await openCore(io.env, emit, apiKey, {
    ...(baseURL ? { baseURL } : {}),
    ...(options.stallTimeoutSeconds
      ? { stallTimeoutMs: Math.round(options.stallTimeoutSeconds * 1000) }
      : {}),
    imagesAsText: options.ocr
  })
  const interrupt = (): void => {
    if (replyId !== null) void core.services.chat.stop(replyId)
  }
  process.once('SIGINT', interrupt)
  try {
    const conversation =
      options.conversationId === undefined
        ? null
        : await call(core, 'getConversation', { id: options.conversationId, limit: 1 })
    if (conversation && !conversation.ok) return fail(conversation.error, options.json, safeIo)
    const project = projectNamed(core, options.project)
    if (!project.ok) return fail(project.error, options.json, safeIo)
    const model =
      options.model ??
      project.value?.defaultModel ??
      (conversation?.ok ? conversation.value.conversation.model : DEFAULT_MODEL)

    const files = await attachFiles(core, options, model, safeIo.err)
    if ('error' in files) return fail(files.error, options.json, safeIo)
    const { attachments, documentTokens } = files
    // The project's files go with the question, so they count as the files given do.
    documentTokens.push(...(project.value?.files.map((file) => file.tokens) ?? []))

    const tooLong = documentBudgetRefusal(
      modelFor(core.services.db, model),
      documentTokens,
      options.question,
      systemPromptOf(project.value?.instructions ?? '', options.params.systemPrompt)
    )
    if (tooLong) return fail(tooLong, options.json, safeIo)

    // A new chat takes exactly the flags given (none = nothing sent, whatever Settings' defaults
    // are) over its project's defaults; a conversation continued without parameter flags keeps
    // its own.
    const sendParams =
      options.conversationId === undefined || options.paramsGiven
        ? { params: { ...project.value?.defaultParams, ...options.params } }
        : {}
    const sent = await call(core, 'sendMessage', {
      conversationId: options.conversationId ?? null,
      ...(project.value ? { projectId: project.value.id } : {}),
      model,
      text: options.question,
      attachments,
      ...sendParams
    })
    if (!sent.ok) return fail(sent.error, options.json, safeIo)
    const { assistantMessage } = sent.value as SendResult
    replyId = assistantMessage.id
    await core.services.chat.whenIdle(replyId)
    const reply: Message = ended ?? assistantMessage
    if (!options.json && reply.content && !reply.content.endsWith('\n')) io.out('\n')
    if (reasoningOpen) io.err('\n')

    if (reply.status === 'done') {
      if (options.json) {
        io.out(
          `${redact(
            JSON.stringify({
              ok: true,
              conversationId: reply.conversationId,
              messageId: reply.id,
              content: reply.content,
              reasoning: reply.reasoning,
              finishReason: reply.finishReason,
              usage: reply.usage
            })
          )}\n`
        )
      } else if (reply.finishReason === 'length') {
        io.err('\n(Cut off at the token limit.)\n')
      }
      return EXIT.answered
    }
    const error: AppErrorInfo = reply.error ?? {
      code: 'internal',
      message:
        reply.status === 'stopped'
          ? 'Stopped; what arrived is kept.'
          : `The reply ended as ${reply.status}.`
    }
    report(
      error,
      options.json,
      safeIo,
      { conversationId: reply.conversationId, messageId: reply.id },
      redact
    )
    return reply.status === 'stopped' ? EXIT.interrupted : EXIT.failed
  } finally {
    process.off('SIGINT', interrupt)
    await core.close()
  }
}

async function search(options: SearchOptions, io: Io): Promise<number> {
  // Offline: the history only, no key and no network.
  const core = await openCore(io.env, () => undefined, null, {})
  try {
    const project = projectNamed(core, options.project)
    if (!project.ok) return fail(project.error, options.json, io)
    const results: SearchPage['results'] = []
    let before: SearchPage['next'] = null
    do {
      const page = await call(core, 'searchHistory', {
        query: options.query,
        ...options.filters,
        ...(options.archived ? { archived: true } : {}),
        ...(project.value ? { project: project.value.id } : {}),
        ...(before ? { before } : {})
      })
      if (!page.ok) return fail(page.error, options.json, io)
      const value = page.value as SearchPage
      results.push(...value.results)
      before = value.next
    } while (before && results.length < options.limit)
    const hits = results.slice(0, options.limit).map((hit) => ({
      conversationId: hit.conversationId,
      messageId: hit.messageId,
      role: hit.role,
      field: hit.field,
      snippet: hit.snippet.map((part) => part.text).join(''),
      createdAt: hit.createdAt,
      archived: hit.archived,
      conversationTitle: hit.conversationTitle
    }))
    if (options.json) {
      io.out(
        `${JSON.stringify({ results: hits.map(({ conversationTitle: _title, ...hit }) => hit) })}\n`
      )
    } else {
      for (const hit of hits) {
        const when = new Date(hit.createdAt).toISOString().slice(0, 16).replace('T', ' ')
        const where =
          hit.field === 'title'
            ? 'title'
            : `${hit.role}${hit.field === 'content' ? '' : ` ${hit.field}`}`
        const id =
          hit.messageId === null
            ? `${hit.conversationId}`
            : `${hit.conversationId}/${hit.messageId}`
        io.out(
          `${when}  ${id}  ${hit.conversationTitle} (${where}${hit.archived ? ', archived' : ''})\n    ${hit.snippet.replace(/\s+/g, ' ')}\n`
        )
      }
      if (hits.length === 0) io.err('No results.\n')
    }
    return EXIT.answered
  } finally {
    await core.close()
  }
}

/**
 * The core on the app's data folder, beside the app that may be running on it. The key from
 * SEED_CHAT_API_KEY is held in memory only (the keychain is not touched); otherwise the app's
 * keychain entry is read.
 */
async function openCore(
  env: NodeJS.ProcessEnv,
  emit: EmitEvent,
  apiKey: string | null,
  chat: { baseURL?: string; stallTimeoutMs?: number; imagesAsText?: boolean }
): Promise<Core> {
  const secrets: SecretStore = apiKey
    ? {
        get: async () => apiKey,
        set: async () => {
          throw new Error('The key comes from SEED_CHAT_API_KEY.')
        },
        delete: async () => undefined
      }
    : createKeytarStore(env.SEED_CHAT_KEYCHAIN_SERVICE ?? APP_NAME)
  return createCore({ dataDir: dataDir(env), secrets, emit, chat, besideApp: true })
}

/** A request through the same validation the app's IPC boundary applies. */
// biome-ignore lint/suspicious/noExplicitAny: each caller reads the result of the request it named
function call(core: Core, name: RequestName, args: unknown): Promise<Result<any>> {
  return dispatch(core.handlers, name, args)
}

/** The project --project names (null without the flag); not_found (exit 2) when none has it. */
function projectNamed(core: Core, name: string | undefined): Result<Project | null> {
  if (name === undefined) return { ok: true, value: null }
  const project = findProjectByName(core.services.db, name)
  if (project) return { ok: true, value: project }
  const message = `--project: there is no project named “${name}”.`
  return { ok: false, error: { code: 'not_found', message } }
}

function fail(error: AppErrorInfo, json: boolean, io: Io): number {
  report(error, json, io)
  return BAD_INPUT.has(error.code) ? EXIT.badInput : EXIT.failed
}

function report(
  error: AppErrorInfo,
  json: boolean,
  io: Io,
  where: { conversationId: number; messageId: number } | null = null,
  redact: (text: string) => string = (text) => text
): void {
  const detail: AppErrorInfo = { code: error.code, message: error.message }
  if (error.status !== undefined) detail.status = error.status
  if (error.reason !== undefined) detail.reason = error.reason
  if (error.params !== undefined) detail.params = error.params
  if (json) io.out(`${redact(JSON.stringify({ ok: false, error: detail, ...(where ?? {}) }))}\n`)
  else
    io.err(
      `Error (${error.code}${error.status !== undefined ? `, HTTP ${error.status}` : ''}): ${error.message}\n`
    )
}

// Run as a program (not when imported by a test).
if (process.argv[1] && /[\\/]cli[\\/]index\.[cm]?[jt]s$/.test(process.argv[1])) {
  run(process.argv.slice(2), {
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text)
  }).then(
    (code) => {
      process.exitCode = code
      // The keychain's D-Bus connection would keep the process alive.
      process.stdout.write('', () => process.exit(code))
    },
    (error: unknown) => {
      process.stderr.write(
        `Error (internal): ${error instanceof Error ? error.message : String(error)}\n`
      )
      process.exit(EXIT.failed)
    }
  )
}
