import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import './ImageAsText.css'

/**
 * "Sent as its text": an image going to a model that cannot see it, which gets the text read in
 * it instead. The text, when known, opens under the label (selectable, keyboard through
 * <details>); otherwise it is read when the message is sent.
 */
export function ImageAsText({
  model,
  text,
  overlay = false
}: {
  model: string
  text?: string
  overlay?: boolean
}) {
  const { t } = useTranslation()
  const why = t('attachments.asTextTitle', { model: modelDisplayName(model) })
  const className = overlay ? 'as-text-badge as-text-overlay' : 'as-text-badge'
  if (text === undefined) {
    // In the tray, attached for a model that sees: read when sent. In a sent message: it was.
    const more = overlay ? why : `${why} ${t('attachments.asTextPending')}`
    return (
      <span className={className} title={more}>
        {t('attachments.asText')}
        <span className="visually-hidden">: {more}</span>
      </span>
    )
  }
  return (
    <details className="as-text">
      <summary className={className} title={why}>
        {t('attachments.asText')}
      </summary>
      <p className="as-text-why">{why}</p>
      <pre className="as-text-body">{text}</pre>
    </details>
  )
}
