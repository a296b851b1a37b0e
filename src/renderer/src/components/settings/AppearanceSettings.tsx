import { useTranslation } from 'react-i18next'
import { FONT_SIZES, THEMES } from '../../../../shared/settingDefaults'
import { useApp } from '../../store/StoreProvider'
import './AppearanceSettings.css'

/** Theme (system / light / dark) and font size: radio groups, applied as soon as one is picked. */
export function AppearanceSettings() {
  const { t } = useTranslation()
  const theme = useApp((s) => s.settings.theme)
  const fontSize = useApp((s) => s.settings.fontSize)
  const updateSettings = useApp((s) => s.updateSettings)
  return (
    <>
      <Segmented
        legend={t('appearance.theme')}
        name="theme"
        values={THEMES}
        value={theme}
        labelOf={(value) => t(`appearance.themes.${value}`)}
        onChange={(value) => void updateSettings({ theme: value })}
      />
      <Segmented
        legend={t('appearance.fontSize')}
        name="font-size"
        values={FONT_SIZES}
        value={fontSize}
        labelOf={(value) => t(`appearance.fontSizes.${value}`)}
        onChange={(value) => void updateSettings({ fontSize: value })}
      />
    </>
  )
}

/** A row of radio buttons that looks like a segmented control (arrows move, as radios do). */
function Segmented<T extends string>({
  legend,
  name,
  values,
  value,
  labelOf,
  onChange
}: {
  legend: string
  name: string
  values: readonly T[]
  value: T
  labelOf: (value: T) => string
  onChange: (value: T) => void
}) {
  return (
    <fieldset className="segmented-field">
      <legend>{legend}</legend>
      <div className="segmented">
        {values.map((option) => (
          <label key={option} className="segmented-option">
            <input
              type="radio"
              name={name}
              value={option}
              checked={option === value}
              onChange={() => onChange(option)}
            />
            <span>{labelOf(option)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}
