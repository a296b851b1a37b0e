import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import { MAX_PROJECT_NAME } from '../../../../shared/projects'
import { selectModels } from '../../store'
import { useApp, useAppStore } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import { TextField } from '../../ui/TextField'
import { ParamsForm } from '../params/ParamsForm'
import { ProjectFiles } from './ProjectFiles'
import '../params/ParamsPanel.css'
import './Projects.css'

/**
 * A project's editor (or a new project's): its name, its instructions (sent before every chat's own
 * system prompt), its files (sent after them), the model and parameters a new chat in it starts
 * with; Delete, keeping its chats (moved out) or with them.
 */
export function ProjectDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const instructionsId = useId()
  const modelId = useId()
  const editing = useApp((s) => s.editingProject)
  const project = useApp((s) => s.projects.find((p) => p.id === s.editingProject))
  const models = useApp(selectModels)
  const close = useApp((s) => s.closeProjectEditor)
  const save = useApp((s) => s.saveProject)
  const remove = useApp((s) => s.deleteProject)
  const moveProject = useApp((s) => s.moveProject)
  const place = useApp((s) => s.projects.findIndex((p) => p.id === s.editingProject))
  const count = useApp((s) => s.projects.length)
  const [name, setName] = useState(project?.name ?? '')
  const [instructions, setInstructions] = useState(project?.instructions ?? '')
  const [defaultModel, setDefaultModel] = useState(project?.defaultModel ?? '')
  const [nameError, setNameError] = useState(false)
  const [confirmDelete, setConfirmDelete] = useState(false)
  const store = useAppStore()
  const upRef = useRef<HTMLButtonElement>(null)
  const downRef = useRef<HTMLButtonElement>(null)
  // At the top or the bottom the button pressed turns disabled: the focus goes to the other one,
  // so that it stays in the dialog (and Esc still closes it).
  const move = async (by: -1 | 1) => {
    if (!project) return
    await moveProject(project.id, by)
    const projects = store.getState().projects
    const at = projects.findIndex((p) => p.id === project.id)
    if (by === -1 && at <= 0) downRef.current?.focus()
    if (by === 1 && at >= projects.length - 1) upRef.current?.focus()
  }
  if (editing === null) return null

  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      className="modal params-panel project-dialog"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <header className="modal-header">
        <h2 id={titleId}>{project ? t('projects.editTitle') : t('projects.newTitle')}</h2>
        <IconButton label={t('settings.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body">
        <TextField
          label={t('projects.name')}
          value={name}
          maxLength={MAX_PROJECT_NAME}
          aria-invalid={nameError || undefined}
          onChange={(event) => {
            setName(event.target.value)
            setNameError(false)
          }}
        >
          {nameError ? (
            <p className="field-error" role="alert">
              {t('projects.nameEmpty')}
            </p>
          ) : null}
        </TextField>
        <div className="field">
          <label htmlFor={instructionsId}>{t('projects.instructions')}</label>
          <textarea
            id={instructionsId}
            className="params-textarea"
            rows={4}
            placeholder={t('projects.instructionsPlaceholder')}
            value={instructions}
            onChange={(event) => setInstructions(event.target.value)}
          />
          <p className="field-hint">{t('projects.instructionsHint')}</p>
        </div>
        <div className="field">
          <label htmlFor={modelId}>{t('projects.defaultModel')}</label>
          <select
            id={modelId}
            value={defaultModel}
            onChange={(event) => setDefaultModel(event.target.value)}
          >
            <option value="">{t('projects.modelOfChat')}</option>
            {models.map((model) => (
              <option key={model.id} value={model.id} title={model.id}>
                {modelDisplayName(model.id)}
              </option>
            ))}
          </select>
        </div>
        {project ? (
          <ProjectFiles project={project} />
        ) : (
          <p className="field-hint">{t('projects.filesAfterSave')}</p>
        )}
        <h3 className="project-params-title">{t('projects.defaultParams')}</h3>
        <ParamsForm
          initial={project?.defaultParams ?? {}}
          model={null}
          onCancel={close}
          saveLabel={t('projects.save')}
          onSave={async (params) => {
            if (name.trim() === '') {
              setNameError(true)
              return false
            }
            return save({
              name,
              instructions,
              defaultModel: defaultModel === '' ? null : defaultModel,
              defaultParams: params
            })
          }}
        />
        {project ? (
          <div className="project-order">
            <span>{t('projects.place', { place: place + 1, count })}</span>
            <button
              ref={upRef}
              type="button"
              className="button"
              disabled={place <= 0}
              onClick={() => void move(-1)}
            >
              {t('projects.moveUp')}
            </button>
            <button
              ref={downRef}
              type="button"
              className="button"
              disabled={place >= count - 1}
              onClick={() => void move(1)}
            >
              {t('projects.moveDown')}
            </button>
          </div>
        ) : null}
        {project ? (
          <div className="project-delete">
            {confirmDelete ? (
              <>
                <p>{t('projects.deleteQuestion', { name: project.name })}</p>
                <button
                  type="button"
                  className="button"
                  onClick={() => void remove(project.id, 'move_out')}
                >
                  {t('projects.deleteKeepChats')}
                </button>
                <button
                  type="button"
                  className="button button-danger"
                  onClick={() => void remove(project.id, 'delete')}
                >
                  {t('projects.deleteWithChats', { count: project.conversationCount })}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button button-danger"
                onClick={() => setConfirmDelete(true)}
              >
                {t('projects.delete')}
              </button>
            )}
          </div>
        ) : null}
      </div>
    </Dialog>
  )
}
