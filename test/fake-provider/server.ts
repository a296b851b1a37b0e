/**
 * A fake OpenAI-compatible Chat Completions provider for tests and manual runs.
 *
 * Speaks the dialect described in docs/api.md (Volcengine Ark through the anyfast gateway):
 * `GET /v1/models`, `POST /v1/chat/completions` (JSON or SSE), Ark-style error bodies
 * `{"error":{"message","type","code","param"?}}`. Replies are scripted per request (`enqueue`),
 * including mid-stream failures (drop, malformed line, stall, error event), keep-alive comments,
 * error bodies that echo the key, and raw answers that are not the API at all (a captive
 * portal's HTML page, a huge single event).
 *
 * Only Node built-ins are used.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { randomBytes } from 'node:crypto'

export interface ProviderError {
  message: string
  type: string
  code: string
  param?: string
}

export type Failure =
  /** Destroy the socket mid-stream (no [DONE], no terminating chunk). */
  | { mode: 'drop' }
  /** Write a `data: {"id": broken` line, then end the response without [DONE]. */
  | { mode: 'malformed' }
  /** Stop writing and hold the connection open until the client goes away or the server closes. */
  | { mode: 'stall' }
  /** Write `data: {"error":{...}}` then end the response without [DONE]. */
  | { mode: 'error-event'; error?: ProviderError }

export type Script =
  /**
   * A streamed (or whole) answer. Its content, reasoning, finish reason and headers may hold
   * `{authorization}` and `{key}`, filled in like a server that echoes the request back.
   */
  | {
      kind: 'reply'
      content: string
      reasoning?: string
      /** Code points per chunk, default 4. */
      chunkSize?: number
      /** Delay between chunks in ms, default 0. */
      delayMs?: number
      /**
       * delayMs as a schedule (benchmarks): chunk k is written at the first one's time + k·delayMs,
       * a late timer made up for, so the rate holds on a busy machine. Default: a fixed delay.
       */
      paced?: boolean
      /** 'stop' (default), 'length', 'content_filter', or whatever a broken server sends. */
      finishReason?: string
      /** Extra response headers. */
      headers?: Record<string, string>
      /** Overrides for the usage numbers; `false` = never send usage (no usage chunk, no `usage` field). */
      usage?:
        | { prompt_tokens?: number; completion_tokens?: number; reasoning_tokens?: number }
        | false
      /**
       * The failure is applied once exactly this many code points (reasoning + content) were sent.
       * Absent (or larger than the reply) = after the whole reply, before the finish chunk.
       */
      failAfterChars?: number
      failure?: Failure
      /**
       * Once exactly `afterChars` code points were sent, wait for `until` before the rest: a reply
       * that keeps streaming for as long as a test needs, without a clock.
       */
      pause?: { afterChars: number; until: Promise<void> }
      /** Called with each piece of text just before its chunk is written (benchmarks time it). */
      onWrite?: (piece: string) => void
      /**
       * SSE comment lines (`: ping`) every `everyMs` for `forMs` before the first chunk, as
       * gateways send while a model thinks. `forMs: Infinity` = a stream of pings only.
       */
      keepAlive?: { everyMs: number; forMs: number }
      /** The rest of the reply is written only once this settles (a test holds a reply streaming). */
      holdAfterFirstChunk?: Promise<void>
    }
  /**
   * An Ark-style error body. Its strings may hold `{authorization}` (the Authorization header as
   * received) and `{key}` (the key in it), filled in like a server that echoes the request back.
   */
  | {
      kind: 'error'
      status: number
      error: ProviderError
      retryAfter?: string
      /** Extra response headers, with the same placeholders. */
      headers?: Record<string, string>
    }
  | RawScript

/** Any status, content type and body, written as is in slices: whatever a broken server sends. */
export interface RawScript {
  kind: 'raw'
  /** Default 200. */
  status?: number
  /** Absent = no Content-Type header. */
  contentType?: string
  body: string | Buffer
  /** Bytes per write, default 65536 (each waits for the socket to drain). */
  chunkBytes?: number
  /** Delay between writes in ms, default 0. */
  delayMs?: number
  /** Before writing the byte at `at`, wait for `until` (a test looks at the client in between). */
  pause?: { at: number; until: Promise<unknown> }
}

/** Parsed JSON (a request the client sent, a response a test reads), read as loosely as JS does. */
// biome-ignore lint/suspicious/noExplicitAny: any JSON at all; the server validates it field by field
export type Json = any

export interface RecordedRequest {
  method: string
  path: string
  /** Lower-case header names, as Node reports them. */
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON body, or undefined when there was no body or it was not valid JSON. */
  body: Json
  /** The client disconnected before the response finished. */
  aborted: boolean
}

