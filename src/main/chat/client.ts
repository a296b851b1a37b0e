import { createParser } from 'eventsource-parser'
import OpenAI, { APIError, APIUserAbortError } from 'openai'
import type { Usage } from '../../shared/types'
import type { MessageContent } from '../attachments/parts'
import { AppError } from '../errors'
import { KeyScrubber, withoutKey } from '../redact'
import { isAccountError, notApiResponse, retryAfterSeconds, toAppError } from './apiErrors'
import { ReplyControl } from './rateLimitWait'

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
  /** Told when a 429 makes the reply wait (when it retries, in ms since the epoch), null when it retries. */
  onWaiting?: (retryAt: number | null) => void
  /** Where a rate-limit wait sleeps; "Retry now" cuts it short. */
  rateLimitWait?: ReplyControl
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
  /**
   * Longest Retry-After waited out before retrying (the app waits out a 429's, showing it, the SDK
   * other statuses'); longer ones go to the user.
   */
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
  // Every text of the answer enters the app here, and leaves without the key (README, "Where
  // data and the key live"); a key split across two chunks is held back until it is whole.
  const content = new KeyScrubber(request.apiKey)
  const reasoning = new KeyScrubber(request.apiKey)
  const deliver = (delta: { content: string; reasoning: string }): void => {
    if (delta.content || delta.reasoning) request.onDelta(delta)
  }
  try {
    // Until the response starts, the SDK's own per-attempt timeout and retries apply. Its body is
    // read here: the SDK's SSE decoder re-scans its whole buffer for every network chunk, which
    // blocks the main process for seconds on one large event.
    const create = () =>
      client.chat.completions
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
    let response: Response
    for (let waits = 0; ; waits++) {
      try {
        // Stop must not wait for the SDK's backoff sleep between retries, which ignores the signal.
        response = await Promise.race([create(), aborted(controller.signal)])
        break
      } catch (error) {
        const seconds = rateLimitSeconds(error, options)
        if (seconds === undefined || waits >= options.maxRetries) throw error
        request.onWaiting?.(Date.now() + seconds * 1000)
        try {
          await (request.rateLimitWait ?? new ReplyControl()).wait(
            seconds * 1000,
            controller.signal
          )
        } finally {
          request.onWaiting?.(null)
        }
      }
    }
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
          deliver({
            content: content.push(delta.content ?? ''),
            reasoning: reasoning.push(delta.reasoning_content ?? '')
          })
          if (choice.finish_reason)
            end.finishReason = withoutKey(choice.finish_reason, request.apiKey)
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
    // However it ended, what was held back arrived and is kept.
    deliver({ content: content.end(), reasoning: reasoning.end() })
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
      .map((id) => withoutKey(id, apiKey))
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
    fetch: refuseHopelessRetries(options.maxRetryAfterSeconds)
  })
}

/**
 * The SDK sleeps for any Retry-After (or retry-after-ms) before retrying, on any retryable status,
 * and cannot be stopped or seen while it sleeps; past a limit we tell the user instead, and a
 * 429's shorter wait streamChat sleeps itself, showing it. A 429 about the account
 * (insufficient_quota) is not retried at all: waiting does not pay the bill.
 * `x-should-retry: false` is the SDK's own switch for that.
 */
function refuseHopelessRetries(limitSeconds: number): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    const wait = retryAfterSeconds(response.headers)
    const hopeless =
      (wait !== undefined && (wait > limitSeconds || response.status === 429)) ||
      (response.status === 429 && (await aboutTheAccount(response)))
    if (!hopeless) return response
    const headers = new Headers(response.headers)
    headers.set('x-should-retry', 'false')
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers
    })
  }
}

/**
 * A 429's Retry-After in seconds when it is short enough to wait out; otherwise undefined (and a
 * 429 about the account is never waited out).
 */
function rateLimitSeconds(error: unknown, options: ChatClientOptions): number | undefined {
  if (!(error instanceof APIError) || error.status !== 429) return undefined
  if (isAccountError(error.status, error.error)) return undefined
  const seconds = retryAfterSeconds(error.headers)
  return seconds !== undefined && seconds <= options.maxRetryAfterSeconds ? seconds : undefined
}

/** Whether an error answer's body (read from a copy) is about the account. */
async function aboutTheAccount(response: Response): Promise<boolean> {
  try {
    const body = JSON.parse(await response.clone().text()) as { error?: unknown } | null
    return isAccountError(response.status, body?.error)
  } catch {
    return false
  }
}

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
  // The limit as configured (1.5 s is not "2 seconds"), to a tenth of a second.
  const seconds = Math.round(options.stallTimeoutMs / 100) / 10
  return new AppError(
    'stalled',
    `No data arrived for ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`,
    { params: { seconds } }
  )
}
