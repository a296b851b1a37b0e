import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatContext, modelDisplayName, type ModelInfo } from '../../../../shared/models'

/**
 * "Doubao Seed 1.6, doubao-seed-1-6-251015, 256K context — text, image, video, thinking, effort
 * levels": a model option's accessible name. It holds the option's visible text (name, id,
 * context) in the order shown, as WCAG 2.5.3 (label in name) asks; what it accepts comes last.
 */
export function modelLabel(id: string, info: ModelInfo | undefined, t: TFunction): string {
  const accepts = [t('models.accepts.text')]
  if (info?.image) accepts.push(t('models.accepts.image'))
  if (info?.video) accepts.push(t('models.accepts.video'))
  if (info?.thinking) accepts.push(t('models.accepts.thinking'))
  if (info?.reasoningEffort) accepts.push(t('models.accepts.effort'))
  const name = modelDisplayName(id)
  const shown = name === id ? id : t('models.optionNamed', { name, id })
  const label =
    info && info.context > 0
      ? t('models.optionContext', { label: shown, context: formatContext(info.context) })
      : shown
  return t('models.option', { label, accepts: accepts.join(t('models.listSeparator')) })
}

/** One model: its readable name and id, what it accepts (icons with names) and its context size. */
export function ModelOption({
  elementId,
  id,
  info,
  selected,
  active,
  onHover,
  onChoose
}: {
  elementId: string
  id: string
  info: ModelInfo | undefined
  selected: boolean
  active: boolean
  onHover: () => void
  onChoose: () => void
}) {
  const { t } = useTranslation()
  // Every slot is drawn (empty when missing) so the icons line up in columns.
  const capabilities = [
    ['image', info?.image, t('models.capability.image')],
    ['video', info?.video, t('models.capability.video')],
    ['thinking', info?.thinking, t('models.capability.thinking')],
    ['effort', info?.reasoningEffort, t('models.capability.effort')]
  ] as const
  return (
    // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the filter field; the option is reached by aria-activedescendant
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works through the filter field (arrows, Enter)
    <div
      id={elementId}
      role="option"
      aria-selected={selected}
      aria-label={modelLabel(id, info, t)}
      data-active={active || undefined}
      className="model-option"
      onMouseMove={active ? undefined : onHover}
      // Keep the focus in the filter field.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onChoose}
    >
      <span className="model-option-check" aria-hidden="true">
        {selected ? '✓' : ''}
      </span>
      <span className="model-option-text">
        <span className="model-option-name">{modelDisplayName(id)}</span>
        {/* Spaces between the parts, so their text reads as words (the layout ignores them). */}{' '}
        <span className="model-option-id">{id}</span>
      </span>
      <span className="model-capabilities">
        {capabilities.map(([kind, has, label]) =>
          has ? (
            <span
              key={kind}
              className={`model-capability icon-${kind}`}
              role="img"
              aria-label={label}
              title={label}
            />
          ) : (
            <span key={kind} className="model-capability-none" aria-hidden="true" />
          )
        )}
      </span>
      {info && info.context > 0 ? ' ' : null}
      {info && info.context > 0 ? (
        <span
          className="model-context"
          title={t('models.contextTitle', { tokens: info.context.toLocaleString() })}
        >
          {formatContext(info.context)}
        </span>
      ) : null}
    </div>
  )
}
