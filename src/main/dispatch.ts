import { REQUEST_NAMES, requestSchemas, type Handlers, type RequestName } from '../shared/contract'
import type { Result } from '../shared/errors'
import { AppError } from './errors'

/**
 * Validates a request's payload and runs its handler. Never throws: every failure becomes an
 * error result, so a malformed call cannot take the main process down.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  args: unknown
): Promise<Result<unknown>> {
  if (!REQUEST_NAMES.includes(name as RequestName)) {
    return { ok: false, error: { code: 'invalid_input', message: `Unknown request "${name}".` } }
  }
  const foreign = foreignValue(args)
  if (foreign) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `The payload must be plain data, not ${foreign}.` }
    }
  }
  const parsed = requestSchemas[name as RequestName].safeParse(args)
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
      )
      .join('; ')
    // A rule with a reason (shared/errors.ts refusal) is one the UI can say in its own words.
    const reason = parsed.error.issues
      .map((issue) => (issue.code === 'custom' ? issue.params?.reason : undefined))
      .find((found): found is string => typeof found === 'string')
    return {
      ok: false,
      error: { code: 'invalid_input', message, ...(reason ? { reason } : {}) }
    }
  }
  try {
    const handler = handlers[name as RequestName] as (args: unknown) => Promise<unknown>
    return { ok: true, value: await handler(parsed.data) }
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.toInfo() }
    console.error(`Request ${name} failed:`, error)
    const message = error instanceof Error ? error.message : String(error)
    return { ok: false, error: { code: 'internal', message } }
  }
}

/** How deep a payload may nest: far more than any request's schema, far less than the stack. */
const MAX_DEPTH = 32

/**
 * What in a payload is not plain data, named for the message (`a Date`, `a Map` …), or null when
 * it is all primitives, arrays, plain objects and byte arrays. A schema alone would take a Date,
 * Map, Set, Error or RegExp as `{}`: they are objects with no own fields.
 */
function foreignValue(value: unknown, depth = 0): string | null {
  if (value === null || ['undefined', 'boolean', 'number', 'string'].includes(typeof value))
    return null
  if (typeof value !== 'object') return `a ${typeof value}`
  if (depth > MAX_DEPTH) return 'a value nested this deep'
  if (value instanceof Uint8Array) return null
  const prototype = Object.getPrototypeOf(value)
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = foreignValue(item, depth + 1)
      if (found) return found
    }
    return null
  }
  if (prototype !== Object.prototype && prototype !== null) {
    const kind = (value as object).constructor?.name || 'object with a prototype'
    return `${/^[aeiou]/i.test(kind) ? 'an' : 'a'} ${kind}`
  }
  for (const item of Object.values(value)) {
    const found = foreignValue(item, depth + 1)
    if (found) return found
  }
  return null
}
