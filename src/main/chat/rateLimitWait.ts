// A rate-limit wait the user can see and cut short: the app, not the SDK, sleeps out a short
// Retry-After on a 429 (the SDK's sleep can be neither seen nor ended early).
import { APIUserAbortError } from 'openai'

/**
 * One reply's controls: Stop aborts it (an AbortController), "Retry now" (`skip`) ends the
 * rate-limit wait the client sleeps in `wait`.
 */
export class ReplyControl extends AbortController {
  private cut: (() => void) | null = null

  /** Resolves after `ms`, or at once on `skip`; rejects as a user abort when `signal` fires. */
  wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.cut = null
      }
      const onAbort = (): void => {
        done()
        reject(new APIUserAbortError())
      }
      const timer = setTimeout(() => {
        done()
        resolve()
      }, ms)
      this.cut = () => {
        done()
        resolve()
      }
      if (signal.aborted) onAbort()
      else signal.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Ends the current wait at once (the retry starts); false when nothing waits. */
  skip(): boolean {
    if (!this.cut) return false
    this.cut()
    return true
  }
}
