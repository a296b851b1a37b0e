import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { BaseURLField, filled, KeyField } from '../settings/ConnectionFields'
import { ConnectionStatus, FormError, KeychainWarning } from '../settings/FormNotices'
import { ErrorBanner } from './ErrorNotice'
import { LanguageSelect } from '../settings/LanguageSelect'
import './SetupScreen.css'

/**
 * First run, or after the key was removed: the language, base URL and key, a connection test,
 * then Save (which checks the key first).
 */
export function SetupScreen() {
  const { t } = useTranslation()
  const savedBaseURL = useApp((s) => s.settings.baseURL)
  const keyStatus = useApp((s) => s.keyStatus)
  const testing = useApp((s) => s.connectionTest.state === 'testing')
  const testConnection = useApp((s) => s.testConnection)
  const completeSetup = useApp((s) => s.completeSetup)
  const [baseURL, setBaseURL] = useState(savedBaseURL)
  const [key, setKey] = useState('')
  const [saving, setSaving] = useState(false)
  const ready = filled(baseURL) && filled(key)

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!ready || saving) return
    setSaving(true)
    const ok = await completeSetup({ baseURL: baseURL.trim(), key: key.trim() })
    // On success this screen is gone; on failure the form stays as it was.
    if (!ok) setSaving(false)
  }

  return (
    <main className="setup">
      <ErrorBanner />
      <form className="setup-card" onSubmit={(event) => void save(event)}>
        <h1>{t('setup.title')}</h1>
        <p className="setup-intro">{t('setup.intro')}</p>
        <LanguageSelect />
        <BaseURLField label="setup.baseURL" value={baseURL} onChange={setBaseURL} />
        <KeyField label="setup.apiKey" value={key} onChange={setKey} />
        <KeychainWarning keyStatus={keyStatus} />
        <ConnectionStatus />
        <FormError />
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={!ready || testing}
            onClick={() => void testConnection({ baseURL: baseURL.trim(), key: key.trim() })}
          >
            {t('setup.test')}
          </button>
          <button type="submit" className="button button-primary" disabled={!ready || saving}>
            {saving ? t('keyCheck.checking') : t('setup.save')}
          </button>
        </div>
      </form>
    </main>
  )
}
