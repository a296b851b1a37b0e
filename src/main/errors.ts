import type { AppErrorInfo, ErrorCode } from '../shared/contract'

/** An error the UI can explain: thrown by core modules, returned across IPC as data. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: Pick<AppErrorInfo, 'status' | 'retryAfterSeconds'> = {}
  ) {
    super(message)
    this.name = 'AppError'
  }

  toInfo(): AppErrorInfo {
    return { code: this.code, message: this.message, ...this.extra }
  }
}
