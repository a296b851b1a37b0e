import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ModelInfo } from '../../../../shared/models'
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
  readDraft,
  type ParamError,
  type ParamsDraft
} from '../../lib/paramsForm'
import { IconButton } from '../../ui/IconButton'
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
            model: model!.id,
            fields: refused.join(t('models.listSeparator'))
          })}
        </p>
      ) : null}
      <TextAreaField
        label={t('params.systemPrompt')}
        value={draft.systemPrompt}
        onChange={(systemPrompt) => change({ systemPrompt })}
        error={errorText('systemPrompt')}
      />
      <div className="params-grid">
        <NumberField
          label={t('params.temperature')}
          hint={t('params.range', { min: 0, max: 2 })}
          value={draft.temperature}
          onChange={(temperature) => change({ temperature })}
          error={errorText('temperature')}
        />
        <NumberField
          label={t('params.topP')}
          hint={t('params.range', { min: 0, max: 1 })}
          value={draft.topP}
          onChange={(topP) => change({ topP })}
          error={errorText('topP')}
        />
        <NumberField
          label={t('params.maxTokens')}
          hint={t('params.maxTokensHint')}
          value={draft.maxTokens}
          onChange={(maxTokens) => change({ maxTokens })}
          error={errorText('maxTokens')}
        />
        <HistoryField
          key={resets}
          value={draft.historyTurns}
          onChange={(historyTurns) => change({ historyTurns })}
          error={errorText('historyTurns')}
        />
        {offered.thinking ? (
          <SelectField
            label={t('params.thinking')}
            value={draft.thinking}
            options={[
              ['', t('params.default')],
              ['enabled', t('params.thinkingOn')],
              ['disabled', t('params.thinkingOff')]
            ]}
            onChange={(thinking) => change({ thinking: thinking as '' | ThinkingMode })}
            error={errorText('thinking')}
          />
        ) : null}
        {offered.reasoningEffort ? (
          <SelectField
            label={t('params.reasoningEffort')}
            hint={draft.thinking === 'disabled' ? t('params.effortWithoutThinking') : undefined}
            value={draft.reasoningEffort}
            options={[
              ['', t('params.default')],
              ...offered.efforts.map((effort): [string, string] => [
                effort,
                t(`params.efforts.${effort}`)
              ]),
              // A saved value the thinking choice no longer allows stays visible, marked invalid.
              ...(draft.reasoningEffort !== '' && !offered.efforts.includes(draft.reasoningEffort)
                ? [
                    [draft.reasoningEffort, t(`params.efforts.${draft.reasoningEffort}`)] as [
                      string,
                      string
                    ]
                  ]
                : [])
            ]}
            onChange={(effort) => change({ reasoningEffort: effort as '' | ReasoningEffort })}
            error={errorText('reasoningEffort')}
          />
        ) : null}
      </div>
      {model && (!offered.thinking || !offered.reasoningEffort) ? (
        <p className="field-hint">
          {t(!offered.thinking ? 'params.notOfferedBoth' : 'params.notOfferedEffort', {
            model: model.id
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

/** The error under a field, named by the field's aria-describedby. */
function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <p id={id} className="params-error">
      {error}
    </p>
  ) : null
}

function NumberField({
  label,
  hint,
  value,
  onChange,
  error
}: {
  label: string
  hint: string
  value: string
  onChange: (value: string) => void
  error: string | null
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field params-field">
      <label htmlFor={`${id}-input`}>
        {label} <span className="params-label-hint">{hint}</span>
      </label>
      <input
        id={`${id}-input`}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('params.default')}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  )
}

function TextAreaField({
  label,
  value,
  onChange,
  error
}: {
  label: string
  value: string
  onChange: (value: string) => void
  error: string | null
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field params-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <textarea
        id={`${id}-input`}
        className="params-textarea"
        rows={3}
        placeholder={t('params.systemPromptPlaceholder')}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  )
}

function SelectField({
  label,
  hint,
  value,
  options,
  onChange,
  error
}: {
  label: string
  hint?: string
  value: string
  options: Array<[string, string]>
  onChange: (value: string) => void
  error: string | null
}) {
  const id = useId()
  return (
    <div className="field params-field">
      <label htmlFor={`${id}-input`}>{label}</label>
      <select
        id={`${id}-input`}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
      {hint && !error ? <p className="field-hint">{hint}</p> : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  )
}

/** All of the history, or only the last N turns (a question and its answer each). */
function HistoryField({
  value,
  onChange,
  error
}: {
  value: string
  onChange: (value: string) => void
  error: string | null
}) {
  const { t } = useTranslation()
  const id = useId()
  // "Last turns" stays chosen while its number is being retyped.
  const [limited, setLimited] = useState(value !== '')
  return (
    <div className="field params-field">
      <label htmlFor={`${id}-choice`}>{t('params.history')}</label>
      <div className="field-row">
        <select
          id={`${id}-choice`}
          value={limited ? 'last' : 'all'}
          onChange={(event) => {
            const last = event.target.value === 'last'
            setLimited(last)
            onChange(last ? '10' : '')
          }}
        >
          <option value="all">{t('params.historyAll')}</option>
          <option value="last">{t('params.historyLast')}</option>
        </select>
        {limited ? (
          <input
            type="text"
            inputMode="numeric"
            className="params-turns"
            aria-label={t('params.historyTurns')}
            value={value}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => onChange(event.target.value)}
          />
        ) : null}
      </div>
      {limited && !error ? <p className="field-hint">{t('params.historyHint')}</p> : null}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  )
}

/** Up to four stop sequences; none = Default. */
function StopField({
  stop,
  onChange,
  error
}: {
  stop: string[]
  onChange: (stop: string[]) => void
  error: string | null
}) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <fieldset className="params-stop" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {t('params.stop')}{' '}
        <span className="params-label-hint">
          {t('params.stopHint', { max: MAX_STOP_SEQUENCES })}
        </span>
      </legend>
      {stop.length === 0 ? <p className="field-hint">{t('params.stopNone')}</p> : null}
      {stop.map((sequence, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a stop sequence is its place in the list (its text is being edited)
        <div key={index} className="field-row">
          <input
            type="text"
            spellCheck={false}
            aria-label={t('params.stopSequence', { number: index + 1 })}
            aria-invalid={error && sequence === '' ? true : undefined}
            value={sequence}
            onChange={(event) =>
              onChange(stop.map((s, i) => (i === index ? event.target.value : s)))
            }
          />
          <IconButton
            label={t('params.removeStop', { number: index + 1 })}
            onClick={() => onChange(stop.filter((_, i) => i !== index))}
          >
            <span aria-hidden="true">×</span>
          </IconButton>
        </div>
      ))}
      {stop.length < MAX_STOP_SEQUENCES ? (
        <div className="form-actions form-actions-start">
          <button type="button" className="button" onClick={() => onChange([...stop, ''])}>
            {t('params.addStop')}
          </button>
        </div>
      ) : null}
      <FieldError id={`${id}-error`} error={error} />
    </fieldset>
  )
}
