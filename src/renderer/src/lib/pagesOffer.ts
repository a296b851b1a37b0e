// When a message's files do not fit the model's context (main's rule: the message's text and its
// documents' text parts against the context, shared/tokenEstimate.ts), which PDFs could go in
// part, and how many of their first pages fit beside the rest. Never a silent cut: the composer
// offers these, the user chooses.
import { firstPagesThatFit } from '../../../shared/attachments/documentPages'
import { estimateTextTokens } from '../../../shared/tokenEstimate'
import type { AttachmentDraft } from '../../../shared/types'
import { estimateAttachmentTokens } from './promptEstimate'

export interface PagesOffer {
  draft: AttachmentDraft
  /** Its page count. */
  total: number
  pageTokens: readonly number[]
  /** The tokens its part may take with everything else as it is. */
  budget: number
  /** How many of its first pages fit in `budget` (0: not even the first). */
  firstFit: number
}

/** The files' and text's tokens against `context`, and the offers; null when they fit. */
export function pagesOffers(
  drafts: readonly AttachmentDraft[],
  draftText: string,
  context: number
): { tokens: number; offers: PagesOffer[] } | null {
  const documents = drafts.filter((draft) => draft.kind === 'document')
  if (context <= 0 || documents.length === 0) return null
  const tokens = documents.reduce(
    (sum, draft) => sum + estimateAttachmentTokens(draft),
    estimateTextTokens(draftText)
  )
  if (tokens <= context) return null
  const offers: PagesOffer[] = []
  for (const draft of documents) {
    const total = draft.document?.pages ?? null
    const pageTokens = draft.document?.pageTokens
    if (total === null || !pageTokens || pageTokens.length !== total) continue
    const budget = context - (tokens - estimateAttachmentTokens(draft))
    offers.push({
      draft,
      total,
      pageTokens,
      budget,
      firstFit: firstPagesThatFit(draft.name, pageTokens, budget)
    })
  }
  return { tokens, offers }
}
