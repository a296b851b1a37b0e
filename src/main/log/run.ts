// A run's first lines: versions and folders, then whether the last run crashed.
import type { CrashNotice } from '../../shared/diagnostics'
import { logStart, type StartFacts } from './activity'
import { checkLastRun, type CrashCheck } from './crash'
import type { AppLog } from './logger'

/** Logs the start and checks the last run; the notice the renderer shows, or null. */
export function beginRun(
  log: AppLog,
  facts: StartFacts,
  check: Omit<CrashCheck, 'logsFolder'>
): CrashNotice | null {
  const logsFolder = log.writeTo(facts.dataDir)
  logStart(log, facts)
  const notice = checkLastRun({ ...check, logsFolder })
  if (notice?.reason === 'crash')
    log.scope('app').warn(`the last run left ${notice.dumps} crash dumps in ${notice.dumpsFolder}`)
  else if (notice) log.scope('app').warn('the last run ended without closing the history')
  return notice
}
