// What went wrong with a request, in the app's closed set of codes: the SDK's HTTP errors, a
// page that is not the API's, an error inside the stream, the network. Every text a server sent
// leaves here without the key.
import { APIConnectionError, APIError, APIUserAbortError } from 'openai'
import { AppError } from '../errors'
import { serverText } from '../redact'

/** An answer that did not come from the API: what it was, by status, content type and content. */
export function notApiResponse(status: number, contentType: string | null, text: string): AppError {
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
/**
 * Maps whatever the SDK, the network or the stream threw to the closed set of codes. Every text a
 * server sent enters the app here, and leaves without the key.
 */
export function toAppError(error: unknown, received: boolean, apiKey: string): unknown {
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
  const reason = networkReason(error)
  const extra = reason ? { reason } : {}
  return received
    ? new AppError('stream_interrupted', detail, extra)
    : new AppError('network', detail, extra)
}

// What broke, from the error codes and messages of the SDK's, undici's and Node's errors down the
// cause chain; the UI words each reason in its language (errorDetails in the locales).
const NETWORK_REASONS: [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection_refused'],
  [/ENOTFOUND|EAI_AGAIN|getaddrinfo/, 'host_not_found'],
  [/ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|Connect Timeout/i, 'connect_timeout'],
  [/CERT|certificate|SSL|TLS/, 'tls'],
  [
    /other side closed|ECONNRESET|socket hang up|UND_ERR_SOCKET|terminated|EPIPE/i,
    'connection_closed'
  ],
  [/fetch failed|Connection error/i, 'unreachable']
]

function networkReason(error: unknown): string | undefined {
  const names: string[] = []
  for (let link = error, depth = 0; link instanceof Error && depth < 5; depth++) {
    names.push(`${(link as { code?: unknown }).code ?? ''} ${link.message}`)
    link = (link as { cause?: unknown }).cause
  }
  const text = names.join(' | ')
  return NETWORK_REASONS.find(([pattern]) => pattern.test(text))?.[1]
}

// Ark: 403 AccountOverdueError; OpenAI and one-api gateways: 429 insufficient_quota,
// 403 insufficient_user_quota; 402 Payment Required anywhere. Ark's 429 QuotaExceeded stays a
// rate limit (docs/api.md lists it with them, and the existing Retry-After handling applies).
const ACCOUNT_CODE = /overdue|arrear|insufficient_(user_)?quota|billing|balance|payment_required/i

function isAccountProblem(error: APIError): boolean {
  return isAccountError(error.status, error.error)
}

/**
 * The account, not the model or the request: unpaid, out of credit, or denied as a whole.
 * `body` is the error object of the answer (`{ code, type, message }`).
 */
export function isAccountError(status: number | undefined, body: unknown): boolean {
  if (status === 402) return true
  if (status !== 400 && status !== 403 && status !== 429) return false
  const fields = body as { code?: unknown; type?: unknown; message?: unknown } | undefined
  const names = `${String(fields?.code ?? '')} ${String(fields?.type ?? '')}`
  if (ACCOUNT_CODE.test(names)) return true
  // Ark's AccessDenied is about the account, unless it names the model (then the model is not open).
  const message = typeof fields?.message === 'string' ? fields.message : ''
  return status === 403 && /AccessDenied/i.test(names) && !/model|endpoint/i.test(message)
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
  // "Connection error." and "fetch failed" read as one sentence, not "Connection error.: fetch failed".
  return cause instanceof Error
    ? `${error.message.replace(/[.:;,\s]+$/, '')}: ${cause.message}`
    : error.message
}
