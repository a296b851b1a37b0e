import type { AppErrorInfo, ErrorCode } from '../shared/contract'

/** An error the UI can explain: thrown by core modules, returned across IPC as data. */
export class AppError extends Error {
  readonly status?: number
  readonly retryAfterSeconds?: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: Pick<AppErrorInfo, 'status' | 'retryAfterSeconds'> = {}
  ) {
    super(message)
    this.name = 'AppError'
    if (extra.status !== undefined) this.status = extra.status
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds
  }

  toInfo(): AppErrorInfo {
    const info: AppErrorInfo = { code: this.code, message: this.message }
    if (this.status !== undefined) info.status = this.status
    if (this.retryAfterSeconds !== undefined) info.retryAfterSeconds = this.retryAfterSeconds
    return info
  }
}
