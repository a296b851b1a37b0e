// What a log line may hold: never the key (the same redaction as server texts, ../redact.ts), never
// a bearer token or an api_key parameter, never more than a few thousand characters.
import { inspect } from 'node:util'
import { MAX_LOG_MESSAGE } from '../../shared/diagnostics'
import { KEY_REMOVED, withoutKey } from '../redact'

// Credentials in the shapes servers and SDKs print them, whatever the key is.
// (A token already replaced is left alone.)
const CREDENTIAL_PATTERNS: RegExp[] = [
  /(\bbearer\s+)(?!\[key removed\])[^\s"',;]+/gi,
  /(\bauthorization["']?\s*[:=]\s*["']?)(?!bearer\b|\[key removed\])[^\s"',;]+/gi,
  /(\bapi[-_]?key["']?\s*[:=]\s*["']?)(?!\[key removed\])[^\s"',;&]+/gi
]
/** Stack frames kept of an error (the top ones say where). */
const STACK_FRAMES = 8
/** Characters kept of an error's message: a server's error can quote the request. */
const ERROR_MESSAGE_LENGTH = 500

/** The text with every known secret and every credential-shaped token replaced, then cut. */
export function scrubText(text: string, secrets: Iterable<string>): string {
  let safe = text
  for (const secret of secrets) safe = withoutKey(safe, secret)
  for (const pattern of CREDENTIAL_PATTERNS) safe = safe.replace(pattern, `$1${KEY_REMOVED}`)
  return safe.length > MAX_LOG_MESSAGE ? `${safe.slice(0, MAX_LOG_MESSAGE)}…` : safe
}

/**
 * One value of a log call as text. An error keeps its name, code, status, the start of its
 * message and its top stack frames; never its body, headers or request (an SDK's error carries them).
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) return describeError(value)
  return inspect(value, { depth: 3, breakLength: Number.POSITIVE_INFINITY, maxStringLength: 500 })
}

function describeError(error: Error): string {
  const { code, status } = error as { code?: unknown; status?: unknown }
  const tags = [
    typeof code === 'string' || typeof code === 'number' ? `code=${code}` : '',
    typeof status === 'number' ? `status=${status}` : ''
  ].filter(Boolean)
  const message =
    error.message.length > ERROR_MESSAGE_LENGTH
      ? `${error.message.slice(0, ERROR_MESSAGE_LENGTH)}…`
      : error.message
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, STACK_FRAMES)
  return [`${error.name}${tags.length ? ` [${tags.join(' ')}]` : ''}: ${message}`, ...frames].join(
    '\n'
  )
}
