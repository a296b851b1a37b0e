import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'

/** "Move to project": the projects to choose from, and No project. */
export function MoveToProjectDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const conversation = useApp((s) => s.conversations.find((c) => c.id === s.movingConversationId))
  const projects = useApp((s) => s.projects)
  const close = useApp((s) => s.closeMoveDialog)
  const move = useApp((s) => s.moveConversation)
  if (!conversation) return null
  const choices = [
    ...projects.map((project) => ({ id: project.id as number | null, name: project.name })),
    { id: null, name: t('projects.noProject') }
  ]
  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      className="modal move-dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{t('projects.moveTitle', { title: conversation.title })}</h2>
        <IconButton label={t('settings.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body move-choices">
        {projects.length === 0 ? <p className="field-hint">{t('projects.none')}</p> : null}
        {choices.map((choice) => (
          <button
            key={choice.id ?? 'none'}
            type="button"
            className="button move-choice"
            aria-current={conversation.projectId === choice.id || undefined}
            onClick={() => void move(conversation.id, choice.id)}
          >
            {choice.name}
          </button>
        ))}
      </div>
    </Dialog>
  )
}
