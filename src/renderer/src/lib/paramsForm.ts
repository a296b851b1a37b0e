// The parameters form's pure side: what a model is offered, the form's text fields to and from
// ChatParams (checked field by field with chatParamsSchema), and the header's chips.
import type { ModelInfo } from '../../../shared/models'
import {
  MAX_STOP_SEQUENCES,
  REASONING_EFFORTS,
  chatParamsSchema,
  paramIssues,
  type ChatParamName,
  type ChatParams,
  type ReasoningEffort,
  type ThinkingMode
} from '../../../shared/params'

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

/** A typed number, or NaN for text that is not one ('' is handled by the caller). */
function toNumber(text: string): number {
  const trimmed = text.trim()
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN
}

/**
 * Reads the form: the parameters to save (every '' left out), and the fields that are invalid.
 * Fields the model does not take are left out too. Nothing is to be saved while `errors` is not empty.
 */
export function readDraft(
  draft: ParamsDraft,
  model: ModelInfo | null
): { params: ChatParams; errors: Partial<Record<ChatParamName, ParamError>> } {
  const shape = chatParamsSchema.shape
  const params: ChatParams = {}
  const errors: Partial<Record<ChatParamName, ParamError>> = {}
  // Each field through its own schema, so each message lands next to its field.
  const take = <K extends ChatParamName>(name: K, value: unknown, error: ParamError): void => {
    const result = shape[name].safeParse(value)
    if (result.success) {
      // Stryker disable next-line ConditionalExpression: only typed (never undefined) values are read
      if (result.data !== undefined) params[name] = result.data as ChatParams[K]
    } else errors[name] = error
  }
  if (draft.systemPrompt.trim() !== '') take('systemPrompt', draft.systemPrompt, 'systemPrompt')
  if (draft.temperature.trim() !== '')
    take('temperature', toNumber(draft.temperature), 'temperature')
  if (draft.topP.trim() !== '') take('topP', toNumber(draft.topP), 'topP')
  if (draft.maxTokens.trim() !== '') take('maxTokens', toNumber(draft.maxTokens), 'maxTokens')
  if (draft.stop.length > 0) take('stop', draft.stop, 'stop')
  if (draft.historyTurns.trim() !== '')
    take('historyTurns', toNumber(draft.historyTurns), 'historyTurns')
  const offered = offeredFields(model, draft.thinking)
  if (offered.thinking && draft.thinking !== '') params.thinking = draft.thinking
  if (offered.reasoningEffort && draft.reasoningEffort !== '')
    params.reasoningEffort = draft.reasoningEffort
  // Stryker disable next-line ConditionalExpression: fields the model does not take are left out above, so its only issue is the rule below
  if (model !== null) {
    for (const issue of paramIssues(params, model)) errors[issue.field] ??= issue.code
  } else if (
    params.thinking === 'disabled' &&
    params.reasoningEffort &&
    params.reasoningEffort !== 'minimal'
  ) {
    errors.reasoningEffort = 'effort_needs_minimal_without_thinking'
  }
  return { params, errors }
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
