import { describe, expect, it } from 'vitest'
import { findModel, type ModelInfo } from '../../../src/shared/models'
import { builtinPresets } from '../../../src/shared/presets'
import { presetSchema } from '../../../src/shared/params'
import { readDraft } from '../../../src/renderer/src/lib/paramsDraft'
import {
  draftFromParams,
  fitParams,
  offeredFields,
  paramChips
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

describe('the form and its fields', () => {
  it('fills the form from saved parameters, and reads back the same parameters', () => {
    const saved = {
      systemPrompt: 'Be brief.',
      temperature: 0.3,
      topP: 0.9,
      maxTokens: 512,
      stop: ['END'],
      thinking: 'enabled' as const,
      reasoningEffort: 'low' as const,
      historyTurns: 5
    }
    const draft = draftFromParams(saved)
    expect(draft).toStrictEqual({
      systemPrompt: 'Be brief.',
      temperature: '0.3',
      topP: '0.9',
      maxTokens: '512',
      stop: ['END'],
      thinking: 'enabled',
      reasoningEffort: 'low',
      historyTurns: '5'
    })
    // A copy of the stop list: editing the form leaves the saved parameters alone.
    draft.stop.push('more')
    expect(saved.stop).toEqual(['END'])
    expect(readDraft(draftFromParams(saved), PRO)).toStrictEqual({ params: saved, errors: {} })
    expect(draftFromParams({})).toStrictEqual({
      systemPrompt: '',
      temperature: '',
      topP: '',
      maxTokens: '',
      stop: [],
      thinking: '',
      reasoningEffort: '',
      historyTurns: ''
    })
  })

  it('reads numbers as typed: signs, exponents, a leading or trailing point; nothing else', () => {
    const temperature = (text: string) =>
      readDraft({ ...draftFromParams({}), temperature: text }, PRO)
    expect(temperature('+1').params).toEqual({ temperature: 1 })
    expect(temperature('.5').params).toEqual({ temperature: 0.5 })
    expect(temperature('1.').params).toEqual({ temperature: 1 })
    expect(temperature('15e-1').params).toEqual({ temperature: 1.5 })
    expect(temperature('1E0').params).toEqual({ temperature: 1 })
    expect(temperature('01.5').params).toEqual({ temperature: 1.5 })
    expect(temperature('.25').params).toEqual({ temperature: 0.25 })
    expect(temperature('1e-10').params).toEqual({ temperature: 1e-10 })
    expect(temperature(' 2 ').params).toEqual({ temperature: 2 })
    for (const text of ['1,5', '0x1', '1e', 'e1', '.', '- 1', '1 2', 'Infinity', '1.2.3', '1f'])
      expect(temperature(text).errors, text).toEqual({ temperature: 'temperature' })
    // Blank is Default, in every text field.
    expect(
      readDraft(
        {
          ...draftFromParams({}),
          systemPrompt: '  ',
          temperature: ' ',
          topP: ' ',
          maxTokens: ' ',
          historyTurns: ' '
        },
        PRO
      )
    ).toStrictEqual({ params: {}, errors: {} })
  })

  it('names a system prompt that is too long', () => {
    expect(
      readDraft({ ...draftFromParams({}), systemPrompt: 'x'.repeat(100_001) }, PRO)
    ).toStrictEqual({ params: {}, errors: { systemPrompt: 'systemPrompt' } })
  })

  it('names the field each chip opens, and thinking on as on', () => {
    const chips = paramChips({
      systemPrompt: 'x',
      temperature: 1,
      topP: 1,
      maxTokens: 1,
      stop: ['a', 'b'],
      thinking: 'enabled',
      reasoningEffort: 'high',
      historyTurns: 2
    })
    expect(chips.map((chip) => chip.field)).toEqual([
      'systemPrompt',
      'temperature',
      'topP',
      'maxTokens',
      'stop',
      'thinking',
      'reasoningEffort',
      'historyTurns'
    ])
    expect(chips.find((chip) => chip.field === 'thinking')!.key).toBe('thinkingOn')
    expect(chips.find((chip) => chip.field === 'stop')!.values).toEqual({ count: 2 })
  })

  it('with no model, refuses an effort with thinking off only when it is not minimal', () => {
    const draft = (
      thinking: '' | 'enabled' | 'disabled',
      reasoningEffort: '' | 'minimal' | 'low'
    ) => readDraft({ ...draftFromParams({}), thinking, reasoningEffort }, null)
    expect(draft('disabled', 'minimal')).toStrictEqual({
      params: { thinking: 'disabled', reasoningEffort: 'minimal' },
      errors: {}
    })
    expect(draft('enabled', 'low').errors).toEqual({})
    expect(draft('', 'low').errors).toEqual({})
    expect(draft('disabled', '').errors).toEqual({})
  })

  it('keeps the first problem of a field: an invalid value over a model refusal', () => {
    const { errors } = readDraft(
      { ...draftFromParams({}), thinking: 'disabled', reasoningEffort: 'high', temperature: '9' },
      PRO
    )
    expect(errors).toEqual({
      temperature: 'temperature',
      reasoningEffort: 'effort_needs_minimal_without_thinking'
    })
  })
})
