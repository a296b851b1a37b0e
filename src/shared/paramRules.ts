// The request parameters' values and the rules between them and a model, without zod: the first
// screen loads them (params.ts has the schema).
import type { ModelInfo } from './models'

export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number]
export const THINKING_MODES = ['enabled', 'disabled'] as const
export type ThinkingMode = (typeof THINKING_MODES)[number]

/** Most stop sequences the API takes. */
export const MAX_STOP_SEQUENCES = 4
/** Largest max_tokens we let a user type (the API's own ceiling for max_completion_tokens). */
export const MAX_MAX_TOKENS = 65_536

/** Why a parameter does not fit a model; the field it concerns. */
export interface ParamIssue {
  field: 'thinking' | 'reasoningEffort'
  code: 'effort_not_supported' | 'effort_needs_minimal_without_thinking' | 'thinking_not_supported'
}

/** What the model refuses of these parameters (nothing is sent when this is not empty). */
export function paramIssues(
  params: { thinking?: ThinkingMode; reasoningEffort?: ReasoningEffort },
  model: ModelInfo
): ParamIssue[] {
  const issues: ParamIssue[] = []
  if (params.thinking !== undefined && !model.thinking)
    issues.push({ field: 'thinking', code: 'thinking_not_supported' })
  if (params.reasoningEffort !== undefined) {
    if (!model.reasoningEffort)
      issues.push({ field: 'reasoningEffort', code: 'effort_not_supported' })
    else if (params.thinking === 'disabled' && params.reasoningEffort !== 'minimal') {
      issues.push({ field: 'reasoningEffort', code: 'effort_needs_minimal_without_thinking' })
    }
  }
  return issues
}
