import { createParser } from 'eventsource-parser'
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import type { Usage } from '../../shared/types'
import type { MessageContent } from '../attachments/parts'
import { AppError } from '../errors'
import { serverText } from '../redact'

/** One message of the request, as the API takes it: text, or parts with images and videos. */
export interface ChatMessageParam {
  role: 'user' | 'assistant' | 'system'
  content: MessageContent
}

export interface ChatStreamRequest {
  baseURL: string
  apiKey: string
  model: string
  messages: ChatMessageParam[]
  /** The conversation's parameters as body fields (temperature, top_p ...); absent ones are not sent. */
  fields?: Record<string, unknown>
  signal: AbortSignal
  /** Size of the request body, when known (large attachments take long to upload). */
  uploadBytes?: number
  /** Called for every chunk with the text it added. */
  onDelta: (delta: { content: string; reasoning: string }) => void
}

export interface ChatStreamEnd {
  finishReason: string | null
  usage: Usage | null
}

export interface ChatClientOptions {
  /** Retries by the openai SDK (429, 5xx, connection errors), with its own backoff. */
  maxRetries: number
  /** Abort when no byte arrives for this long (keep-alive comments count). */
  stallTimeoutMs: number
  /** Longest Retry-After the SDK may wait before retrying by itself; longer ones go to the user. */
  maxRetryAfterSeconds: number
}

export const DEFAULT_CHAT_OPTIONS: ChatClientOptions = {
  maxRetries: 2,
  stallTimeoutMs: 60_000,
  maxRetryAfterSeconds: 20
}

// The gateway adds fields the SDK does not type (docs/api.md, "The stream").
type ChunkDelta = { content?: string | null; reasoning_content?: string | null }
type ChunkUsage = OpenAI.CompletionUsage & {
  completion_tokens_details?: { reasoning_tokens?: number | null } | null
}

/** Longest single event accepted, in characters; past it a server is sending garbage. */
const MAX_EVENT_CHARS = 32 * 1024 * 1024
/** What is read of an answer that is not the API's, to say what it was. */
const PEEK_BYTES = 65_536

/** Streams one reply; resolves with how it ended, throws AppError (or an abort) on failure. */
export async function streamChat(
  request: ChatStreamRequest,
  options: ChatClientOptions = DEFAULT_CHAT_OPTIONS
): Promise<ChatStreamEnd> {
  const client = createClient(request.baseURL, request.apiKey, options)
  const controller = new AbortController()
  const abort = (): void => controller.abort()
  request.signal.addEventListener('abort', abort, { once: true })
  let stalled = false
  let watchdog: NodeJS.Timeout | undefined
  const armWatchdog = (): void => {
    clearTimeout(watchdog)
    watchdog = setTimeout(() => {
      stalled = true
      controller.abort()
    }, options.stallTimeoutMs)
  }

  let received = false
  const end: ChatStreamEnd = { finishReason: null, usage: null }
  try {
    // Until the response starts, the SDK's own per-attempt timeout and retries apply. Its body is
    // read here: the SDK's SSE decoder re-scans its whole buffer for every network chunk, which
    // blocks the main process for seconds on one large event.
    const creating = client.chat.completions
      .create(
        {
          model: request.model,
          // video_url parts are the gateway's extension, unknown to the SDK's types (docs/api.md).
          messages: request.messages as OpenAI.ChatCompletionMessageParam[],
          // thinking is the gateway's extension, unknown to the SDK's types (docs/api.md).
          ...(request.fields as Partial<OpenAI.ChatCompletionCreateParamsStreaming>),
          stream: true,
          stream_options: { include_usage: true }
        },
        { signal: controller.signal, timeout: requestTimeout(request, options) }
      )
      .asResponse()
    // Stop must not wait for the SDK's backoff sleep between retries, which ignores the signal.
    const response = await Promise.race([creating, aborted(controller.signal)])
    armWatchdog()
    await refuseNonEventStream(response, armWatchdog)
    let done = false
    // No body at all ends like a stream cut short, below.
    if (response.body)
      await readEvents(response.body, armWatchdog, (data) => {
        if (done) return
        if (data.startsWith('[DONE]')) {
          done = true
          return
        }
        const chunk = JSON.parse(data) as (OpenAI.ChatCompletionChunk & { error?: unknown }) | null
        // An error event inside the stream: {"error": {...}} after a 200.
        if (chunk?.error)
          throw new APIError(undefined, chunk.error as object, undefined, response.headers)
        received = true
        const choice = chunk?.choices?.[0]
        if (choice) {
          const delta = (choice.delta ?? {}) as ChunkDelta
          const content = delta.content ?? ''
          const reasoning = delta.reasoning_content ?? ''
          if (content || reasoning) request.onDelta({ content, reasoning })
          if (choice.finish_reason) end.finishReason = choice.finish_reason
        }
        if (chunk?.usage) end.usage = toUsage(chunk.usage as ChunkUsage)
      })
    if (end.finishReason === null) {
      throw new AppError('stream_interrupted', 'The stream ended before the reply was finished.')
    }
    return end
  } catch (error) {
    // A stall or a Stop aborts the body mid-read; say which.
    if (stalled) throw stalledError(options)
    if (controller.signal.aborted) throw new APIUserAbortError()
    throw toAppError(error, received, request.apiKey)
  } finally {
    clearTimeout(watchdog)
    request.signal.removeEventListener('abort', abort)
  }
}

