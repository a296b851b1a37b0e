import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { LANGUAGES, type Language } from '../../../../shared/settingDefaults'
import { useApp } from '../../store/StoreProvider'
// A select with its label beside it: TextField's layout.
import '../../ui/TextField.css'

/** System / English / 简体中文; saved in settings and applied at once. */
export function LanguageSelect() {
  const { t } = useTranslation()
  const id = useId()
  const language = useApp((s) => s.settings.language)
  const updateSettings = useApp((s) => s.updateSettings)
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{t('language.label')}</label>
      <select
        id={id}
        value={language}
        onChange={(event) => void updateSettings({ language: event.target.value as Language })}
      >
        {LANGUAGES.map((value) => (
          <option key={value} value={value}>
            {t(`language.${value}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
