// Settings in a real history file: defaults, saving, and what a bad stored value falls back to.
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { HistoryDatabase } from '../../../src/main/db/database'
import {
  decodeSetting,
  encodeSetting,
  getSettings,
  updateSettings
} from '../../../src/main/settings/settings'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { freshDatabase, reopenDatabase } from '../../fixtures/history'

const stored = (db: HistoryDatabase) =>
  Object.fromEntries(
    db
      .prepare<[], { key: string; value: string }>('SELECT key, value FROM settings')
      .all()
      .map((row) => [row.key, row.value])
  )

describe('settings', () => {
  it('are the defaults until something is saved', () => {
    const { db } = freshDatabase('settings-')
    expect(getSettings(db)).toEqual({
      baseURL: 'https://www.anyfast.ai/v1',
      language: 'system',
      theme: 'system',
      fontSize: 'default',
      defaultParams: {},
      presets: [],
      checkForUpdates: true,
      askShortcut: 'Alt+Shift+Space',
      captureShortcut: 'Alt+Shift+S',
      keepInTray: false,
      modelCapabilities: {}
    })
    expect(getSettings(db)).toEqual(DEFAULT_SETTINGS)
  })

  it('saves what the patch names, as plain text, and keeps the rest', () => {
    const { db, file } = freshDatabase('settings-')
    expect(updateSettings(db, { language: 'zh-CN' })).toEqual({
      ...DEFAULT_SETTINGS,
      language: 'zh-CN'
    })
    expect(updateSettings(db, { baseURL: 'http://127.0.0.1:8080/v1//' })).toEqual({
      ...DEFAULT_SETTINGS,
      baseURL: 'http://127.0.0.1:8080/v1',
      language: 'zh-CN'
    })
    expect(stored(db)).toEqual({ baseURL: 'http://127.0.0.1:8080/v1', language: 'zh-CN' })
    db.close()
    const reopened = reopenDatabase(file)
    expect(getSettings(reopened)).toEqual({
      ...DEFAULT_SETTINGS,
      baseURL: 'http://127.0.0.1:8080/v1',
      language: 'zh-CN'
    })
  })

  it('keeps a cleared shortcut cleared (not the default) and the tray setting, after a reopen', () => {
    const { db, file } = freshDatabase('settings-')
    updateSettings(db, {
      askShortcut: '',
      captureShortcut: 'CommandOrControl+Alt+J',
      keepInTray: true
    })
    expect(stored(db)).toEqual({
      askShortcut: '',
      captureShortcut: 'CommandOrControl+Alt+J',
      keepInTray: 'true'
    })
    db.close()
    expect(getSettings(reopenDatabase(file))).toMatchObject({
      askShortcut: '',
      captureShortcut: 'CommandOrControl+Alt+J',
      keepInTray: true
    })
  })

  it('ignores names that are not settings', () => {
    const { db } = freshDatabase('settings-')
    updateSettings(db, { language: 'en', wallpaper: 'dark' } as never)
    expect(stored(db)).toEqual({ language: 'en' })
  })

  it('reads a stored value that is no longer valid as its default', () => {
    const { db } = freshDatabase('settings-')
    const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)')
    put.run('language', 'fr')
    put.run('baseURL', 'ftp://example.com')
    expect(getSettings(db)).toEqual(DEFAULT_SETTINGS)
    db.prepare("UPDATE settings SET value = 'en' WHERE key = 'language'").run()
    expect(getSettings(db)).toEqual({ ...DEFAULT_SETTINGS, language: 'en' })
  })
})

describe('a stored setting', () => {
  it('is text as it is, any other value as JSON, and reads back through its schema', () => {
    const cases: Array<[z.ZodType, unknown]> = [
      [z.string(), 'https://example.com/v1'],
      [z.string(), '{"looks":"like JSON"}'],
      [z.number(), 0.5],
      [z.boolean(), false],
      [z.array(z.string()), ['a', 'b']]
    ]
    for (const [field, value] of cases)
      expect(decodeSetting(field, encodeSetting(value))).toEqual(value)
    expect(encodeSetting('en')).toBe('en')
    expect(encodeSetting(true)).toBe('true')
  })

  it('that does not fit its schema reads as undefined; a missing one as the default, if any', () => {
    expect(decodeSetting(z.number(), 'twelve')).toBeUndefined()
    expect(decodeSetting(z.boolean(), '1')).toBeUndefined()
    expect(decodeSetting(z.number(), undefined)).toBeUndefined()
    expect(decodeSetting(z.number().default(3), undefined)).toBe(3)
  })
})
