import { useId, useState } from 'react'
import { modelDisplayName } from '../../../../shared/models'
import { useTranslation } from 'react-i18next'
import type { ChatParams } from '../../../../shared/params'
import { modelInfoOf } from '../../lib/attachmentRules'
import {
  selectActiveConversation,
  selectCurrentModel,
  selectModelCorrections,
  selectModels
} from '../../store'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import { ParamsForm } from './ParamsForm'
import './ParamsPanel.css'

/** The parameters of the open conversation (or of the new chat's first message), in a dialog. */
export function ParamsPanel() {
  const { t } = useTranslation()
  const titleId = useId()
  const conversation = useApp(selectActiveConversation)
  const draftParams = useApp((s) => s.draftParams)
  const defaultParams = useApp((s) => s.settings.defaultParams)
  const modelId = useApp(selectCurrentModel)
  const models = useApp(selectModels)
  const corrections = useApp(selectModelCorrections)
  const close = useApp((s) => s.closeParamsPanel)
  const saveParams = useApp((s) => s.saveParams)
  const initial = conversation ? conversation.params : (draftParams ?? defaultParams)

  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      className="modal params-panel"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          close()
        }
      }}
    >
      <header className="modal-header">
        <div>
          <h2 id={titleId}>{t('params.title')}</h2>
          <p className="field-hint">
            {t(conversation ? 'params.forConversation' : 'params.forNewChat', {
              model: modelDisplayName(modelId)
            })}
          </p>
        </div>
        <IconButton label={t('settings.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body">
        <ParamsForm
          initial={initial}
          model={modelInfoOf(models, modelId, corrections)}
          onCancel={close}
          onSave={async (params) => {
            const saved = await saveParams(params)
            if (saved) close()
            return saved
          }}
          extra={(params) => <SaveAsPreset params={params} model={modelId} />}
        />
      </div>
    </Dialog>
  )
}

/** "Save as preset": names the form's parameters and the model, kept in Settings. */
function SaveAsPreset({ params, model }: { params: ChatParams | null; model: string }) {
  const { t } = useTranslation()
  const id = useId()
  const savePreset = useApp((s) => s.savePreset)
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const [saved, setSaved] = useState<string | null>(null)

  if (!naming) {
    return (
      <div className="params-preset params-preset-closed">
        <button
          type="button"
          className="button"
          disabled={params === null}
          onClick={() => setNaming(true)}
        >
          {t('params.saveAsPreset')}
        </button>
        {saved ? (
          <p role="status" className="field-hint">
            {t('params.presetSaved', { name: saved })}
          </p>
        ) : null}
      </div>
    )
  }
  async function save(): Promise<void> {
    if (params === null || name.trim() === '') return
    if (await savePreset(name, model, params)) {
      setSaved(name.trim())
      setName('')
      setNaming(false)
    }
  }
  // Not a nested <form>: Enter in the name saves the preset, not the parameters.
  return (
    <div className="params-preset field">
      <label htmlFor={id}>{t('params.presetName')}</label>
      <div className="field-row">
        <input
          id={id}
          type="text"
          // biome-ignore lint/a11y/noAutofocus: Save as preset was just asked for: its name field takes the focus
          autoFocus
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault()
              void save()
            }
          }}
        />
        <button
          type="button"
          className="button button-primary"
          disabled={params === null || name.trim() === ''}
          onClick={() => void save()}
        >
          {t('params.savePreset')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setNaming(false)}>
          {t('settings.cancel')}
        </button>
      </div>
      <p className="field-hint">{t('params.presetHint', { model: modelDisplayName(model) })}</p>
    </div>
  )
}
