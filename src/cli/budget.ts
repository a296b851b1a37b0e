// `ask --file`: whether the files' text, with the question and the system prompt, fits the
// model's context (the same rough token estimate the composer shows). Nothing is sent when not.
import type { AppErrorInfo } from '../shared/errors'
import { modelDisplayName, type ModelInfo } from '../shared/models'
import { estimateTextTokens } from '../shared/tokenEstimate'

/** The refusal when the documents do not fit in `model`'s context; null when they do. */
export function documentBudgetRefusal(
  model: ModelInfo,
  documentTokens: readonly number[],
  question: string,
  systemPrompt = ''
): AppErrorInfo | null {
  if (documentTokens.length === 0 || model.context <= 0) return null
  const tokens =
    documentTokens.reduce((sum, n) => sum + n, 0) +
    estimateTextTokens(question) +
    estimateTextTokens(systemPrompt)
  if (tokens <= model.context) return null
  return {
    code: 'attachment_refused',
    reason: 'document_too_long',
    message: `The files and the question come to about ${tokens} tokens; ${modelDisplayName(model.id)} takes ${model.context}. Nothing was sent.`,
    params: { tokens, limit: model.context, model: model.id }
  }
}
