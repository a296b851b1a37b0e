// A rough size of the next request, in tokens, before it is sent (the server's count comes only
// with the reply's usage). The rules, kept simple on purpose:
// - text: one token per CJK character (Han, kana, Hangul, CJK punctuation), plus one per four
//   other characters, rounded up (shared/tokenEstimate.ts: main counts a stopped reply so too);
// - an image: its text's tokens when it goes as its text, else one token per 28 × 28 pixels, counting at most 4 MP (the model scales larger ones
//   down), 1,000 when its size is unknown;
// - a document: its text part's tokens as main measured them at attach time (a PDF sent in
//   part: its chosen pages' and the part's frame); in the history, a quarter of its size in bytes;
// - a video: 256 tokens per frame it is sampled at (duration × fps, at least 16 frames);
// - the history is what the conversation's historyTurns lets through, of the messages loaded;
// - a chat in a project: its instructions and its files' tokens as main measured them, in the
//   system message with the chat's own system prompt.
import type { Attachment, AttachmentDraft, Message } from '../../../shared/types'
import type { ChatParams } from '../../../shared/params'
import { systemPromptOf, type Project } from '../../../shared/projects'
import { estimateTextTokens } from '../../../shared/tokenEstimate'
import { chosenPagesTokens } from '../../../shared/attachments/documentPages'

const IMAGE_PATCH_PIXELS = 28 * 28
const IMAGE_MAX_PIXELS = 4_000_000
const IMAGE_UNKNOWN_TOKENS = 1_000
const VIDEO_FRAME_TOKENS = 256
const VIDEO_MIN_FRAMES = 16
/** Each message's role and framing in the request. */
const MESSAGE_OVERHEAD_TOKENS = 4

/** Estimated tokens of an attachment sent with a message. */
export function estimateAttachmentTokens(attachment: Attachment | AttachmentDraft): number {
  if (attachment.kind === 'document') {
    if (!('document' in attachment) || !attachment.document) return Math.ceil(attachment.bytes / 4)
    const { pages, pageTokens, tokens } = attachment.document
    // A PDF sent in part: the chosen pages' estimates and the part's frame.
    return attachment.chosenPages && pages !== null && pageTokens
      ? chosenPagesTokens(attachment.name, pages, pageTokens, attachment.chosenPages)
      : tokens
  }
  if (attachment.kind === 'image') {
    // Going as its text (a model that cannot see it): the text's tokens, with its heading.
    if ('imageText' in attachment && attachment.imageText !== undefined)
      return estimateTextTokens(`[Text in image “${attachment.name}”]\n${attachment.imageText}`)
    if (!attachment.width || !attachment.height) return IMAGE_UNKNOWN_TOKENS
    return Math.ceil(
      Math.min(attachment.width * attachment.height, IMAGE_MAX_PIXELS) / IMAGE_PATCH_PIXELS
    )
  }
  const sampled = 'frames' in attachment && attachment.frames ? attachment.frames.frames : null
  const frames =
    sampled ??
    Math.max(VIDEO_MIN_FRAMES, Math.ceil((attachment.durationSeconds ?? 0) * (attachment.fps ?? 1)))
  return frames * VIDEO_FRAME_TOKENS
}

/** The messages a request sends as history: all, or those of the last `turns` questions. */
export function historySent(
  messages: readonly Message[],
  turns: number | undefined
): readonly Message[] {
  const sendable = messages.filter(
    (m) => m.role === 'user' || (m.status !== 'streaming' && m.content !== '')
  )
  if (turns === undefined) return sendable
  let questions = 0
  for (let i = sendable.length - 1; i >= 0; i--) {
    if (sendable[i].role === 'user' && ++questions === turns) return sendable.slice(i)
  }
  return sendable
}

function messageTokens(message: {
  content: string
  attachments?: readonly (Attachment | AttachmentDraft)[]
}): number {
  return (
    MESSAGE_OVERHEAD_TOKENS +
    estimateTextTokens(message.content) +
    (message.attachments ?? []).reduce((sum, a) => sum + estimateAttachmentTokens(a), 0)
  )
}

// A message of the history is an object that never changes (an edit or a streamed delta makes a
// new one): its count is kept, so the meter does not count thousands of messages again for every
// frame of a streaming reply.
const counted = new WeakMap<Message, number>()

function historyTokens(message: Message): number {
  let tokens = counted.get(message)
  if (tokens === undefined) {
    tokens = messageTokens(message)
    counted.set(message, tokens)
  }
  return tokens
}

/** Estimated tokens of a project's files, as its chats send them. */
export function projectFileTokens(project: Pick<Project, 'files'> | null | undefined): number {
  return (project?.files ?? []).reduce((sum, file) => sum + file.tokens, 0)
}

/**
 * Estimated tokens of the next request: the system message (the project's instructions and
 * files, the chat's system prompt), the history sent, the draft and its files.
 */
export function estimatePromptTokens({
  messages,
  params,
  draftText,
  drafts,
  project
}: {
  messages: readonly Message[]
  params: ChatParams
  draftText: string
  drafts: readonly AttachmentDraft[]
  project?: Pick<Project, 'instructions' | 'files'> | null
}): number {
  const prompt = systemPromptOf(project?.instructions ?? '', params.systemPrompt)
  const files = projectFileTokens(project)
  const system =
    prompt !== undefined || files > 0
      ? MESSAGE_OVERHEAD_TOKENS + estimateTextTokens(prompt ?? '') + files
      : 0
  const history = historySent(messages, params.historyTurns).reduce(
    (sum, m) => sum + historyTokens(m),
    0
  )
  return system + history + messageTokens({ content: draftText, attachments: drafts })
}

/** How full the context is: hidden below half, a note from half, a warning past 90%. */
export function contextLevel(tokens: number, context: number): 'quiet' | 'note' | 'warning' {
  if (context <= 0) return 'quiet'
  const share = tokens / context
  return share > 0.9 ? 'warning' : share >= 0.5 ? 'note' : 'quiet'
}

/**
 * The most recent turns whose history fits in `share` of the context (at least 1): what to offer
 * when a request was too long.
 */
export function turnsThatFit(
  messages: readonly Message[],
  params: ChatParams,
  context: number,
  share = 0.8
): number {
  const budget =
    context * share - (params.systemPrompt ? estimateTextTokens(params.systemPrompt) : 0)
  let used = 0
  let turns = 0
  for (let i = messages.length - 1; i >= 0; i--) {
    used += messageTokens(messages[i])
    if (used > budget) break
    if (messages[i].role === 'user') turns++
  }
  return Math.max(1, turns)
}