export interface FakeProvider {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseURL: string
  /** The only key accepted. */
  apiKey: string
  /** Every request received, in order (GET /models, rejected and unknown requests too). */
  requests: RecordedRequest[]
  /** Only POST /v1/chat/completions. */
  chatRequests(): RecordedRequest[]
  /** Each valid POST /chat/completions takes the next script; when empty, `defaultScript`. */
  enqueue(...scripts: Script[]): void
  /** Each authorized GET /models takes the next of these instead of the model list. */
  enqueueModels(...scripts: Extract<Script, { kind: 'error' | 'raw' }>[]): void
  /** The 401 body for a missing or wrong key (placeholders as in an error script). */
  unauthorizedError: ProviderError
  defaultScript: Script
  /** Ids returned by GET /v1/models and accepted as `model`; default = the ten seed model ids. */
  models: string[]
  /**
   * Resolves when at least `count` chat requests were recorded. Waits on the requests, with no
   * deadline of its own unless `timeoutMs` is given (the test's timeout ends a wait that never ends).
   */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>
  /** Closes the server and destroys open sockets (stalled streams included). */
  close(): Promise<void>
}

export const DEFAULT_API_KEY = 'sk-test-0000000000001234'

/** The seed page's ten model ids. */
export const SEED_MODELS: readonly string[] = [
  'doubao-seed-2.0-pro',
  'doubao-seed-2.0-code',
  'doubao-seed-2.0-lite',
  'doubao-seed-2.0-mini',
  'doubao-seed-1-8-251228',
  'doubao-seed-1-6-flash-250828',
  'doubao-seed-1-6-251015',
  'doubao-seed-1-6-lite-251015',
  'doubao-seed-1-6-vision-250815',
  'glm-4-7-251222'
]

/** Seed models that reject `reasoning_effort` (docs/api.md, "Request parameters"). */
const NO_REASONING_EFFORT = new Set([
  'doubao-seed-1-6-flash-250828',
  'doubao-seed-1-6-vision-250815',
  'glm-4-7-251222'
])

export const DEFAULT_SCRIPT: Script = {
  kind: 'reply',
  reasoning: 'The user wrote something. A short, friendly answer will do.',
  content: 'Hello! This is the fake provider.'
}

export const UNAUTHORIZED_ERROR: ProviderError = {
  message: 'The API key in the request is missing or invalid.',
  type: 'Unauthorized',
  code: 'AuthenticationError'
}

/** Ark's answer for an account with an unpaid balance (HTTP 403). */
export const ACCOUNT_OVERDUE_ERROR: ProviderError = {
  message:
    'The request failed because your account has an overdue balance. Request id: 0217000000000000000000000000000000000000000000000000',
  type: 'Forbidden',
  code: 'AccountOverdueError'
}

/** What a hotel or airport Wi-Fi answers to every request before the user signs in. */
export const CAPTIVE_PORTAL_PAGE = [
  '<!DOCTYPE html>',
  '<html><head><meta charset="utf-8"><title>Welcome to Airport Free Wi-Fi</title></head>',
  '<body><h1>Sign in to continue</h1>',
  '<form method="post" action="/login"><input name="room"><button>Connect</button></form>',
  '</body></html>'
].join('\n')

export const DEFAULT_STREAM_ERROR: ProviderError = {
  message: 'The service encountered an unexpected internal error.',
  type: 'InternalServiceError',
  code: 'InternalServiceError'
}

const MAX_BODY_BYTES = 64 * 1024 * 1024
const MAX_IMAGE_BYTES = 10 * 1024 * 1024
const MAX_VIDEO_BYTES = 50 * 1024 * 1024
const IMAGE_FORMATS = new Set([
  'jpeg',
  'jpg',
  'png',
  'gif',
  'webp',
  'bmp',
  'tiff',
  'ico',
  'heic',
  'heif'
])
const VIDEO_FORMATS = new Set(['mp4', 'mov', 'avi'])
const ROLES = new Set(['system', 'user', 'assistant', 'tool'])
const REASONING_EFFORTS = new Set(['minimal', 'low', 'medium', 'high'])
const IMAGE_DETAILS = new Set(['auto', 'low', 'high', 'xhigh'])

interface HttpFailure {
  status: number
  error: ProviderError
  headers?: Record<string, string>
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  if (res.destroyed || res.writableEnded) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers
  })
  res.end(text)
}

function sendError(res: ServerResponse, failure: HttpFailure): void {
  sendJson(res, failure.status, { error: failure.error }, failure.headers)
}