/**
 * Reads a server-sent event stream: every byte that arrives, a keep-alive comment too, calls
 * `onBytes`; every event's data goes to `onEvent`. Linear in the size of the stream, however
 * the events are cut into network chunks.
 */
async function readEvents(
  body: ReadableStream<Uint8Array>,
  onBytes: () => void,
  onEvent: (data: string) => void
): Promise<void> {
  const decoder = new TextDecoder()
  let tooLarge = false
  const parser = createParser({
    onEvent: (event) => onEvent(event.data),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true
    },
    maxBufferSize: MAX_EVENT_CHARS
  })
  const reader = body.getReader()
  let finished = false
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      onBytes()
      parser.feed(decoder.decode(value, { stream: true }))
      if (tooLarge) {
        throw new AppError(
          'stream_interrupted',
          `The server sent an event over ${MAX_EVENT_CHARS / 1024 / 1024} MB; the rest was not read.`
        )
      }
    }
    finished = true
    parser.feed(decoder.decode())
  } finally {
    // Stop reading a body we gave up on, so the connection closes.
    if (!finished) reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
}

/**
 * A captive portal or a proxy answers 200 with its own page, which is no event stream. Throws
 * not_api_response naming what came back; a response without a content type is read as events.
 */
async function refuseNonEventStream(response: Response, onBytes: () => void): Promise<void> {
  const contentType = response.headers.get('content-type')
  if (contentType === null || /^\s*text\/event-stream\b/i.test(contentType)) return
  throw notApiResponse(response.status, contentType, await peekText(response, onBytes))
}

/** The start of a body, then the rest cancelled. */
async function peekText(
  response: Response,
  onBytes: () => void = () => undefined
): Promise<string> {
  if (!response.body) return ''
  const reader = response.body.getReader()
  const parts: Uint8Array[] = []
  let size = 0
  try {
    while (size < PEEK_BYTES) {
      const { value, done } = await reader.read()
      if (done) break
      onBytes()
      parts.push(value)
      size += value.length
    }
  } finally {
    reader.cancel().catch(() => undefined)
    reader.releaseLock()
  }
  return Buffer.concat(parts).subarray(0, PEEK_BYTES).toString('utf8')
}

