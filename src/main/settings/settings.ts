import { DEFAULT_BASE_URL, type Language, type Settings } from '../../shared/contract'
import type { HistoryDatabase } from '../history/database'
import { prepared } from '../history/statements'

const DEFAULTS: Settings = { baseURL: DEFAULT_BASE_URL, language: 'system' }

/** The user's settings, with defaults for what was never set. */
export function getSettings(db: HistoryDatabase): Settings {
  const rows = prepared<[], { key: string; value: string }>(db, 'SELECT key, value FROM settings').all()
  const stored = Object.fromEntries(rows.map((row) => [row.key, row.value]))
  return {
    baseURL: stored.baseURL ?? DEFAULTS.baseURL,
    language: (stored.language as Language | undefined) ?? DEFAULTS.language
  }
}

/** Saves the given settings and returns them all. */
export function updateSettings(db: HistoryDatabase, patch: Partial<Settings>): Settings {
  const put = prepared(db, 
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  )
  db.transaction(() => {
    // A trailing slash would double up in `${baseURL}/chat/completions`.
    if (patch.baseURL !== undefined) put.run('baseURL', patch.baseURL.replace(/\/+$/, ''))
    if (patch.language !== undefined) put.run('language', patch.language)
  })()
  return getSettings(db)
}