function invalidParam(param: string, detail: string): HttpFailure {
  return {
    status: 400,
    error: {
      message: `The parameter \`${param}\` specified in the request are not valid: ${detail}.`,
      type: 'BadRequest',
      code: 'InvalidParameter',
      param
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v)
}

/** Splits by Unicode code points (never inside a surrogate pair). */
function codePoints(s: string): string[] {
  return Array.from(s)
}

/** Decoded byte length of a base64 payload. */
function base64Bytes(payload: string): number {
  let padding = 0
  if (payload.endsWith('==')) padding = 2
  else if (payload.endsWith('=')) padding = 1
  return Math.floor((payload.length * 3) / 4) - padding
}

/** Does the start of the decoded data match the image format named in the data URL? */
function imageMagicMatches(format: string, payload: string): boolean {
  const head = Buffer.from(payload.slice(0, 64), 'base64')
  const ascii = (from: number, to: number): string => head.subarray(from, to).toString('latin1')
  switch (format) {
    case 'png':
      return (
        head.length >= 8 &&
        head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      )
    case 'jpeg':
    case 'jpg':
      return head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff
    case 'gif':
      return ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a'
    case 'webp':
      return ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP'
    case 'bmp':
      return ascii(0, 2) === 'BM'
    case 'tiff':
      return ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*'
    case 'ico':
      return head.length >= 4 && head[0] === 0 && head[1] === 0 && head[2] === 1 && head[3] === 0
    case 'heic':
    case 'heif':
      return (
        ascii(4, 8) === 'ftyp' &&
        /^(heic|heix|heim|heis|hevc|hevx|mif1|msf1|avif)$/.test(ascii(8, 12))
      )
    default:
      return false
  }
}

function validateImageUrl(value: unknown, param: string): HttpFailure | null {
  if (!isObject(value)) return invalidParam(param, 'image_url must be an object with a url')
  const url = value.url
  if (typeof url !== 'string' || url === '')
    return invalidParam(`${param}.url`, 'url must be a non-empty string')
  if (
    value.detail !== undefined &&
    (typeof value.detail !== 'string' || !IMAGE_DETAILS.has(value.detail))
  ) {
    return invalidParam(`${param}.detail`, `unsupported detail ${JSON.stringify(value.detail)}`)
  }
  if (url.startsWith('data:')) {
    const m = /^data:image\/([^;,]+);base64,/.exec(url)
    if (!m)
      return invalidParam(
        `${param}.url`,
        'image data URLs must look like data:image/<format>;base64,<data>'
      )
    const format = m[1]!
    if (!IMAGE_FORMATS.has(format))
      return invalidParam(`${param}.url`, `unsupported image format ${format}`)
    const payload = url.slice(m[0].length)
    if (payload.length === 0 || payload.length % 4 === 1)
      return invalidParam(`${param}.url`, 'invalid base64 data')
    if (base64Bytes(payload) > MAX_IMAGE_BYTES)
      return invalidParam(`${param}.url`, 'image exceeds 10 MB')
    if (!imageMagicMatches(format, payload)) {
      return invalidParam(`${param}.url`, `image data does not match the declared format ${format}`)
    }
    return null
  }
  if (!/^https?:\/\/\S+$/i.test(url))
    return invalidParam(`${param}.url`, 'url must be http(s) or a data URL')
  return null
}

function validateVideoUrl(value: unknown, param: string): HttpFailure | null {
  if (!isObject(value)) return invalidParam(param, 'video_url must be an object with a url')
  const url = value.url
  if (typeof url !== 'string' || url === '')
    return invalidParam(`${param}.url`, 'url must be a non-empty string')
  if (value.fps !== undefined && (!isNumber(value.fps) || value.fps < 0.2 || value.fps > 5)) {
    return invalidParam(`${param}.fps`, 'fps must be a number between 0.2 and 5')
  }
  if (url.startsWith('data:')) {
    const m = /^data:video\/([^;,]+);base64,/.exec(url)
    if (!m)
      return invalidParam(
        `${param}.url`,
        'video data URLs must look like data:video/<format>;base64,<data>'
      )
    const format = m[1]!
    if (!VIDEO_FORMATS.has(format))
      return invalidParam(`${param}.url`, `unsupported video format ${format}`)
    const payload = url.slice(m[0].length)
    if (payload.length === 0 || payload.length % 4 === 1)
      return invalidParam(`${param}.url`, 'invalid base64 data')
    if (base64Bytes(payload) > MAX_VIDEO_BYTES)
      return invalidParam(`${param}.url`, 'video exceeds 50 MB')
    return null
  }
  if (!/^https?:\/\/\S+$/i.test(url))
    return invalidParam(`${param}.url`, 'url must be http(s) or a data URL')
  return null
}

function validateContent(content: unknown, param: string): HttpFailure | null {
  if (typeof content === 'string') return null
  if (!Array.isArray(content))
    return invalidParam(param, 'content must be a string or an array of parts')
  if (content.length === 0) return invalidParam(param, 'content must not be empty')
  for (let j = 0; j < content.length; j++) {
    const part: unknown = content[j]
    const p = `${param}[${j}]`
    if (!isObject(part)) return invalidParam(p, 'each content part must be an object')
    switch (part.type) {
      case 'text':
        if (typeof part.text !== 'string') return invalidParam(`${p}.text`, 'text must be a string')
        break
      case 'image_url': {
        const f = validateImageUrl(part.image_url, `${p}.image_url`)
        if (f) return f
        break
      }
      case 'video_url': {
        const f = validateVideoUrl(part.video_url, `${p}.video_url`)
        if (f) return f
        break
      }
      default:
        return invalidParam(
          `${p}.type`,
          `unsupported content part type ${JSON.stringify(part.type)}`
        )
    }
  }
  return null
}

/** Validates a chat completions body like the real API; returns the failure or null. */
export function validateChatBody(body: unknown, models: readonly string[]): HttpFailure | null {
  if (!isObject(body)) return invalidParam('body', 'the request body must be a JSON object')

  const model = body.model
  if (model === undefined || model === null || model === '')
    return invalidParam('model', 'model is required')
  if (typeof model !== 'string') return invalidParam('model', 'model must be a string')
  if (!models.includes(model)) {
    return {
      status: 404,
      error: {
        message: `The model or endpoint ${model} does not exist or you do not have access to it.`,
        type: 'NotFound',
        code: 'InvalidEndpointOrModel.NotFound'
      }
    }
  }

  const messages = body.messages
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalidParam('messages', 'messages must be a non-empty array')
  }
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i]
    if (!isObject(m)) return invalidParam(`messages[${i}]`, 'each message must be an object')
    if (typeof m.role !== 'string' || !ROLES.has(m.role)) {
      return invalidParam(`messages[${i}].role`, `role must be one of ${[...ROLES].join(', ')}`)
    }
    if (m.content === undefined || m.content === null)
      return invalidParam(`messages[${i}].content`, 'content is required')
    const f = validateContent(m.content, `messages[${i}].content`)
    if (f) return f
  }

  const has = (k: string): boolean => body[k] !== undefined && body[k] !== null
  if (has('max_tokens') && has('max_completion_tokens')) {
    return invalidParam(
      'max_tokens',
      'max_tokens and max_completion_tokens cannot be set at the same time'
    )
  }
  if (
    has('max_tokens') &&
    (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1)
  ) {
    return invalidParam('max_tokens', 'max_tokens must be an integer >= 1')
  }
  if (
    has('max_completion_tokens') &&
    (!Number.isInteger(body.max_completion_tokens) ||
      (body.max_completion_tokens as number) < 1 ||
      (body.max_completion_tokens as number) > 65536)
  ) {
    return invalidParam(
      'max_completion_tokens',
      'max_completion_tokens must be an integer in [1, 65536]'
    )
  }
  if (
    has('temperature') &&
    (!isNumber(body.temperature) || body.temperature < 0 || body.temperature > 2)
  ) {
    return invalidParam('temperature', 'temperature must be a number in [0, 2]')
  }
  if (has('top_p') && (!isNumber(body.top_p) || body.top_p < 0 || body.top_p > 1)) {
    return invalidParam('top_p', 'top_p must be a number in [0, 1]')
  }
  if (has('stop')) {
    const stop = body.stop
    const ok =
      typeof stop === 'string' ||
      (Array.isArray(stop) && stop.length <= 4 && stop.every((s) => typeof s === 'string'))
    if (!ok) return invalidParam('stop', 'stop must be a string or an array of at most 4 strings')
  }
  if (has('stream') && typeof body.stream !== 'boolean')
    return invalidParam('stream', 'stream must be a boolean')
  if (has('stream_options')) {
    const so = body.stream_options
    if (!isObject(so)) return invalidParam('stream_options', 'stream_options must be an object')
    if (so.include_usage !== undefined && typeof so.include_usage !== 'boolean') {
      return invalidParam('stream_options.include_usage', 'include_usage must be a boolean')
    }
  }
  let thinkingType: string | undefined
  if (has('thinking')) {
    const t = body.thinking
    if (!isObject(t) || (t.type !== 'enabled' && t.type !== 'disabled' && t.type !== 'auto')) {
      return invalidParam('thinking.type', 'thinking.type must be enabled, disabled or auto')
    }
    if (t.type === 'auto' && SEED_MODELS.includes(model)) {
      return invalidParam('thinking.type', `thinking type auto is not supported by model ${model}`)
    }
    thinkingType = t.type
  }
  if (has('reasoning_effort')) {
    const e = body.reasoning_effort
    if (typeof e !== 'string' || !REASONING_EFFORTS.has(e)) {
      return invalidParam(
        'reasoning_effort',
        'reasoning_effort must be minimal, low, medium or high'
      )
    }
    if (NO_REASONING_EFFORT.has(model)) {
      return invalidParam('reasoning_effort', `reasoning_effort is not supported by model ${model}`)
    }
    if (thinkingType === 'disabled' && e !== 'minimal') {
      return invalidParam('reasoning_effort', 'only minimal is supported when thinking is disabled')
    }
  }
  return null
}

