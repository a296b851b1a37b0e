import { useId, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { selectActiveMessages } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'

/**
 * Asks before a message is deleted: a question goes with its replies and what followed, a reply
 * with what followed that version. Esc or Cancel keeps it.
 */
export function DeleteMessageDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const cancelRef = useRef<HTMLButtonElement>(null)
  const messageId = useApp((s) => s.deletingMessageId)
  const message = useApp((s) => selectActiveMessages(s).find((m) => m.id === s.deletingMessageId))
  const askToDelete = useApp((s) => s.askToDelete)
  const deleteMessage = useApp((s) => s.deleteMessage)
  if (messageId === null || !message) return null
  const question = message.role === 'user'
  const close = () => askToDelete(null)
  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      initialFocus={cancelRef}
      className="modal modal-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>
          {question ? t('actions.deleteQuestionTitle') : t('actions.deleteReplyTitle')}
        </h2>
      </header>
      <div className="modal-body">
        <p>{question ? t('actions.deleteQuestionBody') : t('actions.deleteReplyBody')}</p>
        <div className="message-editor-buttons">
          <button ref={cancelRef} type="button" className="button" onClick={close}>
            {t('actions.cancel')}
          </button>
          <button
            type="button"
            className="button button-danger"
            onClick={() => void deleteMessage(message.id)}
          >
            {t('actions.confirmDelete')}
          </button>
        </div>
      </div>
    </Dialog>
  )
}
