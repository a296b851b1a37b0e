import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import type { Usage } from '../../shared/contract'
import type { MessageContent } from '../attachments/parts'
import { AppError } from '../errors'

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
  /** Abort when no chunk arrives for this long. */
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
    // Until the response starts, the SDK's own per-attempt timeout and retries apply.
    const creating = client.chat.completions.create(
      {
        model: request.model,
        // video_url parts are the gateway's extension, unknown to the SDK's types (docs/api.md).
        messages: request.messages as OpenAI.ChatCompletionMessageParam[],
        stream: true,
        stream_options: { include_usage: true }
      },
      { signal: controller.signal, timeout: requestTimeout(request, options) }
    )
    // Stop must not wait for the SDK's backoff sleep between retries, which ignores the signal.
    const stream = await Promise.race([creating, aborted(controller.signal)])
    armWatchdog()
    for await (const chunk of stream) {
      armWatchdog()
      received = true
      const choice = chunk.choices[0]
      if (choice) {
        const delta = choice.delta as ChunkDelta
        const content = delta.content ?? ''
        const reasoning = delta.reasoning_content ?? ''
        if (content || reasoning) request.onDelta({ content, reasoning })
        if (choice.finish_reason) end.finishReason = choice.finish_reason
      }
      if (chunk.usage) end.usage = toUsage(chunk.usage as ChunkUsage)
    }
    // The SDK ends quietly when its signal aborts; say why.
    if (controller.signal.aborted) throw stalled ? stalledError(options) : new APIUserAbortError()
    if (end.finishReason === null) {
      throw new AppError('stream_interrupted', 'The stream ended before the reply was finished.')
    }
    return end
  } catch (error) {
    if (stalled) throw stalledError(options)
    throw toAppError(error, received)
  } finally {
    clearTimeout(watchdog)
    request.signal.removeEventListener('abort', abort)
  }
}

/** GET /models: the model ids this key may use. */
export async function listModelIds(
  baseURL: string,
  apiKey: string,
  options: Pick<ChatClientOptions, 'maxRetries'> = { maxRetries: 0 }
): Promise<string[]> {
  const client = createClient(baseURL, apiKey, { ...DEFAULT_CHAT_OPTIONS, ...options })
  try {
    const ids: string[] = []
    for await (const model of client.models.list({ timeout: 15_000 })) ids.push(model.id)
    return ids
  } catch (error) {
    throw toAppError(error, false)
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

/** Maps whatever the SDK or the network threw to the closed set of codes. */
function toAppError(error: unknown, received: boolean): unknown {
  if (error instanceof AppError || error instanceof APIUserAbortError) return error
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status
    const message = serverMessage(error)
    if (status === 401) return new AppError('bad_key', message, { status })
    if (status === 403 || status === 404) return new AppError('model_unavailable', message, { status })
    if (status === 429) {
      return new AppError('rate_limited', message, {
        status,
        retryAfterSeconds: retryAfterSeconds(error.headers)
      })
    }
    if (status >= 500) return new AppError('server', message, { status })
    return new AppError('bad_request', message, { status })
  }
  if (error instanceof APIError && !(error instanceof APIConnectionError)) {
    // An error event inside the stream: {"error": {...}} after a 200.
    return new AppError('stream_interrupted', serverMessage(error))
  }
  const detail = describeNetworkError(error)
  return received
    ? new AppError('stream_interrupted', detail)
    : new AppError('network', detail)
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