/** Rough token estimate: one token per 4 code points, at least 1 for non-empty text. */
function estimateTokens(text: string): number {
  const n = codePoints(text).length
  return n === 0 ? 0 : Math.ceil(n / 4)
}

function promptText(body: Json): string {
  const out: string[] = []
  for (const m of body.messages as Json[]) {
    if (typeof m.content === 'string') out.push(m.content)
    else for (const p of m.content as Json[]) if (p.type === 'text') out.push(p.text as string)
  }
  return out.join('\n')
}

function computeUsage(script: Extract<Script, { kind: 'reply' }>, body: Json) {
  const u = script.usage || {}
  const reasoningTokens = u.reasoning_tokens ?? estimateTokens(script.reasoning ?? '')
  const promptTokens =
    u.prompt_tokens ?? estimateTokens(promptText(body)) + 4 * (body.messages as unknown[]).length
  const completionTokens = u.completion_tokens ?? estimateTokens(script.content) + reasoningTokens
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    completion_tokens_details: { reasoning_tokens: reasoningTokens }
  }
}

/**
 * The reply as the request's `stop` and `max_tokens` shape it: the content ends just before the
 * first stop sequence (finish_reason stop), or after max_tokens tokens of content (one token per
 * 4 code points, as estimateTokens counts) with finish_reason length. Reasoning is not cut.
 */
