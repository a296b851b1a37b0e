import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { modelDisplayName, type ModelInfo } from '../../../../shared/models'
import {
  paramIssues,
  type ChatParamName,
  type ChatParams,
  type ReasoningEffort,
  type ThinkingMode
} from '../../../../shared/params'
import {
  MAX_STOP_SEQUENCES,
  draftFromParams,
  offeredFields,
  type ParamError,
  type ParamsDraft
} from '../../lib/paramsForm'
import { readDraft } from '../../lib/paramsDraft'
import { CheckedField } from '../../ui/CheckedField'
import { HistoryField, ParamSlider, StopField } from './ParamFields'
import './ParamsForm.css'

/**
 * The request parameters as a form, for a conversation, a new chat or Settings' defaults. An empty
 * field or a "Default" choice is not sent. Fields the model does not take are not offered (with
 * `model` null, for the defaults, every field is). Each field is checked as it is typed; Save
 * saves nothing while one is invalid.
 */
export function ParamsForm({
  initial,
  model,
  onSave,
  onCancel,
  saveLabel,
  extra
}: {
  initial: ChatParams
  model: ModelInfo | null
  /** Gets exactly the parameters to save; true when they were saved. */
  onSave: (params: ChatParams) => Promise<boolean> | boolean
  onCancel?: () => void
  saveLabel?: string
  /** More actions under the form, given the form's parameters (null while a field is invalid). */
  extra?: (params: ChatParams | null) => ReactNode
}) {
  const { t } = useTranslation()
  const [draft, setDraft] = useState<ParamsDraft>(() => draftFromParams(initial))
  const [saved, setSaved] = useState(false)
  // Bumped by Reset, so fields that keep their own state start over.
  const [resets, setResets] = useState(0)
  const { params, errors } = useMemo(() => readDraft(draft, model), [draft, model])
  const valid = Object.keys(errors).length === 0
  const offered = offeredFields(model, draft.thinking)

  function change(patch: Partial<ParamsDraft>): void {
    setDraft((current) => ({ ...current, ...patch }))
    setSaved(false)
  }

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!valid) return
    setSaved(await onSave(params))
  }

  const errorText = (field: ChatParamName): string | null => {
    const error: ParamError | undefined = errors[field]
    return error ? t(`params.invalid.${error}`, { max: MAX_STOP_SEQUENCES }) : null
  }

  const numberField = (field: 'temperature' | 'topP' | 'maxTokens', hint: string) => (
    <CheckedField
      label={t(`params.${field}`)}
      labelHint={hint}
      error={errorText(field)}
      className="params-field"
    >
      {(control) => {
        const input = (
          <input
            {...control}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('params.default')}
            value={draft[field]}
            onChange={(event) => change({ [field]: event.target.value })}
          />
        )
        return field === 'maxTokens' ? (
          input
        ) : (
          <div className="field-row params-slider-row">
            <ParamSlider
              field={field}
              value={draft[field]}
              label={t(`params.${field}`)}
              defaultText={t('params.default')}
              onChange={(value) => change({ [field]: value })}
            />
            {input}
          </div>
        )
      }}
    </CheckedField>
  )

  const effortOptions: Array<[string, string]> = [
    ['', t('params.default')],
    ...offered.efforts.map((effort): [string, string] => [effort, t(`params.efforts.${effort}`)]),
    // A saved value the thinking choice no longer allows stays visible, marked invalid.
    ...(draft.reasoningEffort !== '' && !offered.efforts.includes(draft.reasoningEffort)
      ? [[draft.reasoningEffort, t(`params.efforts.${draft.reasoningEffort}`)] as [string, string]]
      : [])
  ]

  // Saved parameters this model refuses (it was switched to after they were set): Save drops them.
  const refused = model
    ? [...new Set(paramIssues(initial, model).map((issue) => t(`params.${issue.field}`)))]
    : []

  return (
    <form className="params-form" onSubmit={(event) => void submit(event)} noValidate>
      <p className="field-hint">{t('params.defaultHint')}</p>
      {refused.length > 0 ? (
        <p className="params-refused">
          {t('params.refusedByModel', {
            model: modelDisplayName(model!.id),
            fields: refused.join(t('models.listSeparator'))
          })}
        </p>
      ) : null}
      <CheckedField
        label={t('params.systemPrompt')}
        error={errorText('systemPrompt')}
        className="params-field"
      >
        {(control) => (
          <textarea
            {...control}
            className="params-textarea"
            rows={3}
            placeholder={t('params.systemPromptPlaceholder')}
            value={draft.systemPrompt}
            onChange={(event) => change({ systemPrompt: event.target.value })}
          />
        )}
      </CheckedField>
      <div className="params-grid">
        {numberField('temperature', t('params.range', { min: 0, max: 2 }))}
        {numberField('topP', t('params.range', { min: 0, max: 1 }))}
        {numberField('maxTokens', t('params.maxTokensHint'))}
        <HistoryField
          key={resets}
          value={draft.historyTurns}
          onChange={(historyTurns) => change({ historyTurns })}
          error={errorText('historyTurns')}
        />
        {offered.thinking ? (
          <CheckedField
            label={t('params.thinking')}
            error={errorText('thinking')}
            className="params-field"
          >
            {(control) => (
              <select
                {...control}
                value={draft.thinking}
                onChange={(event) => change({ thinking: event.target.value as '' | ThinkingMode })}
              >
                {optionsOf([
                  ['', t('params.default')],
                  ['enabled', t('params.thinkingOn')],
                  ['disabled', t('params.thinkingOff')]
                ])}
              </select>
            )}
          </CheckedField>
        ) : null}
        {offered.reasoningEffort ? (
          <CheckedField
            label={t('params.reasoningEffort')}
            hint={draft.thinking === 'disabled' ? t('params.effortWithoutThinking') : undefined}
            error={errorText('reasoningEffort')}
            className="params-field"
          >
            {(control) => (
              <select
                {...control}
                value={draft.reasoningEffort}
                onChange={(event) =>
                  change({ reasoningEffort: event.target.value as '' | ReasoningEffort })
                }
              >
                {optionsOf(effortOptions)}
              </select>
            )}
          </CheckedField>
        ) : null}
      </div>
      {model && (!offered.thinking || !offered.reasoningEffort) ? (
        <p className="field-hint">
          {t(!offered.thinking ? 'params.notOfferedBoth' : 'params.notOfferedEffort', {
            model: modelDisplayName(model.id)
          })}
        </p>
      ) : null}
      <StopField
        stop={draft.stop}
        onChange={(stop) => change({ stop })}
        error={errorText('stop')}
      />
      <div className="form-actions params-actions">
        <button
          type="button"
          className="button button-quiet params-reset"
          onClick={() => {
            change(draftFromParams({}))
            setResets((count) => count + 1)
          }}
        >
          {t('params.resetAll')}
        </button>
        {saved ? (
          <p role="status" className="field-hint params-saved">
            {t('settings.saved')}
          </p>
        ) : null}
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            {t('settings.cancel')}
          </button>
        ) : null}
        <button type="submit" className="button button-primary">
          {saveLabel ?? t('settings.save')}
        </button>
      </div>
      {extra ? extra(valid ? params : null) : null}
    </form>
  )
}

/** A select's options from [value, text] pairs. */
function optionsOf(options: Array<[string, string]>): ReactNode {
  return options.map(([option, text]) => (
    <option key={option} value={option}>
      {text}
    </option>
  ))
}
