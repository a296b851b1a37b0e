// "Copy diagnostics": a plain-text bundle for a bug report. Versions, the OS, settings without
// secrets, the history's size and the last errors; never the key, never a conversation's text.
import { existsSync, readdirSync, statSync } from 'node:fs'
import type { Settings } from '../../shared/settings'
import { scrubText } from './scrub'

/** Errors from the log a bundle carries. */
export const DIAGNOSTIC_ERRORS = 20

/** Counts only: how big the history is, never what it says. */
export interface HistorySizes {
  conversations: number
  messages: number
  attachments: number
  databaseBytes: number
  backups: number
}

export interface DiagnosticsInput {
  appVersion: string
  /** process.versions (electron, chrome, node …). */
  versions: Partial<Record<string, string>>
  os: { platform: string; release: string; arch: string }
  locale: string
  /** null while the history is refused (settings live in it). */
  settings: Settings | null
  /** 'ok', or why the history was refused. */
  historyState: string
  history: HistorySizes | null
  keyStored: boolean | null
  folders: { data: string; logs: string; crashDumps: string }
  recentErrors: string[]
  /** Secrets to remove from the bundle, whatever carried them into it (the key). */
  secrets: Iterable<string>
  now?: Date
}

/** A field name that would hold a secret: never copied, whatever its value. */
const SECRET_FIELD = /key|token|secret|password|credential|auth/i
/** Text the user wrote (a system prompt): its length only, like a message's. */
const USER_TEXT_FIELD = /prompt/i

/**
 * The settings as they go into the bundle: no secret-shaped field, no credentials in the URL, no
 * text the user wrote (system prompts by length, presets by count).
 */
export function publicSettings(settings: Settings): Record<string, unknown> {
  const { presets, ...rest } = settings
  return { ...(publicValue(rest) as Record<string, unknown>), presets: `${presets.length} saved` }
}

function publicValue(value: unknown, name = ''): unknown {
  if (SECRET_FIELD.test(name)) return '[not copied]'
  if (typeof value === 'string' && USER_TEXT_FIELD.test(name))
    return `[${value.length} characters, not copied]`
  if (typeof value === 'string' && name === 'baseURL') return urlWithoutCredentials(value)
  if (Array.isArray(value)) return value.map((item) => publicValue(item))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([field, inner]) => [field, publicValue(inner, field)])
    )
  }
  return value
}

/** A URL without user:password@ and without its query (a key can ride in either). */
function urlWithoutCredentials(text: string): string {
  try {
    const url = new URL(text)
    url.username = ''
    url.password = ''
    url.search = ''
    url.hash = ''
    return url.toString()
  } catch {
    return '[not a URL]'
  }
}

/** The bundle's text, scrubbed of every secret given. */
export function diagnosticsText(input: DiagnosticsInput): string {
  const v = input.versions
  const lines = [
    'Seed Chat diagnostics',
    `Generated: ${(input.now ?? new Date()).toISOString()}`,
    '',
    '## Versions',
    `App: ${input.appVersion}`,
    `Electron: ${v.electron ?? '-'}`,
    `Chrome: ${v.chrome ?? '-'}`,
    `Node: ${v.node ?? '-'}`,
    `OS: ${input.os.platform} ${input.os.release} (${input.os.arch})`,
    `Locale: ${input.locale}`,
    '',
    '## Settings',
    input.settings ? JSON.stringify(publicSettings(input.settings), null, 2) : '(history not open)',
    `API key stored: ${input.keyStored === null ? 'unknown' : input.keyStored ? 'yes' : 'no'}`,
    '',
    '## History',
    `State: ${input.historyState}`,
    ...(input.history
      ? [
          `Conversations: ${input.history.conversations}`,
          `Messages: ${input.history.messages}`,
          `Attachments: ${input.history.attachments}`,
          `Database: ${input.history.databaseBytes} bytes`,
          `Backups: ${input.history.backups}`
        ]
      : []),
    '',
    '## Folders',
    `Data: ${input.folders.data}`,
    `Logs: ${input.folders.logs}`,
    `Crash dumps: ${input.folders.crashDumps}`,
    '',
    `## Last errors (${input.recentErrors.length})`,
    ...(input.recentErrors.length ? input.recentErrors : ['(none)'])
  ]
  // Each line through the same scrubber as the log (a line is cut at the log's limit).
  return lines.map((line) => scrubText(line, input.secrets)).join('\n')
}

/** Rows a count query answers with. */
interface CountingDatabase {
  prepare(sql: string): { pluck(): { get(): unknown } }
}

/** The history's size: counted rows (no text read), the file's bytes and the backups kept. */
export function historySizes(
  db: CountingDatabase,
  historyFile: string,
  backupsFolder: string
): HistorySizes {
  // Constant table names, no values: nothing is built from input.
  const count = (table: string): number =>
    Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get())
  const bytes = (path: string): number => (existsSync(path) ? statSync(path).size : 0)
  let backups = 0
  try {
    backups = readdirSync(backupsFolder).filter((name) => name.endsWith('.sqlite')).length
  } catch {
    // no backups folder yet
  }
  return {
    conversations: count('conversations'),
    messages: count('messages'),
    attachments: count('message_attachments'),
    databaseBytes: bytes(historyFile) + bytes(`${historyFile}-wal`),
    backups
  }
}
