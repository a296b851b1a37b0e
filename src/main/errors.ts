import type { AppErrorInfo, ErrorCode } from '../shared/errors'

/** An error the UI can explain: thrown by core modules, returned across IPC as data. */
export class AppError extends Error {
  readonly status?: number
  readonly retryAfterSeconds?: number
  readonly reason?: string
  readonly params?: Record<string, string | number>

  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Pick<AppErrorInfo, 'status' | 'retryAfterSeconds' | 'reason' | 'params'> = {}
  ) {
    super(message)
    this.name = 'AppError'
    if (extra.status !== undefined) this.status = extra.status
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds
    if (extra.reason !== undefined) this.reason = extra.reason
    if (extra.params !== undefined) this.params = extra.params
  }

  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { code: this.code, message: this.message }
    if (this.status !== undefined) info.status = this.status
    if (this.retryAfterSeconds !== undefined) info.retryAfterSeconds = this.retryAfterSeconds
    if (this.reason !== undefined) info.reason = this.reason
    if (this.params !== undefined) info.params = this.params
    return info
  }
}

const STILL_STREAMING = {
  conversation: 'A reply is still streaming in this conversation. Stop it first.',
  reply: 'That reply is still streaming.',
  history: 'A reply is still streaming. Stop it before restoring a backup.'
} as const

/**
 * The one "busy" refusal: a reply still streams in the conversation, is the reply asked about, or
 * would be cut off by replacing the history.
 */
export function stillStreaming(where: keyof typeof STILL_STREAMING): AppError {
  return new AppError('busy', STILL_STREAMING[where])
}
