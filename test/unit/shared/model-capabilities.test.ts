// What a model id accepts when the catalog does not list it (its family decides), and the user's
// corrections on top: stored in the settings (real SQLite), validated, reset.
import { describe, expect, it } from 'vitest'
import { getSettings, modelFor, updateSettings } from '../../../src/main/settings/settings'
import {
  catalogModel,
  correctModel,
  findModel,
  MODELS,
  modelInfo,
  withCorrection
} from '../../../src/shared/models'
import { settingsPatchSchema } from '../../../src/shared/settings'
import { freshDatabase } from '../../fixtures/history'

describe('an id the catalog does not list', () => {
  // id → family, image, video, thinking, reasoning effort
  const table: Array<[string, string, boolean, boolean, boolean, boolean]> = [
    ['doubao-seed-2.1-pro', 'seed', true, true, true, false],
    ['doubao-seed-2-1-lite-260115', 'seed', true, true, true, false],
    ['doubao-seed-code-preview-251028', 'seed', true, true, true, false],
    ['Doubao-Seed-3.0', 'seed', true, true, true, false],
    ['doubao-seed-1-8-260101', 'seed-1.8', true, true, true, false],
    ['doubao-seed-2.0-max', 'seed-2.0', true, true, true, false],
    ['doubao-seed-1-6-thinking-250715', 'seed-1.6', true, true, true, false],
    ['glm-4-6-250930', 'glm', false, false, true, false],
    ['glm-5', 'glm', false, false, true, false],
    ['doubao-1-5-vision-pro-250328', 'other', true, true, false, false],
    ['doubao-1-5-thinking-vision-pro-250428', 'other', true, true, true, false],
    ['doubao-1-5-pro-32k-250115', 'other', false, false, false, false],
    ['deepseek-v3-1-250821', 'other', false, false, false, false],
    ['seed-doubao-impostor', 'other', false, false, false, false]
  ]
  it.each(table)('%s is %s: image %s, video %s, thinking %s, effort %s', (id, ...expected) => {
    const info = catalogModel(id)
    expect(info.id).toBe(id)
    expect([info.family, info.image, info.video, info.thinking, info.reasoningEffort]).toEqual(
      expected
    )
  })

  it('listed ids stay as the catalog lists them', () => {
    for (const model of MODELS) expect(catalogModel(model.id)).toBe(model)
    expect(findModel('doubao-seed-2.1-pro')).toBeUndefined()
  })
})

describe("the user's corrections", () => {
  it('override the catalog for that model only', () => {
    const corrections = { 'glm-4-7-251222': { image: true } }
    expect(modelInfo('glm-4-7-251222', corrections)).toMatchObject({
      image: true,
      video: false,
      thinking: true
    })
    expect(modelInfo('doubao-seed-2.0-pro', corrections)).toBe(findModel('doubao-seed-2.0-pro'))
    // An id named like an object's own property is still just an id.
    expect(withCorrection(catalogModel('constructor'), {})).toMatchObject({ image: false })
  })

  it('keep only what differs from the catalog; null resets', () => {
    let corrections = correctModel({}, 'glm-4-7-251222', { image: true, thinking: true })
    expect(corrections).toEqual({ 'glm-4-7-251222': { image: true } })
    corrections = correctModel(corrections, 'doubao-seed-2.1-pro', { video: false })
    expect(corrections).toEqual({
      'glm-4-7-251222': { image: true },
      'doubao-seed-2.1-pro': { video: false }
    })
    // Setting a value back to the catalog's drops the model.
    expect(correctModel(corrections, 'glm-4-7-251222', { image: false })).toEqual({
      'doubao-seed-2.1-pro': { video: false }
    })
    expect(correctModel(corrections, 'doubao-seed-2.1-pro', null)).toEqual({
      'glm-4-7-251222': { image: true }
    })
  })

  it('are saved in the settings and read back by main; a reset removes them', () => {
    const { db } = freshDatabase('model-capabilities-')
    expect(modelFor(db, 'glm-4-7-251222').image).toBe(false)
    updateSettings(db, { modelCapabilities: { 'glm-4-7-251222': { image: true, video: true } } })
    expect(modelFor(db, 'glm-4-7-251222')).toMatchObject({ image: true, video: true })
    const reset = correctModel(getSettings(db).modelCapabilities, 'glm-4-7-251222', null)
    updateSettings(db, { modelCapabilities: reset })
    expect(modelFor(db, 'glm-4-7-251222')).toMatchObject({ image: false, video: false })
  })

  it('are validated: known capabilities, booleans, model ids', () => {
    const ok = (value: unknown) =>
      settingsPatchSchema.safeParse({ modelCapabilities: value }).success
    expect(ok({ 'glm-4-7-251222': { image: true } })).toBe(true)
    expect(ok({ 'glm-4-7-251222': { image: 'yes' } })).toBe(false)
    expect(ok({ 'glm-4-7-251222': { context: 1_000_000 } })).toBe(false)
    expect(ok({ 'bad id with spaces': { image: true } })).toBe(false)
    expect(ok(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`m${i}`, {}])))).toBe(false)
  })
})
