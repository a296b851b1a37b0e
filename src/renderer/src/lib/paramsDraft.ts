// Reading the parameters form back: its text fields to ChatParams, checked field by field with
// chatParamsSchema (zod: loaded with the form, not with the first screen).
import type { ModelInfo } from '../../../shared/models'
import {
  chatParamsSchema,
  paramIssues,
  type ChatParamName,
  type ChatParams
} from '../../../shared/params'
import { offeredFields, type ParamError, type ParamsDraft } from './paramsForm'

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