export function honourLimits(
  script: Extract<Script, { kind: 'reply' }>,
  body: Json
): Extract<Script, { kind: 'reply' }> {
  let content = script.content
  let finishReason = script.finishReason
  const stops: string[] =
    typeof body.stop === 'string' ? [body.stop] : Array.isArray(body.stop) ? body.stop : []
  const at = Math.min(
    ...stops
      .filter((stop) => stop !== '')
      .map((stop) => content.indexOf(stop))
      .filter((i) => i >= 0)
  )
  if (Number.isFinite(at)) {
    content = content.slice(0, at)
    finishReason = 'stop'
  }
  if (Number.isInteger(body.max_tokens) && estimateTokens(content) > body.max_tokens) {
    content = codePoints(content)
      .slice(0, body.max_tokens * 4)
      .join('')
    finishReason = 'length'
  }
  return content === script.content ? script : { ...script, content, finishReason }
}

class FakeProviderImpl implements FakeProvider {
  baseURL = ''
  apiKey: string
  requests: RecordedRequest[] = []
  defaultScript: Script
  models: string[]
  unauthorizedError: ProviderError = UNAUTHORIZED_ERROR
  private queue: Script[] = []
  private modelsQueue: Extract<Script, { kind: 'error' | 'raw' }>[] = []
  private sockets = new Set<Socket>()
  private waiters = new Set<() => void>()
  private closing = false
  readonly server = createServer((req, res) => this.handle(req, res))

  constructor(options: { apiKey?: string; defaultScript?: Script; models?: string[] }) {
    this.apiKey = options.apiKey ?? DEFAULT_API_KEY
    this.defaultScript = options.defaultScript ?? DEFAULT_SCRIPT
    this.models = options.models ? [...options.models] : [...SEED_MODELS]
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  chatRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST' && r.path === '/v1/chat/completions')
  }

  enqueue(...scripts: Script[]): void {
    this.queue.push(...scripts)
  }

  enqueueModels(...scripts: Extract<Script, { kind: 'error' | 'raw' }>[]): void {
    this.modelsQueue.push(...scripts)
  }

