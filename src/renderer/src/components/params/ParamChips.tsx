import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ChatParams } from '../../../../shared/params'
import { paramChips, type ParamChip } from '../../lib/paramsForm'
import { selectActiveConversation, selectAppliedPresetName } from '../../store'
import { useApp } from '../../store/StoreProvider'
import './ParamChips.css'

/** A chip's words: "T 0.3", "max 512", "effort: high" ... */
export function chipText(chip: ParamChip, t: TFunction): string {
  const values =
    chip.key === 'effort'
      ? { value: t(`params.efforts.${chip.values.value}`).toLocaleLowerCase() }
      : chip.values
  return t(`params.chip.${chip.key}`, values)
}

/** The parameters as chips, each with its full meaning as its title. */
export function ParamChips({ params, className = '' }: { params: ChatParams; className?: string }) {
  const { t } = useTranslation()
  const chips = paramChips(params)
  if (chips.length === 0) return null
  return (
    <ul className={`param-chips ${className}`.trimEnd()} aria-label={t('params.chipsLabel')}>
      {chips.map((chip) => (
        <li
          key={chip.key}
          className="param-chip"
          title={chip.field === 'systemPrompt' ? params.systemPrompt : undefined}
        >
          {chipText(chip, t)}
        </li>
      ))}
    </ul>
  )
}

/**
 * The header's "Parameters" control: what is not default in the open conversation (or the new
 * chat) as chips, and the button that opens the panel.
 */
export function ParamsControl() {
  const { t } = useTranslation()
  const conversation = useApp(selectActiveConversation)
  const draftParams = useApp((s) => s.draftParams)
  const defaultParams = useApp((s) => s.settings.defaultParams)
  const open = useApp((s) => s.openParamsPanel)
  const params = conversation ? conversation.params : (draftParams ?? defaultParams)
  const presetName = useApp(selectAppliedPresetName)
  return (
    <div className="params-control">
      {presetName ? (
        <span className="applied-preset" title={t('params.appliedPreset', { name: presetName })}>
          <span aria-hidden="true" className="icon-params icon-preset" />
          <span className="applied-preset-name">
            {t('params.appliedPreset', { name: presetName })}
          </span>
        </span>
      ) : null}
      {/* The chips open the panel too (a mouse shortcut; the button is the control to tab to). */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut beside the Parameters button */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the Parameters button is the keyboard's way in */}
      <div className="params-chips-click" onClick={open}>
        <ParamChips params={params} />
      </div>
      <button
        type="button"
        className="button button-quiet params-button"
        title={t('params.title')}
        onClick={open}
      >
        <span aria-hidden="true" className="icon-params" />
        <span className="params-button-text">{t('params.button')}</span>
      </button>
    </div>
  )
}
