// The settings table, read and written from the one settings schema (shared/settings.ts): a new
// setting needs no change here.
import type { z } from 'zod'
import {
  DEFAULT_SETTINGS,
  settingsSchema,
  type SettingName,
  type Settings,
  type SettingsPatch
} from '../../shared/settings'
import { modelInfo, type ModelInfo } from '../../shared/models'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

const SETTING_NAMES = Object.keys(settingsSchema.shape) as SettingName[]

/** What a setting becomes before it is saved. */
const BEFORE_SAVING: { [K in SettingName]?: (value: Settings[K]) => Settings[K] } = {
  // A trailing slash would double up in `${baseURL}/chat/completions`.
  baseURL: (baseURL) => baseURL.replace(/\/+$/, '')
}

/** How a setting is stored: text as it is (as the first versions wrote it), anything else as JSON. */
export function encodeSetting(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** A stored value read with its setting's schema; undefined when it does not fit (any more). */
export function decodeSetting<T>(field: z.ZodType<T>, stored: string | undefined): T | undefined {
  const asText = field.safeParse(stored)
  if (asText.success) return asText.data
  try {
    const asJson = field.safeParse(JSON.parse(stored ?? ''))
    if (asJson.success) return asJson.data
  } catch {
    // Not JSON either.
  }
  return undefined
}

/** The user's settings, with defaults for what was never set. */
export function getSettings(db: HistoryDatabase): Settings {
  const rows = prepared<[], { key: string; value: string }>(
    db,
    'SELECT key, value FROM settings'
  ).all()
  const stored = new Map(rows.map((row) => [row.key, row.value]))
  // Missing: the field's default; invalid: the default too.
  return Object.fromEntries(
    SETTING_NAMES.map((name) => [
      name,
      decodeSetting(settingsSchema.shape[name] as z.ZodType, stored.get(name)) ??
        DEFAULT_SETTINGS[name]
    ])
  ) as Settings
}

/** Saves the given settings and returns them all. */
export function updateSettings(db: HistoryDatabase, patch: SettingsPatch): Settings {
  const put = prepared(
    db,
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
  )
  db.transaction(() => {
    for (const name of SETTING_NAMES) {
      const value = patch[name]
      if (value === undefined) continue
      const prepare = BEFORE_SAVING[name] as ((value: unknown) => unknown) | undefined
      put.run(name, encodeSetting(prepare ? prepare(value) : value))
    }
  })()
  return getSettings(db)
}

/** What a model accepts: the catalog's answer with the user's saved correction on top. */
export function modelFor(db: HistoryDatabase, id: string): ModelInfo {
  return modelInfo(id, getSettings(db).modelCapabilities)
}