  waitForRequests(count: number, timeoutMs?: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined
      const check = (): boolean => {
        if (this.chatRequests().length < count) return false
        clearTimeout(timer)
        this.waiters.delete(check)
        resolve()
        return true
      }
      if (timeoutMs !== undefined)
        timer = setTimeout(() => {
          this.waiters.delete(check)
          reject(
            new Error(
              `waitForRequests: expected ${count} chat requests, got ${this.chatRequests().length} after ${timeoutMs} ms`
            )
          )
        }, timeoutMs)
      this.waiters.add(check)
      check()
    })
  }

  async close(): Promise<void> {
    this.closing = true
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()))
    for (const s of this.sockets) s.destroy()
    this.server.closeAllConnections()
    await closed
  }

  private record(rec: RecordedRequest): void {
    this.requests.push(rec)
    for (const w of [...this.waiters]) w()
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const rec: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: { ...req.headers },
      body: undefined,
      aborted: false
    }
    // Set when this side ends the connection on purpose (drop failure, server close).
    let serverInitiated = false
    const markServerInitiated = (): void => {
      serverInitiated = true
    }
    let recorded = false
    res.on('close', () => {
      if (!res.writableEnded && !serverInitiated && !this.closing) rec.aborted = true
      // The client went away before its body was complete: still record what arrived.
      if (!recorded) {
        recorded = true
        this.record(rec)
      }
    })

    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY_BYTES) tooLarge = true
      else chunks.push(c)
    })
    req.on('error', () => {
      /* client went away while sending; `res` close marks it aborted */
    })
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      let parsed: unknown
      let jsonError = false
      if (raw.trim() !== '') {
        try {
          parsed = JSON.parse(raw)
        } catch {
          jsonError = true
        }
      }
      rec.body = parsed
      if (recorded) return
      recorded = true
      this.record(rec)
      this.route(req, res, rec, { jsonError, tooLarge }, markServerInitiated)
    })
  }

  private route(
    req: IncomingMessage,
    res: ServerResponse,
    rec: RecordedRequest,
    body: { jsonError: boolean; tooLarge: boolean },
    markServerInitiated: () => void
  ): void {
    const isModels = rec.path === '/v1/models'
    const isChat = rec.path === '/v1/chat/completions'
    if (!isModels && !isChat) {
      sendError(res, {
        status: 404,
        error: {
          message: `The requested path ${rec.path} was not found.`,
          type: 'NotFound',
          code: 'NotFound'
        }
      })
      return
    }
    const wantMethod = isModels ? 'GET' : 'POST'
    if (rec.method !== wantMethod) {
      sendError(res, {
        status: 405,
        error: {
          message: `Method ${rec.method} is not allowed on ${rec.path}.`,
          type: 'MethodNotAllowed',
          code: 'MethodNotAllowed'
        },
        headers: { allow: wantMethod }
      })
      return
    }
    const auth = req.headers.authorization
    const m = typeof auth === 'string' ? /^Bearer +(.+)$/i.exec(auth.trim()) : null
    const fill = (text: string): string =>
      text
        .replaceAll('{authorization}', typeof auth === 'string' ? auth : '')
        .replaceAll('{key}', m?.[1] ?? '')
    const echo = (error: ProviderError): ProviderError => echoRequest(error, fill)
    const echoHeaders = (headers: Record<string, string> = {}): Record<string, string> =>
      Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, fill(value)]))
    if (!m || m[1] !== this.apiKey) {
      sendError(res, { status: 401, error: echo(this.unauthorizedError) })
      return
    }
    const modelsScript = isModels ? this.modelsQueue.shift() : undefined
    if (modelsScript?.kind === 'error') {
      sendError(res, { status: modelsScript.status, error: echo(modelsScript.error) })
      return
    }
    if (modelsScript?.kind === 'raw') {
      void sendRaw(res, modelsScript)
      return
    }
    if (isModels) {
      const created = 1767225600 // 2026-01-01
      sendJson(res, 200, {
        object: 'list',
        data: this.models.map((id) => ({
          id,
          object: 'model',
          created,
          owned_by: id.startsWith('glm') ? 'zhipu' : 'volcengine'
        }))
      })
      return
    }

    if (body.tooLarge) {
      sendError(res, {
        status: 413,
        error: {
          message: 'The request body exceeds 64 MB.',
          type: 'BadRequest',
          code: 'RequestEntityTooLarge'
        }
      })
      return
    }
    if (body.jsonError || rec.body === undefined) {
      sendError(res, {
        status: 400,
        error: {
          message: body.jsonError
            ? 'The request body is not valid JSON.'
            : 'The request body is empty.',
          type: 'BadRequest',
          code: 'InvalidParameter'
        }
      })
      return
    }
    const invalid = validateChatBody(rec.body, this.models)
    if (invalid) {
      sendError(res, invalid)
      return
    }

    const script = this.queue.shift() ?? this.defaultScript
    if (script.kind === 'error') {
      sendError(res, {
        status: script.status,
        error: echo(script.error),
        headers: {
          ...echoHeaders(script.headers),
          ...(script.retryAfter !== undefined ? { 'retry-after': script.retryAfter } : {})
        }
      })
      return
    }
    if (script.kind === 'raw') {
      void sendRaw(res, script)
      return
    }
    const shaped = honourLimits(
      {
        ...script,
        content: fill(script.content),
        ...(script.reasoning !== undefined ? { reasoning: fill(script.reasoning) } : {}),
        ...(script.finishReason !== undefined ? { finishReason: fill(script.finishReason) } : {}),
        ...(script.headers !== undefined ? { headers: echoHeaders(script.headers) } : {})
      },
      rec.body
    )
    if (rec.body.stream === true) void this.stream(res, rec.body, shaped, markServerInitiated, echo)
    else void this.reply(res, rec.body, shaped, markServerInitiated)
  }

  /** Non-stream answer. Failures: drop = destroy, malformed = broken JSON, stall = never answer, error-event = 500. */
  private async reply(
    res: ServerResponse,
    body: Json,
    script: Extract<Script, { kind: 'reply' }>,
    markServerInitiated: () => void
  ): Promise<void> {
    const chunkSize = Math.max(1, Math.floor(script.chunkSize ?? 4))
    const total = codePoints(script.reasoning ?? '').length + codePoints(script.content).length
    const delay = (script.delayMs ?? 0) * Math.ceil(total / chunkSize)
    if (delay > 0 && !(await sleep(res, delay))) return
    if (script.failure) {
      switch (script.failure.mode) {
        case 'drop':
          markServerInitiated()
          res.socket?.destroy()
          return
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json' })
          res.end('{"id": broken')
          return
        case 'stall':
          return
        case 'error-event':
          sendError(res, { status: 500, error: script.failure.error ?? DEFAULT_STREAM_ERROR })
          return
      }
    }
    const message: Record<string, unknown> = { role: 'assistant', content: script.content }
    if (script.reasoning) message.reasoning_content = script.reasoning
    const out: Record<string, unknown> = {
      id: newId(),
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message, finish_reason: script.finishReason ?? 'stop' }]
    }
    if (script.usage !== false) out.usage = computeUsage(script, body)
    sendJson(res, 200, out, script.headers)
  }

  private async stream(
    res: ServerResponse,
    body: Json,
    script: Extract<Script, { kind: 'reply' }>,
    markServerInitiated: () => void,
    echo: (error: ProviderError) => ProviderError
  ): Promise<void> {
    const id = newId()
    const created = Math.floor(Date.now() / 1000)
    const model = body.model as string
    const chunkSize = Math.max(1, Math.floor(script.chunkSize ?? 4))
    const delayMs = script.delayMs ?? 0
    const reasoning = codePoints(script.reasoning ?? '')
    const content = codePoints(script.content)
    const total = reasoning.length + content.length
    const failAt = script.failure
      ? Math.max(0, Math.min(script.failAfterChars ?? total, total))
      : Infinity

    const alive = (): boolean => !res.destroyed && !res.writableEnded
    // Resolves when the last write was handed to the OS, so a drop does not discard buffered data.
    let flushed: Promise<void> = Promise.resolve()
    const write = (data: string): void => {
      if (!alive()) return
      flushed = new Promise((resolve) => res.write(`data: ${data}\n\n`, () => resolve()))
    }
    const chunk = (delta: Record<string, unknown>, finishReason: string | null = null): string =>
      JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [{ index: 0, delta, finish_reason: finishReason }]
      })

    res.writeHead(200, {
      ...script.headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive'
    })
    res.flushHeaders()

    if (script.keepAlive) {
      const { everyMs, forMs } = script.keepAlive
      const until = Date.now() + forMs
      while (Date.now() < until) {
        if (!alive()) return
        res.write(': ping\n\n')
        if (!(await sleep(res, Math.min(everyMs, until - Date.now())))) return
      }
    }

    // Pieces of at most chunkSize code points, cut at the reasoning/content border and at failAt.
    let sent = 0
    let first = true
    let written = 0
    let firstAt = 0
    const nextDelay = (): number =>
      script.paced ? Math.max(0, firstAt + ++written * delayMs - performance.now()) : delayMs
    const fail = async (): Promise<void> => {
      const failure = script.failure!
      switch (failure.mode) {
        case 'drop':
          if (alive())
            await Promise.race([
              flushed,
              new Promise<void>((resolve) => res.once('close', () => resolve()))
            ])
          markServerInitiated()
          res.socket?.destroy()
          return
        case 'malformed':
          write('{"id": broken')
          res.end()
          return
        case 'stall':
          return // hold open; res 'close' fires when the client leaves or the server closes
        case 'error-event':
          write(JSON.stringify({ error: echo(failure.error ?? DEFAULT_STREAM_ERROR) }))
          res.end()
          return
      }
    }

    for (const [field, cps] of [
      ['reasoning_content', reasoning],
      ['content', content]
    ] as const) {
      let pos = 0
      while (pos < cps.length) {
        if (sent === failAt) return fail()
        if (script.pause && sent === script.pause.afterChars) {
          await Promise.race([
            script.pause.until,
            new Promise<void>((resolve) => res.once('close', () => resolve()))
          ])
          if (!alive()) return
        }
        let n = Math.min(chunkSize, cps.length - pos)
        if (failAt !== Infinity) n = Math.min(n, failAt - sent)
        if (script.pause && sent < script.pause.afterChars)
          n = Math.min(n, script.pause.afterChars - sent)
        const piece = cps.slice(pos, pos + n).join('')
        const delta: Record<string, unknown> =
          field === 'reasoning_content'
            ? { content: '', reasoning_content: piece }
            : { content: piece }
        if (first) {
          delta.role = 'assistant'
          first = false
          firstAt = performance.now()
        } else if (delayMs > 0 && !(await sleep(res, nextDelay()))) {
          return
        }
        if (!alive()) return
        script.onWrite?.(piece)
        write(chunk(delta))
        pos += n
        sent += n
        if (sent === n && script.holdAfterFirstChunk) await script.holdAfterFirstChunk
      }
    }
    if (sent === failAt) return fail()
    if (first) write(chunk({ role: 'assistant', content: '' }))
    else if (delayMs > 0 && !(await sleep(res, delayMs))) return
    write(chunk({}, script.finishReason ?? 'stop'))
    if (body.stream_options?.include_usage === true && script.usage !== false) {
      write(
        JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [],
          usage: computeUsage(script, body)
        })
      )
    }
    write('[DONE]')
    if (alive()) res.end()
  }
}

