// The parameters form's pure side: what a model is offered, the form's text fields from
// ChatParams (paramsDraft.ts reads them back, with zod), and the header's chips. No zod here: the
// first screen loads it.
import type { ModelInfo } from '../../../shared/models'
import type { ChatParamName, ChatParams } from '../../../shared/params'
import {
  MAX_STOP_SEQUENCES,
  REASONING_EFFORTS,
  paramIssues,
  type ReasoningEffort,
  type ThinkingMode
} from '../../../shared/paramRules'

export { MAX_STOP_SEQUENCES }

/** What the form holds while it is edited: text as typed; '' is "Default" (not sent). */
export interface ParamsDraft {
  systemPrompt: string
  temperature: string
  topP: string
  maxTokens: string
  stop: string[]
  thinking: '' | ThinkingMode
  reasoningEffort: '' | ReasoningEffort
  /** '' = the whole history. */
  historyTurns: string
}

/** Why a field's value cannot be saved; a key of the `params.invalid` strings. */
export type ParamError =
  | 'systemPrompt'
  | 'temperature'
  | 'topP'
  | 'maxTokens'
  | 'stop'
  | 'historyTurns'
  | 'effort_not_supported'
  | 'effort_needs_minimal_without_thinking'
  | 'thinking_not_supported'

/** The fields a model takes; null (Settings, no model yet) offers every field. */
export interface OfferedFields {
  thinking: boolean
  reasoningEffort: boolean
  /** The efforts to choose from: only `minimal` with thinking off. */
  efforts: readonly ReasoningEffort[]
}

/** Which of the model-dependent fields `model` takes, given the thinking choice in the form. */
export function offeredFields(
  model: ModelInfo | null,
  thinking: ParamsDraft['thinking']
): OfferedFields {
  const effort = model === null || model.reasoningEffort
  return {
    thinking: model === null || model.thinking,
    reasoningEffort: effort,
    efforts: thinking === 'disabled' ? ['minimal'] : REASONING_EFFORTS
  }
}

/** The form's fields for saved parameters. */
export function draftFromParams(params: ChatParams): ParamsDraft {
  return {
    systemPrompt: params.systemPrompt ?? '',
    temperature: params.temperature === undefined ? '' : String(params.temperature),
    topP: params.topP === undefined ? '' : String(params.topP),
    maxTokens: params.maxTokens === undefined ? '' : String(params.maxTokens),
    stop: params.stop ? [...params.stop] : [],
    thinking: params.thinking ?? '',
    reasoningEffort: params.reasoningEffort ?? '',
    historyTurns: params.historyTurns === undefined ? '' : String(params.historyTurns)
  }
}

/** The parameters without what `model` does not take (a preset made for another model). */
export function fitParams(params: ChatParams, model: ModelInfo): ChatParams {
  const fitted = { ...params }
  for (const issue of paramIssues(fitted, model)) delete fitted[issue.field]
  // Dropping thinking can make an effort fit again, or not: check once more.
  for (const issue of paramIssues(fitted, model)) delete fitted[issue.field]
  return fitted
}

/** A chip: a `params.chip` string key and its values. */
export interface ParamChip {
  field: ChatParamName
  key: string
  values: Record<string, string | number>
}

/** What is not default in these parameters, as chips, in the form's order. */
export function paramChips(params: ChatParams): ParamChip[] {
  const chips: ParamChip[] = []
  if (params.systemPrompt !== undefined)
    chips.push({ field: 'systemPrompt', key: 'systemPrompt', values: {} })
  if (params.temperature !== undefined)
    chips.push({ field: 'temperature', key: 'temperature', values: { value: params.temperature } })
  if (params.topP !== undefined)
    chips.push({ field: 'topP', key: 'topP', values: { value: params.topP } })
  if (params.maxTokens !== undefined)
    chips.push({ field: 'maxTokens', key: 'maxTokens', values: { value: params.maxTokens } })
  if (params.stop !== undefined)
    chips.push({ field: 'stop', key: 'stop', values: { count: params.stop.length } })
  if (params.thinking !== undefined) {
    chips.push({
      field: 'thinking',
      key: params.thinking === 'enabled' ? 'thinkingOn' : 'thinkingOff',
      values: {}
    })
  }
  if (params.reasoningEffort !== undefined) {
    chips.push({
      field: 'reasoningEffort',
      key: 'effort',
      values: { value: params.reasoningEffort }
    })
  }
  if (params.historyTurns !== undefined) {
    chips.push({
      field: 'historyTurns',
      key: 'historyTurns',
      values: { count: params.historyTurns }
    })
  }
  return chips
}