/** An answer that did not come from the API: what it was, by status, content type and content. */
function notApiResponse(status: number, contentType: string | null, text: string): AppError {
  const html = /html/i.test(contentType ?? '') || /^\s*</.test(text)
  const type = contentType ?? 'no content type'
  let message = `HTTP ${status}, ${type}`
  if (html) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.replace(/\s+/g, ' ').trim()
    if (title) message += `: “${title}”`
  } else {
    const start = text.trim().replace(/\s+/g, ' ').slice(0, 200)
    if (start) message += `: ${start}`
  }
  return new AppError('not_api_response', message, {
    status,
    reason: html ? 'html' : 'other',
    params: { status, contentType: type }
  })
}

/** GET /models: the model ids this key may use. */
export async function listModelIds(
  baseURL: string,
  apiKey: string,
  options: Pick<ChatClientOptions, 'maxRetries'> = { maxRetries: 0 }
): Promise<string[]> {
  const client = createClient(baseURL, apiKey, { ...DEFAULT_CHAT_OPTIONS, ...options })
  try {
    const response = await client.models.list({ timeout: 15_000 }).asResponse()
    const contentType = response.headers.get('content-type')
    const text =
      contentType !== null && !/json/i.test(contentType)
        ? await peekText(response)
        : await response.text()
    let list: unknown
    try {
      list = JSON.parse(text)
    } catch {
      throw notApiResponse(response.status, contentType, text)
    }
    const models = (list as { data?: unknown } | null)?.data
    if (!Array.isArray(models)) throw notApiResponse(response.status, contentType, text)
    return models
      .map((model) => (model as { id?: unknown } | null)?.id)
      .filter((id): id is string => typeof id === 'string')
  } catch (error) {
    throw toAppError(error, false, apiKey)
  }
}

/** True for the error a user's Stop produces. */
export function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError
}

function createClient(baseURL: string, apiKey: string, options: ChatClientOptions): OpenAI {
  return new OpenAI({
    apiKey,
    baseURL,
    maxRetries: options.maxRetries,
    timeout: options.stallTimeoutMs,
    logLevel: 'off',
    fetch: refuseLongRetryAfter(options.maxRetryAfterSeconds)
  })
}

/**
 * The SDK sleeps for any Retry-After (or retry-after-ms) before retrying, on any retryable status,
 * and cannot be stopped while it sleeps; past a limit we tell the user instead.
 * `x-should-retry: false` is the SDK's own switch for that.
 */
function refuseLongRetryAfter(limitSeconds: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    const wait = retryAfterSeconds(response.headers)
    if (wait === undefined || wait <= limitSeconds) return response
    const headers = new Headers(response.headers)
    headers.set('x-should-retry', 'false')
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers
    })
  }
}

/** Seconds from retry-after-ms or Retry-After (delta-seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? NaN)
  if (Number.isFinite(milliseconds)) return Math.max(0, Math.ceil(milliseconds / 1000))
  const value = headers?.get('retry-after')
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

/** Rejects as a user abort when the signal fires. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fire = (): void => reject(new APIUserAbortError())
    if (signal.aborted) fire()
    else signal.addEventListener('abort', fire, { once: true })
  })
}

/**
 * Time allowed until the response starts: the stall limit plus the upload of the body at a slow
 * 100 kB/s, so a 45 MB video on a slow uplink is not cut off (and re-sent) mid-upload.
 */
function requestTimeout(request: ChatStreamRequest, options: ChatClientOptions): number {
  return options.stallTimeoutMs + Math.ceil((request.uploadBytes ?? 0) / 100_000) * 1000
}

function toUsage(usage: ChunkUsage): Usage {
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? null
  }
}

function stalledError(options: ChatClientOptions): AppError {
  return new AppError(
    'stalled',
    `No data arrived for ${Math.round(options.stallTimeoutMs / 1000)} seconds.`
  )
}

/**
 * Maps whatever the SDK, the network or the stream threw to the closed set of codes. Every text a
 * server sent enters the app here, and leaves without the key.
 */
