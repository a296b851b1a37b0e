// What goes into one request: the 64 MB body limit and the model's image/video flags.
// Pure: sizes in, decisions out.
import type { LeftOutAttachment } from '../../shared/types'
import type { ModelInfo } from '../../shared/models'
import { MAX_REQUEST_BYTES, modelsThatTake } from '../../shared/attachments/limits'
import { accept, megabytes, refuse, type AttachmentResult } from '../../shared/attachments/refusals'

export interface PlannedAttachment {
  messageId: number
  ordinal: number
  sha256: string
  name: string
  kind: 'image' | 'video' | 'document'
  /** Length of its part in the JSON body (see `partJSONBytes`). */
  jsonBytes: number
}

export interface PlannedTurn {
  messageId: number
  role: 'user' | 'assistant'
  text: string
  attachments: readonly PlannedAttachment[]
}

export interface ContextPlan {
  /** The turns as they will be sent: same order, without the left-out attachments. */
  turns: PlannedTurn[]
  /** Oldest first; show these to the user. */
  leftOut: LeftOutAttachment[]
  /** Estimated body size (an upper bound within a few bytes per part). */
  bodyBytes: number
}

export interface PlanOptions {
  maxBodyBytes?: number
  /**
   * Bytes of the body outside `messages` (model, stream options, a system message ...).
   * Default 4 kB; pass `Buffer.byteLength(JSON.stringify({ ...body, messages: [] }))` to be exact.
   */
  otherBodyBytes?: number
  /** Attachments already left out for other reasons (model, missing), reported with the rest. */
  alreadyLeftOut?: readonly LeftOutAttachment[]
}

/**
 * Keeps the request within the body limit by leaving out earlier turns' attachments, oldest
 * first. The last turn is the message being sent: its attachments are never dropped; if they
 * alone do not fit, the send is refused. Texts are never dropped here.
 */
export function planContext(
  turns: readonly PlannedTurn[],
  options: PlanOptions = {}
): AttachmentResult<ContextPlan> {
  const maxBodyBytes = options.maxBodyBytes ?? MAX_REQUEST_BYTES
  const other = options.otherBodyBytes ?? 4096
  const current = turns.at(-1)
  const kept = turns.map((turn) => ({ ...turn, attachments: [...turn.attachments] }))
  const leftOut: LeftOutAttachment[] = [...(options.alreadyLeftOut ?? [])]

  let total = other + kept.reduce((sum, turn) => sum + turnBytes(turn) + 1, 0)
  for (const turn of kept.slice(0, -1)) {
    while (total > maxBodyBytes && turn.attachments.length > 0) {
      const dropped = turn.attachments.shift()!
      total -= dropped.jsonBytes + 1
      leftOut.push({ ...describe(dropped), reason: 'request_size' })
    }
  }
  total = other + kept.reduce((sum, turn) => sum + turnBytes(turn) + 1, 0)
  if (total > maxBodyBytes) {
    const own = current ? current.attachments.reduce((sum, a) => sum + a.jsonBytes, 0) : 0
    return refuse(
      'request_too_large',
      `This message's attachments come to ${megabytes(own)} encoded, and the request would be ${megabytes(total)}; a request takes at most ${megabytes(maxBodyBytes)}. Remove an attachment or send it in a message of its own.`,
      { bytes: total, attachmentBytes: own, limit: maxBodyBytes }
    )
  }
  leftOut.sort((a, b) => a.messageId - b.messageId || a.ordinal - b.ordinal)
  return accept({ turns: kept, leftOut, bodyBytes: total })
}

/**
 * The message being sent may carry only what the model takes: refused (naming models that do)
 * rather than sent without its attachments. Null when it may be sent.
 */
export function checkModelTakes(
  model: ModelInfo,
  kinds: Iterable<'image' | 'video' | 'document'>
): AttachmentResult<never> | null {
  for (const kind of new Set(kinds)) {
    // Documents go as text: every model takes them.
    if (kind === 'document' || model[kind]) continue
    const models = modelsThatTake(kind)
    return refuse(
      kind === 'image' ? 'model_no_image' : 'model_no_video',
      `${model.id} does not take ${kind}s; this message has one. Switch to a model that does: ${models.join(', ')}.`,
      { model: model.id, models: models.join(', ') }
    )
  }
  return null
}

/** Attachments of earlier turns that `model` cannot take: left out, and reported as such. */
export function leftOutForModel(
  turns: readonly PlannedTurn[],
  model: ModelInfo
): { turns: PlannedTurn[]; leftOut: LeftOutAttachment[] } {
  const leftOut: LeftOutAttachment[] = []
  const kept = turns.map((turn) => ({
    ...turn,
    attachments: turn.attachments.filter((a) => {
      if (a.kind === 'document' || model[a.kind]) return true
      leftOut.push({ ...describe(a), reason: 'model' })
      return false
    })
  }))
  return { turns: kept, leftOut }
}

function describe(a: PlannedAttachment): Omit<LeftOutAttachment, 'reason'> {
  return {
    messageId: a.messageId,
    ordinal: a.ordinal,
    sha256: a.sha256,
    name: a.name,
    kind: a.kind
  }
}

/** A turn's length in the body: `{"role":…,"content":…}` with its parts (a byte over per part). */
function turnBytes(turn: PlannedTurn): number {
  if (turn.attachments.length === 0) {
    return Buffer.byteLength(JSON.stringify({ role: turn.role, content: turn.text }))
  }
  const shell = JSON.stringify({ role: turn.role, content: [{ type: 'text', text: turn.text }] })
  return Buffer.byteLength(shell) + turn.attachments.reduce((sum, a) => sum + a.jsonBytes + 1, 0)
}
