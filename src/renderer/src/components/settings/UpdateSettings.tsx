import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import './UpdateSettings.css'

/** Settings → Updates: whether the app looks for updates by itself. */
export function UpdateSettings() {
  const { t } = useTranslation()
  const checkForUpdates = useApp((s) => s.settings.checkForUpdates)
  const updateSettings = useApp((s) => s.updateSettings)
  return (
    <section className="settings-section">
      <h3>{t('updates.settingsTitle')}</h3>
      <label className="update-setting">
        <input
          type="checkbox"
          checked={checkForUpdates}
          onChange={(event) => void updateSettings({ checkForUpdates: event.target.checked })}
        />
        <span>{t('updates.autoCheck')}</span>
      </label>
      <p className="field-hint">{t('updates.autoCheckHint')}</p>
    </section>
  )
}