function toAppError(error: unknown, received: boolean, apiKey: string): unknown {
  const mapped = classify(error, received)
  if (!(mapped instanceof AppError)) return mapped
  const params = mapped.params
    ? Object.fromEntries(
        Object.entries(mapped.params).map(([name, value]) => [
          name,
          typeof value === 'string' ? serverText(value, apiKey) : value
        ])
      )
    : undefined
  return new AppError(mapped.code, serverText(mapped.message, apiKey), {
    status: mapped.status,
    retryAfterSeconds: mapped.retryAfterSeconds,
    reason: mapped.reason,
    params
  })
}

function classify(error: unknown, received: boolean): unknown {
  if (error instanceof AppError || error instanceof APIUserAbortError) return error
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status
    const contentType = error.headers?.get('content-type') ?? null
    const html = error.error === undefined && /html/i.test(contentType ?? '')
    // A proxy's or a portal's page, not the API's error; a 429 or 5xx page still says what to do.
    if (html && status !== 429 && status < 500)
      return notApiResponse(status, contentType, error.message)
    const message = html
      ? notApiResponse(status, contentType, error.message).message
      : serverMessage(error)
    if (isAccountProblem(error)) return new AppError('account_problem', message, { status })
    if (status === 401) return new AppError('bad_key', message, { status })
    if (status === 403 || status === 404)
      return new AppError('model_unavailable', message, { status })
    if (status === 429) {
      return new AppError('rate_limited', message, {
        status,
        retryAfterSeconds: retryAfterSeconds(error.headers)
      })
    }
    if (status >= 500) return new AppError('server', message, { status })
    if (isOutOfContext(error)) return new AppError('context_too_long', message, { status })
    return new AppError('bad_request', message, { status })
  }
  if (error instanceof APIError && !(error instanceof APIConnectionError)) {
    // An error event inside the stream: {"error": {...}} after a 200.
    return new AppError('stream_interrupted', serverMessage(error))
  }
  const detail = describeNetworkError(error)
  return received ? new AppError('stream_interrupted', detail) : new AppError('network', detail)
}

// Ark: 403 AccountOverdueError; OpenAI and one-api gateways: 429 insufficient_quota,
// 403 insufficient_user_quota; 402 Payment Required anywhere. Ark's 429 QuotaExceeded stays a
// rate limit (docs/api.md lists it with them, and the existing Retry-After handling applies).
const ACCOUNT_CODE = /overdue|arrear|insufficient_(user_)?quota|billing|balance|payment_required/i

/** The account, not the model or the request: unpaid, out of credit, or denied as a whole. */
function isAccountProblem(error: APIError): boolean {
  if (error.status === 402) return true
  if (error.status !== 400 && error.status !== 403 && error.status !== 429) return false
  const body = error.error as { code?: unknown; type?: unknown; message?: unknown } | undefined
  const names = `${String(body?.code ?? '')} ${String(body?.type ?? '')}`
  if (ACCOUNT_CODE.test(names)) return true
  // Ark's AccessDenied is about the account, unless it names the model (then the model is not open).
  const message = typeof body?.message === 'string' ? body.message : ''
  return error.status === 403 && /AccessDenied/i.test(names) && !/model|endpoint/i.test(message)
}

/** Ark's 400 OutofContextError: the prompt is longer than the model's context. */
function isOutOfContext(error: APIError): boolean {
  const body = error.error as { code?: unknown } | undefined
  return (
    error.status === 400 && typeof body?.code === 'string' && /^OutofContextError/i.test(body.code)
  )
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown; code?: unknown } | undefined
  const message = typeof body?.message === 'string' ? body.message : error.message
  return typeof body?.code === 'string' && body.code ? `${message} (${body.code})` : message
}

function describeNetworkError(error: unknown): string {
  if (error instanceof SyntaxError) return `The server sent a malformed chunk: ${error.message}`
  if (!(error instanceof Error)) return String(error)
  const cause = (error as { cause?: unknown }).cause
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message
}
