// Gathers what "Copy diagnostics" shows from a running core; the shell adds what only Electron
// knows (versions, locale, folders) and puts the text on the clipboard.
import type { Handlers } from '../../shared/contract'
import {
  DIAGNOSTIC_ERRORS,
  diagnosticsText,
  historySizes,
  type DiagnosticsInput,
  type HistorySizes
} from './diagnostics'
import type { AppLog } from './logger'

/** The parts of a core the bundle reads. */
export interface DiagnosedCore {
  handlers: Pick<Handlers, 'getSettings' | 'getKeyStatus' | 'getHistoryStatus'>
  /** The open history database; throws while it is refused. */
  readonly services: { db: Parameters<typeof historySizes>[0] }
}

export type ShellFacts = Pick<
  DiagnosticsInput,
  'appVersion' | 'versions' | 'os' | 'locale' | 'folders'
> & {
  historyFile: string
  backupsFolder: string
}

/** The diagnostics text for `core` (null when it never opened), the log's last errors included. */
export async function collectDiagnostics(
  core: DiagnosedCore | null,
  facts: ShellFacts,
  log: AppLog
): Promise<string> {
  const settled = async <T>(get: () => Promise<T>): Promise<T | null> => {
    try {
      return await get()
    } catch {
      return null
    }
  }
  const settings = core ? await settled(() => core.handlers.getSettings(undefined)) : null
  const key = core ? await settled(() => core.handlers.getKeyStatus(undefined)) : null
  const status = core ? await settled(() => core.handlers.getHistoryStatus(undefined)) : null
  let history: HistorySizes | null = null
  if (core && status?.state === 'ok') {
    history = await settled(async () =>
      historySizes(core.services.db, facts.historyFile, facts.backupsFolder)
    )
  }
  return diagnosticsText({
    ...facts,
    settings,
    keyStored: key ? key.hasKey : null,
    historyState: !status
      ? 'not open'
      : status.state === 'ok'
        ? 'ok'
        : `refused (${status.problem})`,
    history,
    recentErrors: log.recentErrors(DIAGNOSTIC_ERRORS),
    secrets: log.secrets
  })
}
