// The log's requests: lines from the renderer and the preload, and the notice after a crash.
// Served while the history is refused too (core.ts).
import type { Handlers } from '../../shared/contract'
import type { CrashNotice } from '../../shared/diagnostics'
import type { AppLog } from './logger'

export type LogRequest = 'log' | 'getCrashNotice'

/** Lines a renderer may write per minute: an error in a render loop must not rotate main's away. */
const LINES_PER_MINUTE = 60

/** The log's request handlers over `log`; `crashNotice` is what the shell found at start. */
export function logHandlers(
  log: AppLog,
  crashNotice: CrashNotice | null
): Pick<Handlers, LogRequest> {
  let windowStart = 0
  let lines = 0
  let dropped = 0
  return {
    log: async ({ level, scope, message }) => {
      const now = Date.now()
      if (now - windowStart >= 60_000) {
        if (dropped > 0)
          log.scope(scope).warn(`${dropped} lines dropped (over ${LINES_PER_MINUTE} a minute)`)
        windowStart = now
        lines = 0
        dropped = 0
      }
      if (++lines > LINES_PER_MINUTE) dropped++
      else log.scope(scope)[level](message)
      return null
    },
    getCrashNotice: async () => crashNotice
  }
}
