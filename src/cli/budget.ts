// `ask --file`: whether the files' text, with the question and the system prompt, fits the
// model's context (the same rough token estimate the composer shows). Nothing is sent when not.
import type { AppErrorInfo } from '../shared/errors'
import { modelDisplayName, type ModelInfo } from '../shared/models'
import { estimateTextTokens } from '../shared/tokenEstimate'
import type { AttachmentDraft } from '../shared/types'
import {
  chosenPagesTokens,
  formatPageRanges,
  parsePageRanges
} from '../shared/attachments/documentPages'

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

/**
 * What an attached file costs, and the pages it sends: with --pages, only those of a PDF (other
 * files go whole). tokens null: not a document; an error when the PDF does not have the pages.
 */
export function documentPart(
  draft: AttachmentDraft,
  pages: string | undefined
): { tokens: number | null; pages?: string } | { error: AppErrorInfo } {
  const document = draft.document
  if (!document) return { tokens: null }
  if (pages === undefined || document.pages === null || !document.pageTokens) {
    return { tokens: document.tokens }
  }
  const chosen = parsePageRanges(pages, document.pages)
  if (!chosen) {
    const message = `--pages ${pages}: not pages of ${draft.name} (${document.pages} pages).`
    return { error: { code: 'invalid_input', message } }
  }
  return {
    tokens: chosenPagesTokens(draft.name, document.pages, document.pageTokens, chosen),
    pages: formatPageRanges(chosen)
  }
}
