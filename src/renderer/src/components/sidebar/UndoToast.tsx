import { useTranslation } from 'react-i18next'
import { DELETE_UNDO_MS } from '../../store'
import { useApp } from '../../store/StoreProvider'
import './UndoToast.css'

/** "Conversation deleted — Undo", while the delete waits (see the store's deleteConversation). */
export function UndoToast() {
  const { t } = useTranslation()
  const pending = useApp((s) => s.pendingDeletion)
  const undoDelete = useApp((s) => s.undoDelete)
  return (
    // The live region stays in the page, so screen readers announce the toast when it fills.
    <div className="toast-region" role="status">
      {pending ? (
        <div className="toast" key={pending.conversation.id}>
          <div className="toast-text">
            <p>{t('toast.deleted')}</p>
            <p className="toast-detail" title={pending.conversation.title}>
              {pending.conversation.title.trim() || t('sidebar.untitled')}
            </p>
          </div>
          <button type="button" className="button toast-action" onClick={undoDelete}>
            {t('toast.undo')}
          </button>
          <span
            className="toast-timer"
            aria-hidden="true"
            style={{ animationDuration: `${DELETE_UNDO_MS}ms` }}
          />
        </div>
      ) : null}
    </div>
  )
}
