import { describe, expect, it } from 'vitest'
import { chosenPagesTokens } from '../../../src/shared/attachments/documentPages'
import { estimateAttachmentTokens } from '../../../src/renderer/src/lib/promptEstimate'
import { pagesOffers } from '../../../src/renderer/src/lib/pagesOffer'
import { estimateTextTokens } from '../../../src/shared/tokenEstimate'
import { makeDraft } from './fake-api'

// Ten pages of 1,000 tokens each; the whole part as main measured it.
const pdf = makeDraft({
  sha256: 'a'.repeat(64),
  kind: 'document',
  name: 'report.pdf',
  document: { pages: 10, tokens: 10_010, pageTokens: Array(10).fill(1000) }
})
const notes = makeDraft({
  sha256: 'b'.repeat(64),
  kind: 'document',
  name: 'notes.md',
  document: { pages: null, tokens: 2000 }
})

describe('pagesOffers', () => {
  it('offers nothing while the files and text fit', () => {
    expect(pagesOffers([pdf, notes], 'hi', 20_000)).toBeNull()
    expect(pagesOffers([pdf], 'hi', 0)).toBeNull()
  })

  it('offers each PDF the first pages that fit beside the rest', () => {
    const text = 'Summarise these.'
    const result = pagesOffers([pdf, notes], text, 7000)!
    expect(result.tokens).toBe(10_010 + 2000 + estimateTextTokens(text))
    // Only the PDF has pages to choose.
    expect(result.offers.map((offer) => offer.draft.name)).toEqual(['report.pdf'])
    const [offer] = result.offers
    expect(offer.budget).toBe(7000 - 2000 - estimateTextTokens(text))
    // Five pages and their frame pass the 4,996 tokens left; four fit.
    expect(offer.firstFit).toBe(4)
    const four = chosenPagesTokens('report.pdf', 10, offer.pageTokens, [1, 2, 3, 4])
    expect(four).toBeLessThanOrEqual(offer.budget)
    expect(chosenPagesTokens('report.pdf', 10, offer.pageTokens, [1, 2, 3, 4, 5])).toBeGreaterThan(
      offer.budget
    )
  })

  it('counts a PDF sent in part by its chosen pages, so the offer goes once they fit', () => {
    const chosen = { ...pdf, chosenPages: [1, 2, 3, 4] }
    expect(estimateAttachmentTokens(chosen)).toBe(
      4000 + estimateTextTokens('<file name="report.pdf" pages="1-4 of 10">\n\n</file>')
    )
    expect(pagesOffers([chosen, notes], 'Summarise these.', 7000)).toBeNull()
  })

  it('says when not even the first page fits', () => {
    expect(pagesOffers([pdf, notes], '', 2500)!.offers[0].firstFit).toBe(0)
  })
})
