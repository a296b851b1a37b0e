// Builds the `messages` of a request from history: each turn's text and stored attachments,
// measured, fitted to 64 MB and the model's flags, then loaded into data URLs.
import type { LeftOutAttachment } from '../../shared/types'
import type { ModelInfo } from '../../shared/models'
import {
  resolvePart,
  userContent,
  type ContentPart,
  type MessageContent,
  type ResolvedPart
} from './parts'
import {
  checkModelTakes,
  leftOutForModel,
  planContext,
  type PlanOptions,
  type PlannedTurn
} from './policy'
import type { AttachmentRecord } from './records'
import { accept, refuse, type AttachmentResult } from '../../shared/attachments/refusals'
import { estimateTextTokens } from '../../shared/tokenEstimate'
import type { AttachmentStore } from './store'
import { sendsImageAsText, type ImageTextOptions } from './imageText'
import type { DocumentTexts } from './documents/texts'

/** One stored turn of the conversation, oldest first; the last one is the message being sent. */
export interface HistoryTurn {
  messageId: number
  role: 'user' | 'assistant'
  text: string
  attachments: readonly AttachmentRecord[]
}

export interface RequestMessage {
  role: 'user' | 'assistant'
  content: MessageContent
}

export interface BuiltContext {
  messages: RequestMessage[]
  /** Earlier attachments not sent, oldest first, with the reason: show these to the user. */
  leftOut: LeftOutAttachment[]
  bodyBytes: number
}

/**
 * The request's messages for `turns`. The message being sent (the last turn) keeps all its
 * attachments or the whole send is refused (model cannot take them, or they alone exceed the
 * limit); earlier attachments are left out when the model cannot take them, their file is gone,
 * or the body would pass 64 MB (oldest first). A left-out attachment is replaced by a one-line
 * note in its message, so the model knows something was there. With `options.imageText`, images
 * the model cannot see go as their recognized text (an earlier one without text is left out).
 */
export async function buildRequestMessages(
  store: AttachmentStore,
  turns: readonly HistoryTurn[],
  model: ModelInfo,
  options: Omit<PlanOptions, 'alreadyLeftOut'> & {
    imageText?: ImageTextOptions
    documents?: DocumentTexts
  } = {}
): Promise<AttachmentResult<BuiltContext>> {
  const { imageText, documents, ...planOptions } = options
  // What the model is sent: an image going as its text is text to it.
  const takes = sendsImageAsText(model, imageText) ? { ...model, image: true } : model
  const current = turns.at(-1)
  const refusal = checkModelTakes(takes, current?.attachments.map((a) => a.kind) ?? [])
  if (refusal) return refusal

  const planned: PlannedTurn[] = turns.map((turn) => ({
    messageId: turn.messageId,
    role: turn.role,
    text: turn.text,
    attachments: turn.attachments.map((a) => ({
      messageId: turn.messageId,
      ordinal: a.ordinal,
      sha256: a.sha256,
      name: a.name,
      kind: a.kind,
      jsonBytes: 0
    }))
  }))
  const byModel = leftOutForModel(planned, takes)
  const leftOut = [...byModel.leftOut]

  // Measure what remains, newest first: those are the ones most likely to be kept.
  const resolved = new Map<string, ResolvedPart>()
  const records = new Map(
    turns.flatMap((t) => t.attachments.map((a) => [key(t.messageId, a.ordinal), a] as const))
  )
  const measured: PlannedTurn[] = []
  for (let i = byModel.turns.length - 1; i >= 0; i--) {
    const turn = byModel.turns[i]
    const attachments = []
    for (const attachment of turn.attachments) {
      const record = records.get(key(turn.messageId, attachment.ordinal))!
      const part = await resolvePart(store, record, model, imageText, documents)
      if (!part.ok) {
        if (i === byModel.turns.length - 1) return part
        const reason = part.error.code === 'image_no_text' ? 'model' : 'missing'
        leftOut.push({ ...attachment, reason })
        continue
      }
      resolved.set(key(turn.messageId, attachment.ordinal), part.value)
      attachments.push({ ...attachment, jsonBytes: part.value.jsonBytes })
    }
    measured.unshift({ ...turn, attachments })
  }

  const tooLong = await documentsTooLong(turns.at(-1), resolved, model)
  if (tooLong) return tooLong

  const plan = planContext(measured, { ...planOptions, alreadyLeftOut: leftOut })
  if (!plan.ok) return plan

  const omitted = new Set(plan.value.leftOut.map((a) => key(a.messageId, a.ordinal)))
  const messages: RequestMessage[] = []
  for (const turn of turns) {
    const parts: ContentPart[] = []
    for (const attachment of turn.attachments) {
      const id = key(turn.messageId, attachment.ordinal)
      if (omitted.has(id)) parts.push({ type: 'text', text: omissionNote(attachment) })
      else parts.push(await resolved.get(id)!.load())
    }
    messages.push({ role: turn.role, content: userContent(turn.text, parts) })
  }
  return accept({ messages, leftOut: plan.value.leftOut, bodyBytes: plan.value.bodyBytes })
}

const key = (messageId: number, ordinal: number): string => `${messageId}:${ordinal}`

/**
 * The message being sent is refused when its documents' text with its own text passes the
 * model's context (the composer's rough estimate): never a silent cut.
 */
async function documentsTooLong(
  current: HistoryTurn | undefined,
  resolved: ReadonlyMap<string, ResolvedPart>,
  model: ModelInfo
): Promise<AttachmentResult<never> | null> {
  if (!current || model.context <= 0) return null
  let tokens = estimateTextTokens(current.text)
  let documents = 0
  for (const attachment of current.attachments) {
    if (attachment.kind !== 'document') continue
    const part = await resolved.get(key(current.messageId, attachment.ordinal))?.load()
    if (part?.type === 'text') tokens += estimateTextTokens(part.text)
    documents++
  }
  if (documents === 0 || tokens <= model.context) return null
  return refuse(
    'document_too_long',
    `The attached files come to about ${tokens} tokens; ${model.id} takes ${model.context}. Remove a file or attach a shorter one.`,
    { tokens, limit: model.context, model: model.id }
  )
}

function omissionNote(attachment: AttachmentRecord): string {
  const kind = { image: 'Image', video: 'Video', document: 'File' }[attachment.kind]
  return `[${kind} “${attachment.name}” was attached here but is left out of this request.]`
}
