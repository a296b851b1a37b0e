// Whether the history was closed cleanly last time, kept in a small file beside it: 'open' while
// the app has it open, 'closed' after a clean close, 'check' when a check found damage. Only a
// file that was not closed cleanly (or whose state is unknown) is fully checked on the start path.
import { readFileSync, writeFileSync } from 'node:fs'

export type ShutdownState = 'open' | 'closed' | 'check'

const fileOf = (historyFile: string): string => `${historyFile}.state`

/** What the last run left: undefined when nothing was recorded (an older version, a first start). */
export function lastShutdown(historyFile: string): ShutdownState | undefined {
  try {
    const state = readFileSync(fileOf(historyFile), 'utf8').trim()
    return state === 'open' || state === 'closed' || state === 'check' ? state : undefined
  } catch {
    return undefined
  }
}

/** Records the history's state; a failure to write only means a full check next time. */
export function recordShutdown(historyFile: string, state: ShutdownState): void {
  try {
    writeFileSync(fileOf(historyFile), state)
  } catch (error) {
    console.error('Could not record the history state:', error)
  }
}
