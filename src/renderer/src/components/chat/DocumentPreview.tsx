import { useEffect, useId, useRef } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import './ImagePreview.css'

/**
 * A document's extracted text (what the model is sent), read from main: a PDF page by page with
 * its page numbers, other files as one section. Esc, Close or a click beside it closes.
 */
export function DocumentPreview({
  attachment,
  onClose
}: {
  attachment: Pick<Attachment, 'sha256' | 'name' | 'pages'>
  onClose: () => void
}) {
  const { t } = useTranslation()
  const titleId = useId()
  const closeRef = useRef<HTMLButtonElement>(null)
  const preview = useApp((s) => s.documentPreviews[attachment.sha256])
  const load = useApp((s) => s.loadDocumentPreview)

  useEffect(() => {
    void load(attachment.sha256)
  }, [load, attachment.sha256])

  // Into the body, like the image preview (the message list moves its rows with transforms).
  return createPortal(
    <Dialog
      labelledBy={titleId}
      onClose={onClose}
      initialFocus={closeRef}
      className="modal image-preview document-preview"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          onClose()
        }
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{t('documentPreview.title', { name: attachment.name })}</h2>
        {preview && preview !== 'loading' && preview.pages !== null ? (
          <p className="field-hint">{t('documentPreview.pages', { count: preview.pages })}</p>
        ) : null}
        {attachment.pages ? (
          <p className="field-hint">{t('documentPreview.sent', { pages: attachment.pages })}</p>
        ) : null}
      </header>
      <div className="modal-body image-preview-body">
        {preview === undefined || preview === 'loading' ? (
          <p className="field-hint" role="status">
            {t('documentPreview.loading')}
          </p>
        ) : preview === null ? (
          <p className="field-hint">{t('documentPreview.missing')}</p>
        ) : (
          preview.sections.map((section) => (
            <section
              key={section.page ?? 0}
              className="image-preview-text"
              data-testid="document-section"
              aria-label={
                section.page === null
                  ? attachment.name
                  : t('documentPreview.page', { page: section.page })
              }
            >
              {section.page === null ? null : (
                <h3>{t('documentPreview.page', { page: section.page })}</h3>
              )}
              <pre className="image-preview-lines document-preview-text">{section.text}</pre>
            </section>
          ))
        )}
        <div className="message-editor-buttons">
          <button ref={closeRef} type="button" className="button" onClick={onClose}>
            {t('documentPreview.close')}
          </button>
        </div>
      </div>
    </Dialog>,
    document.body
  )
}
