import { describe, expect, it } from 'vitest'
import { findModel, type ModelInfo } from '../../../src/shared/models'
import { builtinPresets } from '../../../src/shared/presets'
import { presetSchema } from '../../../src/shared/params'
import {
  draftFromParams,
  fitParams,
  offeredFields,
  paramChips,
  readDraft
} from '../../../src/renderer/src/lib/paramsForm'

const PRO = findModel('doubao-seed-2.0-pro')!
const FLASH = findModel('doubao-seed-1-6-flash-250828')!
const GLM = findModel('glm-4-7-251222')!
const NO_THINKING: ModelInfo = { ...GLM, id: 'other', thinking: false }

describe('readDraft', () => {
  it('leaves every empty field and Default choice out: nothing to send', () => {
    expect(readDraft(draftFromParams({}), PRO)).toStrictEqual({ params: {}, errors: {} })
  })

  it('reads each typed field as the type the API takes', () => {
    const draft = {
      ...draftFromParams({}),
      systemPrompt: 'Be brief.',
      temperature: '0.3',
      topP: ' 0.9 ',
      maxTokens: '512',
      stop: ['END', '###'],
      thinking: 'disabled' as const,
      reasoningEffort: 'minimal' as const,
      historyTurns: '5'
    }
    expect(readDraft(draft, PRO)).toStrictEqual({
      params: {
        systemPrompt: 'Be brief.',
        temperature: 0.3,
        topP: 0.9,
        maxTokens: 512,
        stop: ['END', '###'],
        thinking: 'disabled',
        reasoningEffort: 'minimal',
        historyTurns: 5
      },
      errors: {}
    })
  })

  it('names each invalid field, and keeps it out of the parameters', () => {
    const draft = {
      ...draftFromParams({}),
      temperature: '2.5',
      topP: 'abc',
      maxTokens: '12.5',
      stop: ['ok', ''],
      historyTurns: '0'
    }
    const { params, errors } = readDraft(draft, PRO)
    expect(errors).toEqual({
      temperature: 'temperature',
      topP: 'topP',
      maxTokens: 'maxTokens',
      stop: 'stop',
      historyTurns: 'historyTurns'
    })
    expect(params).toStrictEqual({})
    expect(readDraft({ ...draftFromParams({}), maxTokens: '0' }, PRO).errors).toEqual({
      maxTokens: 'maxTokens'
    })
    expect(readDraft({ ...draftFromParams({}), maxTokens: '65537' }, PRO).errors).toEqual({
      maxTokens: 'maxTokens'
    })
    expect(readDraft({ ...draftFromParams({}), temperature: '-0.1' }, PRO).errors).toEqual({
      temperature: 'temperature'
    })
    expect(
      readDraft({ ...draftFromParams({}), stop: ['a', 'b', 'c', 'd', 'e'] }, PRO).errors
    ).toEqual({ stop: 'stop' })
    // The edges are valid.
    expect(
      readDraft({ ...draftFromParams({}), temperature: '0', topP: '1', maxTokens: '65536' }, PRO)
    ).toEqual({
      params: { temperature: 0, topP: 1, maxTokens: 65536 },
      errors: {}
    })
  })

  it('refuses an effort other than minimal with thinking off', () => {
    const draft = {
      ...draftFromParams({}),
      thinking: 'disabled' as const,
      reasoningEffort: 'high' as const
    }
    expect(readDraft(draft, PRO).errors).toEqual({
      reasoningEffort: 'effort_needs_minimal_without_thinking'
    })
    // Settings' defaults (no model) are held to the same rule.
    expect(readDraft(draft, null).errors).toEqual({
      reasoningEffort: 'effort_needs_minimal_without_thinking'
    })
  })

  it('leaves out what the model does not take (the form does not offer it)', () => {
    const draft = draftFromParams({ thinking: 'enabled', reasoningEffort: 'high', temperature: 1 })
    expect(readDraft(draft, FLASH)).toStrictEqual({
      params: { thinking: 'enabled', temperature: 1 },
      errors: {}
    })
    expect(readDraft(draft, NO_THINKING)).toStrictEqual({ params: { temperature: 1 }, errors: {} })
  })
})

describe('offeredFields', () => {
  it('offers thinking and effort by model, and only minimal with thinking off', () => {
    expect(offeredFields(PRO, '')).toEqual({
      thinking: true,
      reasoningEffort: true,
      efforts: ['minimal', 'low', 'medium', 'high']
    })
    expect(offeredFields(PRO, 'disabled').efforts).toEqual(['minimal'])
    expect(offeredFields(FLASH, '')).toMatchObject({ thinking: true, reasoningEffort: false })
    expect(offeredFields(GLM, '')).toMatchObject({ thinking: true, reasoningEffort: false })
    expect(offeredFields(NO_THINKING, '')).toMatchObject({
      thinking: false,
      reasoningEffort: false
    })
    expect(offeredFields(null, '')).toMatchObject({ thinking: true, reasoningEffort: true })
  })
})

describe('fitParams', () => {
  it('drops only what the model refuses', () => {
    const deep = {
      thinking: 'enabled' as const,
      reasoningEffort: 'high' as const,
      temperature: 0.2
    }
    expect(fitParams(deep, PRO)).toEqual(deep)
    expect(fitParams(deep, FLASH)).toEqual({ thinking: 'enabled', temperature: 0.2 })
    expect(fitParams(deep, NO_THINKING)).toEqual({ temperature: 0.2 })
  })
})

describe('paramChips', () => {
  it('has a chip for each field that is not default, in the form order', () => {
    expect(paramChips({})).toEqual([])
    const chips = paramChips({
      historyTurns: 5,
      temperature: 0.3,
      systemPrompt: 'x',
      thinking: 'disabled',
      reasoningEffort: 'minimal',
      maxTokens: 512,
      stop: ['a'],
      topP: 0.5
    })
    expect(chips.map((chip) => [chip.key, chip.values])).toEqual([
      ['systemPrompt', {}],
      ['temperature', { value: 0.3 }],
      ['topP', { value: 0.5 }],
      ['maxTokens', { value: 512 }],
      ['stop', { count: 1 }],
      ['thinkingOff', {}],
      ['effort', { value: 'minimal' }],
      ['historyTurns', { count: 5 }]
    ])
  })
})

describe('built-in presets', () => {
  it('are valid presets with builtin: ids, named in each language', () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const presets = builtinPresets(language)
      expect(presets.length).toBeGreaterThanOrEqual(3)
      for (const preset of presets) {
        expect(presetSchema.parse(preset)).toEqual(preset)
        expect(preset.id.startsWith('builtin:')).toBe(true)
      }
    }
    expect(builtinPresets('en').map((p) => p.id)).toEqual(builtinPresets('zh-CN').map((p) => p.id))
    expect(builtinPresets('zh-CN').map((p) => p.name)).toContain('中英互译')
    expect(builtinPresets('en').map((p) => p.name)).toContain('Code reviewer')
  })
})
