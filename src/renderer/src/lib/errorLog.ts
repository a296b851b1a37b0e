// The renderer's uncaught errors and rejections as lines for main's log file: the error's name,
// message and stack (cut to the log's limit), never the page's content.
import { MAX_LOG_MESSAGE } from '../../../shared/diagnostics'

/** The text of an error for the log, cut to what the contract accepts. */
export function errorLine(what: string, error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)
  const line = `${what}: ${text}`
  return line.length > MAX_LOG_MESSAGE ? `${line.slice(0, MAX_LOG_MESSAGE - 1)}…` : line
}

/** Sends the window's uncaught errors and unhandled rejections to `logError`. */
export function logWindowErrors(
  target: Window,
  logError: (what: string, error: unknown) => void
): void {
  target.addEventListener('error', (event) => logError('uncaught', event.error ?? event.message))
  target.addEventListener('unhandledrejection', (event) =>
    logError('unhandled rejection', event.reason)
  )
}
