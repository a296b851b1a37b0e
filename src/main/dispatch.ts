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
  const parsed = requestSchemas[name as RequestName].safeParse(args)
  if (!parsed.success) {
    const message = parsed.error.issues
      .map((issue) =>
        issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message
      )
      .join('; ')
    return { ok: false, error: { code: 'invalid_input', message } }
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
