import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ChatParams } from '../../../../shared/params'
import { paramChips, type ParamChip } from '../../lib/paramsForm'
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
