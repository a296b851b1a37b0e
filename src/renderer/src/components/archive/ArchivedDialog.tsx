import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormatDate } from '../../lib/date'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import './Archive.css'

/** The Archived view: every archived chat, most recently archived first, with Open and Unarchive. */
export function ArchivedDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const archived = useApp((s) => s.archived)
  const close = useApp((s) => s.closeArchived)
  const openConversation = useApp((s) => s.openConversation)
  const setArchived = useApp((s) => s.setConversationArchived)
  const formatDate = useFormatDate()
  // The row goes with its button: focus stays in the view, on its close button.
  async function unarchive(id: number): Promise<void> {
    await setArchived(id, false)
    const active = document.activeElement
    if (!active || active === document.body)
      document.querySelector<HTMLElement>('.archived-dialog .modal-header button')?.focus()
  }
  return (
    // Esc is handled by the app's window shortcuts.
    <Dialog labelledBy={titleId} onClose={close} className="modal archived-dialog">
      <header className="modal-header">
        <h2 id={titleId}>{t('archive.title')}</h2>
        <IconButton label={t('archive.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body">
        <p className="field-hint">{t('archive.hint')}</p>
        {archived === null ? (
          <p role="status">{t('archive.loading')}</p>
        ) : archived.length === 0 ? (
          <p className="archived-empty">{t('archive.empty')}</p>
        ) : (
          <ul className="archived-list" aria-label={t('archive.title')}>
            {archived.map((conversation) => {
              const title = conversation.title.trim() || t('sidebar.untitled')
              return (
                <li key={conversation.id} className="archived-item">
                  <span className="archived-item-title" title={title}>
                    {title}
                  </span>
                  <time
                    className="archived-item-date"
                    dateTime={new Date(conversation.updatedAt).toISOString()}
                  >
                    {formatDate(conversation.updatedAt)}
                  </time>
                  <button
                    type="button"
                    className="button button-quiet"
                    aria-label={t('archive.openNamed', { title })}
                    onClick={() => {
                      close()
                      void openConversation(conversation.id)
                    }}
                  >
                    {t('archive.open')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    aria-label={t('archive.unarchiveNamed', { title })}
                    onClick={() => void unarchive(conversation.id)}
                  >
                    {t('conversation.unarchive')}
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </div>
    </Dialog>
  )
}
