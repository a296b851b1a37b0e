import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  chosenPagesTokens,
  formatPageRanges,
  parsePageRanges
} from '../../../../shared/attachments/documentPages'
import { modelDisplayName } from '../../../../shared/models'
import { pagesOffers, type PagesOffer as Offer } from '../../lib/pagesOffer'
import { formatNumber } from '../../lib/numberFormat'
import { selectTray } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { useCurrentModelInfo } from './useCurrentModelInfo'
import './AttachmentAlerts.css'

/**
 * Above the composer, when its files do not fit the model: for each PDF, send only its first N
 * pages (N computed to fit) or the pages typed (`1-5, 9`). Nothing is cut unless chosen here.
 */
export function PagesOffers({ draftText }: { draftText: string }) {
  const tray = useApp(selectTray)
  const { info } = useCurrentModelInfo()
  const result = pagesOffers(tray.drafts, draftText, info.context)
  if (!result || result.offers.length === 0) return null
  return (
    <div className="tray-alerts">
      {result.offers.map((offer) => (
        <OfferItem
          key={offer.draft.sha256}
          offer={offer}
          tokens={result.tokens}
          limit={info.context}
          model={modelDisplayName(info.id)}
        />
      ))}
    </div>
  )
}

function OfferItem({
  offer,
  tokens,
  limit,
  model
}: {
  offer: Offer
  tokens: number
  limit: number
  model: string
}) {
  const { t, i18n } = useTranslation()
  const id = useId()
  const setDraftPages = useApp((s) => s.setDraftPages)
  const [typed, setTyped] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const { draft, total, firstFit } = offer
  const format = (value: number) => formatNumber(value, i18n.language)

  function applyTyped(): void {
    const chosen = parsePageRanges(typed, total)
    if (!chosen) {
      setProblem(t('attachments.pagesOffer.invalid', { total }))
      return
    }
    const cost = chosenPagesTokens(draft.name, total, offer.pageTokens, chosen)
    if (cost > offer.budget) {
      setProblem(
        t('attachments.pagesOffer.stillTooLong', {
          pages: formatPageRanges(chosen),
          tokens: format(cost),
          budget: format(Math.max(0, offer.budget))
        })
      )
      return
    }
    setProblem(null)
    setTyped('')
    setDraftPages(draft.sha256, chosen)
  }

  return (
    <section className="tray-alert tray-alert-warning pages-offer" aria-labelledby={`${id}-text`}>
      <div className="tray-alert-text">
        <p id={`${id}-text`}>
          {t('attachments.pagesOffer.tooLong', {
            name: draft.name,
            tokens: format(tokens),
            model,
            limit: format(limit),
            total
          })}
        </p>
        {firstFit === 0 ? <p>{t('attachments.pagesOffer.noneFit')}</p> : null}
        <div className="pages-offer-row">
          <label htmlFor={id}>
            {t('attachments.pagesOffer.chosenLabel', { name: draft.name })}
          </label>
          <input
            id={id}
            className="pages-offer-input"
            value={typed}
            placeholder={t('attachments.pagesOffer.placeholder')}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={(event) => {
              // Inside the composer's form: Enter chooses the pages, never sends.
              if (event.key === 'Enter') {
                event.preventDefault()
                applyTyped()
              }
            }}
          />
          <button type="button" className="button" onClick={applyTyped}>
            {t('attachments.pagesOffer.apply')}
          </button>
        </div>
        {problem ? (
          <p id={`${id}-problem`} role="alert" className="tray-alert-detail">
            {problem}
          </p>
        ) : null}
      </div>
      {firstFit > 0 ? (
        <div className="tray-alert-actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              setDraftPages(
                draft.sha256,
                Array.from({ length: firstFit }, (_, i) => i + 1)
              )
            }
          >
            {t('attachments.pagesOffer.firstPages', { count: firstFit })}
          </button>
        </div>
      ) : null}
    </section>
  )
}
