import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_STOP_SEQUENCES } from '../../lib/paramsForm'
import { CheckedField, FieldError } from '../../ui/CheckedField'
import { IconButton } from '../../ui/IconButton'

/** All of the history, or only the last N turns (a question and its answer each). */
export function HistoryField({
  value,
  onChange,
  error
}: {
  value: string
  onChange: (value: string) => void
  error: string | null
}) {
  const { t } = useTranslation()
  // "Last turns" stays chosen while its number is being retyped.
  const [limited, setLimited] = useState(value !== '')
  return (
    <CheckedField
      label={t('params.history')}
      hint={limited ? t('params.historyHint') : undefined}
      error={error}
      className="params-field"
    >
      {({ id, ...wiring }) => (
        <div className="field-row">
          <select
            id={id}
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
              {...wiring}
              type="text"
              inputMode="numeric"
              className="params-turns"
              aria-label={t('params.historyTurns')}
              value={value}
              onChange={(event) => onChange(event.target.value)}
            />
          ) : null}
        </div>
      )}
    </CheckedField>
  )
}

/** Up to four stop sequences; none = Default. */
export function StopField({
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
        <span className="field-label-hint">
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

// The sliders' ranges (the API's), steps, and where the thumb rests while the field is Default
// (the API's own default for both).
const SLIDERS = {
  temperature: { max: 2, step: 0.05, rest: 1 },
  topP: { max: 1, step: 0.01, rest: 1 }
} as const

/** A range input bound to the same value as the number field beside it (dimmed while Default). */
export function ParamSlider({
  field,
  value,
  label,
  defaultText,
  onChange
}: {
  field: keyof typeof SLIDERS
  value: string
  label: string
  defaultText: string
  onChange: (value: string) => void
}) {
  const { max, step, rest } = SLIDERS[field]
  const number = Number(value)
  const set = value.trim() !== '' && Number.isFinite(number) && number >= 0 && number <= max
  return (
    <input
      type="range"
      className={`params-slider${set ? '' : ' params-slider-unset'}`}
      min={0}
      max={max}
      step={step}
      value={set ? number : rest}
      aria-label={label}
      aria-valuetext={set ? undefined : defaultText}
      onChange={(event) => onChange(event.target.value)}
    />
  )
}