/** A whole event stream, as text for a raw script: `data: <json>` per chunk, then `data: [DONE]`. */
export function eventStream(chunks: unknown[]): string {
  return `${chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n`
}

/** One `chat.completion.chunk` with a delta and a finish reason. */
export function completionChunk(
  delta: Record<string, unknown>,
  finishReason: string | null = null
): unknown {
  return {
    id: 'chatcmpl-raw',
    object: 'chat.completion.chunk',
    created: 1767225600,
    model: 'doubao-seed-1-6-251015',
    choices: [{ index: 0, delta, finish_reason: finishReason }]
  }
}

/** Fills `{authorization}` and `{key}` into an error's strings, as an echoing server would. */
function echoRequest(error: ProviderError, fill: (text: string) => string): ProviderError {
  const filled: ProviderError = {
    message: fill(error.message),
    type: fill(error.type),
    code: fill(error.code)
  }
  if (error.param !== undefined) filled.param = fill(error.param)
  return filled
}

/** Writes a raw script's body in slices, each after the socket drained. */
async function sendRaw(res: ServerResponse, script: RawScript): Promise<void> {
  const body = typeof script.body === 'string' ? Buffer.from(script.body) : script.body
  const headers: Record<string, string> = { 'content-length': String(body.length) }
  if (script.contentType !== undefined) headers['content-type'] = script.contentType
  res.writeHead(script.status ?? 200, headers)
  const step = Math.max(1, script.chunkBytes ?? 65_536)
  const pause = script.pause
  for (let at = 0, end = 0; at < body.length; at = end) {
    end = Math.min(at + step, body.length)
    if (pause && at < pause.at && end > pause.at) end = pause.at
    if (res.destroyed || res.writableEnded) return
    if (at > 0 && script.delayMs && !(await sleep(res, script.delayMs))) return
    if (pause && at === pause.at) await pause.until
    if (res.destroyed || res.writableEnded) return
    if (!res.write(body.subarray(at, end))) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done)
          res.off('close', done)
          resolve()
        }
        res.on('drain', done)
        res.on('close', done)
      })
    }
  }
  if (!res.destroyed && !res.writableEnded) res.end()
}

function newId(): string {
  return `chatcmpl-${randomBytes(12).toString('hex')}`
}

/** Waits `ms`; resolves false early (timer cleared) if the response closes meanwhile. */
function sleep(res: ServerResponse, ms: number): Promise<boolean> {
  if (res.destroyed || res.writableEnded) return Promise.resolve(false)
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      res.off('close', onClose)
      resolve(!res.destroyed && !res.writableEnded)
    }, ms)
    res.once('close', onClose)
  })
}

export async function startFakeProvider(
  options: { apiKey?: string; port?: number; defaultScript?: Script; models?: string[] } = {}
): Promise<FakeProvider> {
  const provider = new FakeProviderImpl(options)
  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error): void => reject(err)
    provider.server.once('error', onError)
    provider.server.listen(options.port ?? 0, '127.0.0.1', () => {
      provider.server.off('error', onError)
      resolve()
    })
  })
  const { port } = provider.server.address() as AddressInfo
  provider.baseURL = `http://127.0.0.1:${port}/v1`
  return provider
}
