import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL, findModel, MODELS } from '../../../src/shared/models'
import { paramIssues, presetSchema, requestFields } from '../../../src/shared/params'
import { builtinPresets, isBuiltinPreset } from '../../../src/shared/presets'
import { settingsSchema } from '../../../src/shared/settings'

describe('built-in presets', () => {
  const en = builtinPresets('en')
  const zh = builtinPresets('zh-CN')

  it('ship in both languages with the same ids, all prefixed builtin:', () => {
    expect(en.map((p) => p.id)).toEqual(zh.map((p) => p.id))
    expect(en.length).toBeGreaterThanOrEqual(4)
    expect(en.every((p) => isBuiltinPreset(p.id))).toBe(true)
    expect(new Set(en.map((p) => p.id)).size).toBe(en.length)
    expect(en.map((p) => p.name)).toEqual([
      'Translate Chinese ⇄ English',
      'Code reviewer',
      'Concise answers',
      'Deep thinking'
    ])
    expect(zh.map((p) => p.name)).toEqual(['中英互译', '代码审查', '简洁回答', '深度思考'])
  })

  it('are valid presets, with text in the language asked for', () => {
    for (const preset of [...en, ...zh]) expect(presetSchema.parse(preset)).toEqual(preset)
    expect(zh[0].params.systemPrompt).toMatch(/[\u4e00-\u9fff]/)
    expect(en[0].params.systemPrompt).not.toMatch(/[\u4e00-\u9fff]/)
  })

  it('fit the default model, and Deep thinking sends reasoning_effort high', () => {
    for (const preset of en)
      expect(paramIssues(preset.params, findModel(DEFAULT_MODEL)!)).toEqual([])
    const deep = en.find((p) => p.id === 'builtin:deep-thinking')!
    expect(requestFields(deep.params)).toEqual({
      thinking: { type: 'enabled' },
      reasoning_effort: 'high'
    })
    // A model without reasoning_effort refuses it: the UI offers these only where they fit.
    expect(
      paramIssues(deep.params, MODELS.find((m) => m.id === 'glm-4-7-251222')!).map((i) => i.field)
    ).toEqual(['reasoningEffort'])
  })

  it('a user preset is not built in', () => {
    expect(isBuiltinPreset('mine-1')).toBe(false)
    expect(settingsSchema.parse({}).presets).toEqual([])
  })
})
