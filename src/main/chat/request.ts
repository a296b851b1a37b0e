// What a conversation's parameters do to a request: refused before anything is sent when the
// model does not take one, the history trimmed to the last turns, a system message first, and the
// body fields as the API names them (docs/api.md, "Request").
import type { ModelInfo } from '../../shared/models'
import { paramIssues, type ChatParams } from '../../shared/params'
import type { HistoryTurn } from '../attachments/context'
import { AppError } from '../errors'
import type { ChatMessageParam } from './client'

const ISSUE_WORDS: Record<
  ReturnType<typeof paramIssues>[number]['code'],
  (model: string) => string
> = {
  thinking_not_supported: (model) => `${model} does not take the thinking switch.`,
  effort_not_supported: (model) => `${model} does not take a reasoning effort.`,
  effort_needs_minimal_without_thinking: () =>
    'With thinking off, the reasoning effort can only be minimal.'
}

/** Throws unsupported_param (with the field) when the model refuses one of the parameters. */
export function checkParams(params: ChatParams, model: ModelInfo): void {
  const issue = paramIssues(params, model)[0]
  if (!issue) return
  throw new AppError('unsupported_param', ISSUE_WORDS[issue.code](model.id), {
    reason: issue.code,
    params: { field: issue.field, model: model.id }
  })
}

/**
 * The turns that go with a request: the message being answered (the last turn) and, before it,
 * the last `historyTurns` questions with their answers; all of them when it is absent.
 */
export function lastTurns(turns: HistoryTurn[], historyTurns: number | undefined): HistoryTurn[] {
  if (historyTurns === undefined) return turns
  let questions = 0
  // The last turn is the question being answered; count the earlier questions from the end.
  for (let i = turns.length - 2; i >= 0; i--) {
    if (turns[i].role !== 'user') continue
    questions++
    if (questions === historyTurns) return turns.slice(i)
  }
  return turns
}

/** The request's messages with the system prompt, when there is one, first. */
export function withSystemPrompt(
  messages: ChatMessageParam[],
  params: ChatParams
): ChatMessageParam[] {
  return params.systemPrompt === undefined
    ? messages
    : [{ role: 'system', content: params.systemPrompt }, ...messages]
}
