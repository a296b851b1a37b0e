// The checkForUpdates setting, derived like every other from the one settings schema.
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../src/shared/settings'

describe('the checkForUpdates setting', () => {
  it('is on by default', () => {
    expect(DEFAULT_SETTINGS.checkForUpdates).toBe(true)
    expect(settingsSchema.parse({}).checkForUpdates).toBe(true)
  })

  it('can be turned off by a patch, which takes only a boolean', () => {
    expect(settingsPatchSchema.parse({ checkForUpdates: false })).toEqual({
      checkForUpdates: false
    })
    expect(settingsPatchSchema.parse({})).toEqual({})
    expect(settingsPatchSchema.safeParse({ checkForUpdates: 'no' }).success).toBe(false)
  })
})
