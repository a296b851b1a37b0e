// What a conversation's parameters do to a request: refused before anything is sent when the
// model does not take one, the history trimmed to the last turns, a system message first, and the
// body fields as the API names them (docs/api.md, "Request parameters").
import type { LeftOutAttachment } from '../../shared/types'
import type { AttachmentRefusal } from '../../shared/attachments/refusals'
import type { ModelInfo } from '../../shared/models'
import { paramIssues, requestFields, type ChatParams } from '../../shared/params'
import { systemPromptOf } from '../../shared/projects'
import { estimateTextTokens } from '../../shared/tokenEstimate'
import { buildRequestMessages, type HistoryTurn } from '../attachments/context'
import { listConversationAttachments, type NewAttachment } from '../attachments/records'
import { AppError } from '../errors'
import type { HistoryDatabase } from '../db/database'
import * as messages from '../history/messages'
import { NO_PROJECT, type ProjectContext } from '../projects/projects'
import type { RequestSources } from './attachments'
import type { ChatMessageParam } from './client'

/** A request's messages, extra body fields and size. */
export interface RequestContext {
  messages: ChatMessageParam[]
  fields: Record<string, unknown>
  bodyBytes: number
}

/** The id a turn not yet saved stands under in a request (no saved message has it). */
export const PENDING_MESSAGE_ID = Number.MAX_SAFE_INTEGER

/**
 * A user turn not saved yet (a question being sent or edited, Continue's follow-up): it goes into
 * the request under PENDING_MESSAGE_ID, its attachments in the order given.
 */
export function pendingTurn(text: string, attachments: readonly NewAttachment[] = []): HistoryTurn {
  return {
    messageId: PENDING_MESSAGE_ID,
    role: 'user',
    text,
    attachments: attachments.map((attachment, ordinal) => ({
      ...attachment,
      messageId: PENDING_MESSAGE_ID,
      ordinal
    }))
  }
}

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
  // Stryker disable next-line ConditionalExpression: without a limit the loop below never returns early either
  if (historyTurns === undefined) return turns
  let questions = 0
  // The last turn is the question being answered; count the earlier questions from the end.
  // Stryker disable next-line EqualityOperator: a cut at index 0 is all the turns, as is the fall-through
  for (let i = turns.length - 2; i >= 0; i--) {
    if (turns[i].role !== 'user') continue
    questions++
    if (questions === historyTurns) return turns.slice(i)
  }
  return turns
}

/**
 * The system message's text: the project's instructions, the chat's own system prompt, then the
 * project's files, each as its `<file>` part, blank lines between; undefined when all are empty.
 * It is one string, not an array of parts: every OpenAI-compatible server takes a string there.
 */
export function systemContentOf(project: ProjectContext, params: ChatParams): string | undefined {
  const prompt = systemPromptOf(project.instructions, params.systemPrompt)
  const parts = [...(prompt === undefined ? [] : [prompt]), ...project.files]
  return parts.length === 0 ? undefined : parts.join('\n\n')
}

/**
 * The request's messages with the system message, when there is one, first: the project's
 * instructions, then the chat's own system prompt, then the project's files.
 */
export function withSystemPrompt(
  messages: ChatMessageParam[],
  params: ChatParams,
  project: ProjectContext = NO_PROJECT
): ChatMessageParam[] {
  const system = systemContentOf(project, params)
  return system === undefined ? messages : [{ role: 'system', content: system }, ...messages]
}

/**
 * The conversation's turns, in order, as context for a reply: the path from the root to
 * `through` (by default the current leaf, the conversation shown). Failed and empty replies are
 * left out; reasoning is never sent back (docs/api.md).
 */
export function conversationTurns(
  db: HistoryDatabase,
  conversationId: number,
  through: number | null = messages.currentLeaf(db, conversationId)
): HistoryTurn[] {
  const attachments = listConversationAttachments(db, conversationId)
  return messages
    .pathTo(db, through)
    .filter((message) => message.role === 'user' || (message.status !== 'error' && message.content))
    .map((message) => ({
      messageId: message.id,
      role: message.role,
      text: message.content,
      attachments: attachments.get(message.id) ?? []
    }))
}

/**
 * The request: parameters the model refuses throw (nothing is sent), the last turns the
 * parameters ask for, attachments fitted to the model and the 64 MB limit, the system message
 * (the project's instructions, the chat's own system prompt, the project's files) first. The
 * project's files with the message being sent must fit the model's context, or nothing is sent.
 */
export async function buildChatRequest(
  sources: RequestSources,
  turns: HistoryTurn[],
  modelId: string,
  params: ChatParams,
  project: ProjectContext = NO_PROJECT
): Promise<RequestContext & { leftOut: LeftOutAttachment[] }> {
  const model = sources.modelFor(modelId)
  checkParams(params, model)
  checkProjectFilesFit(project, turns.at(-1)?.text ?? '', model)
  const built = await buildRequestMessages(
    sources.store,
    lastTurns(turns, params.historyTurns),
    model,
    { imageText: sources.imageText, documents: sources.documents }
  )
  if (!built.ok) throw refusalError(built.error)
  return {
    messages: withSystemPrompt(built.value.messages, params, project),
    fields: requestFields(params),
    bodyBytes: built.value.bodyBytes + Buffer.byteLength(systemContentOf(project, params) ?? ''),
    leftOut: built.value.leftOut
  }
}

/** Refuses (document_too_long) a send whose project files with its text pass the context. */
function checkProjectFilesFit(project: ProjectContext, text: string, model: ModelInfo): void {
  if (project.files.length === 0 || model.context <= 0) return
  const tokens = project.fileTokens + estimateTextTokens(text)
  if (tokens <= model.context) return
  throw refusalError({
    code: 'document_too_long',
    message: `The project's files come to about ${tokens} tokens with this message; ${model.id} takes ${model.context}. Remove a file from the project or use a model with a longer context.`,
    params: { tokens, limit: model.context, model: model.id }
  })
}

function refusalError(refusal: AttachmentRefusal): AppError {
  return new AppError('attachment_refused', refusal.message, {
    reason: refusal.code,
    params: refusal.params
  })
}

/** The user turn that asks for the rest of a cut-off reply (Continue). */
export const CONTINUE_PROMPT = 'Continue exactly where you left off.'
