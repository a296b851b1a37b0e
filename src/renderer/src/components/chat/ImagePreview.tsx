import { useEffect, useId, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '../../../../shared/types'
import { copyText } from '../../lib/clipboard'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import './ImagePreview.css'

/** An attachment's original: its URL is the thumbnail's with the last segment `original`. */
const originalUrl = (attachment: Attachment) =>
  attachment.thumbnailUrl.replace(/\/thumb$/, '/original')

/**
 * A sent image, large, with the text recognized in it (offline, in main): selectable, and copied
 * whole with one button. Esc, Close or a click beside it closes.
 */
export function ImagePreview({
  attachment,
  onClose
}: {
  attachment: Attachment
  onClose: () => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const closeRef = useRef<HTMLButtonElement>(null)
  const text = useApp((s) => s.imageTexts[attachment.sha256])
  const loadImageText = useApp((s) => s.loadImageText)
  const [copied, setCopied] = useState<'copied' | 'copyFailed' | null>(null)

  useEffect(() => {
    void loadImageText(attachment.sha256)
  }, [loadImageText, attachment.sha256])

  const ready = text !== undefined && text !== 'loading' ? text : null
  // Into the body: the message list moves its rows with transforms, which would hold a fixed
  // backdrop inside the row.
  return createPortal(
    <Dialog
      labelledBy={titleId}
      onClose={onClose}
      initialFocus={closeRef}
      className="modal image-preview"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose()
        }
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{t('imageText.preview', { name: attachment.name })}</h2>
      </header>
      <div className="modal-body image-preview-body">
        <img
          className="image-preview-image"
          src={originalUrl(attachment)}
          alt={t('attachments.thumbnailOf', { name: attachment.name })}
        />
        <section className="image-preview-text" aria-labelledby={`${titleId}-text`}>
          <h3 id={`${titleId}-text`}>{t('imageText.textHeading')}</h3>
          {ready === null || ready.status === 'pending' ? (
            <p className="field-hint" role="status">
              {t('imageText.loading')}
            </p>
          ) : ready.status === 'failed' ? (
            <p className="field-hint">{t('imageText.failed')}</p>
          ) : ready.text === '' ? (
            <p className="field-hint">{t('imageText.empty')}</p>
          ) : (
            <pre className="image-preview-lines" data-testid="image-text">
              {ready.text}
            </pre>
          )}
        </section>
        <div className="message-editor-buttons">
          {ready?.status === 'done' && ready.text !== '' ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                void copyText(ready.text).then((ok) => setCopied(ok ? 'copied' : 'copyFailed'))
              }
            >
              {t('imageText.copy')}
            </button>
          ) : null}
          <span role="status" className="field-hint">
            {copied ? t(`imageText.${copied}`) : ''}
          </span>
          <button ref={closeRef} type="button" className="button" onClick={onClose}>
            {t('imageText.close')}
          </button>
        </div>
      </div>
    </Dialog>,
    document.body
  )
}
