// Parameters to the request body's fields: the API's names, and only the fields that are set.
import { describe, expect, it } from 'vitest'
import { requestFields } from '../../../src/shared/params'

describe('requestFields', () => {
  it('has no field at all for parameters left at Default', () => {
    expect(Object.keys(requestFields({}))).toEqual([])
    expect(Object.keys(requestFields({ systemPrompt: 'x', historyTurns: 3 }))).toEqual([])
  })

  it('names each set parameter as the API does, and only those', () => {
    expect(
      requestFields({
        temperature: 0.2,
        topP: 0.9,
        maxTokens: 100,
        stop: ['END'],
        thinking: 'disabled',
        reasoningEffort: 'minimal'
      })
    ).toStrictEqual({
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END'],
      thinking: { type: 'disabled' },
      reasoning_effort: 'minimal'
    })
    expect(requestFields({ topP: 0 })).toStrictEqual({ top_p: 0 })
    expect(requestFields({ thinking: 'enabled' })).toStrictEqual({ thinking: { type: 'enabled' } })
  })
})
