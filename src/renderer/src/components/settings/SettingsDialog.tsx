import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { AppearanceSettings } from './AppearanceSettings'
import { BaseURLField, filled, KeyField } from './ConnectionFields'
import { ConnectionTest } from './ConnectionTest'
import { FormError, KeychainWarning } from './FormNotices'
import { HistorySection } from './HistorySection'
import { UpdateSettings } from './UpdateSettings'
import { LanguageSelect } from './LanguageSelect'
import { DefaultParamsSection, PresetsSection } from './ParamsSettings'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import './SettingsDialog.css'

/** The settings modal: language, theme and font size, base URL, the key (replace, remove) and a connection test. */
export function SettingsDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const closeSettings = useApp((s) => s.closeSettings)

  // Esc is handled by the app's window shortcuts.
  return (
    <Dialog labelledBy={titleId} onClose={closeSettings}>
      <header className="modal-header">
        <h2 id={titleId}>{t('settings.title')}</h2>
        <IconButton label={t('settings.close')} onClick={closeSettings}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body">
        <section className="settings-section">
          <h3>{t('appearance.title')}</h3>
          <LanguageSelect />
          <AppearanceSettings />
        </section>
        <ConnectionSection />
        <KeySection />
        <DefaultParamsSection />
        <PresetsSection />
        <HistorySection />
        <UpdateSettings />
        <FormError />
      </div>
    </Dialog>
  )
}

function ConnectionSection() {
  const { t } = useTranslation()
  const savedBaseURL = useApp((s) => s.settings.baseURL)
  const saveBaseURL = useApp((s) => s.saveBaseURL)
  // The draft lives in the store, so closing Settings can warn before it is dropped.
  const baseURL = useApp((s) => s.baseURLDraft) ?? savedBaseURL
  const setBaseURL = useApp((s) => s.setBaseURLDraft)
  const warned = useApp((s) => s.baseURLDraftWarned)
  const [saved, setSaved] = useState(false)
  const dirty = baseURL.trim() !== savedBaseURL

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!dirty || !filled(baseURL)) return
    setSaved(await saveBaseURL(baseURL.trim()))
  }

  return (
    <section className="settings-section">
      <h3>{t('settings.connection')}</h3>
      <form onSubmit={(event) => void save(event)}>
        <BaseURLField
          value={baseURL}
          onChange={(value) => {
            setBaseURL(value)
            setSaved(false)
          }}
          trailing={
            // Only with an unsaved change, so replacing the key shows a single "Save".
            dirty ? (
              <button type="submit" className="button button-primary" disabled={!filled(baseURL)}>
                {t('settings.save')}
              </button>
            ) : null
          }
        >
          {saved && !dirty ? (
            <p role="status" className="field-hint">
              {t('settings.saved')}
            </p>
          ) : null}
          {warned && dirty ? (
            <p role="alert" className="form-error">
              {t('unsaved.baseURL')}
            </p>
          ) : null}
        </BaseURLField>
      </form>
      <ConnectionTest baseURL={baseURL.trim()} savedBaseURL={savedBaseURL} />
    </section>
  )
}

function KeySection() {
  const { t } = useTranslation()
  const keyStatus = useApp((s) => s.keyStatus)
  const replaceKey = useApp((s) => s.replaceKey)
  const removeKey = useApp((s) => s.removeKey)
  const [replacing, setReplacing] = useState(false)
  const [key, setKey] = useState('')

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!filled(key)) return
    if (await replaceKey(key.trim())) {
      setKey('')
      setReplacing(false)
    }
  }

  const status = keyStatus?.hasKey
    ? keyStatus.last4
      ? t('settings.keySet', { last4: keyStatus.last4 })
      : t('settings.keySetNoHint')
    : t('settings.noKey')

  return (
    <section className="settings-section">
      <h3>{t('settings.key')}</h3>
      <p className="key-status">
        {status}
        {keyStatus?.hasKey && keyStatus.storage ? (
          <span className="field-hint">
            {/* No space after a full-width 。 or ）: Chinese sentences follow on directly. */}
            {/[\u3000-\u303f\uff00-\uffef]$/.test(status) ? '' : ' '}
            {t(keyStatus.storage === 'keychain' ? 'settings.inKeychain' : 'settings.inMemory')}
          </span>
        ) : null}
      </p>
      <KeychainWarning keyStatus={keyStatus} />
      {replacing ? (
        <form onSubmit={(event) => void save(event)}>
          <KeyField
            label="settings.newKey"
            value={key}
            autoFocus
            onChange={setKey}
            trailing={
              <>
                <button type="submit" className="button button-primary" disabled={!filled(key)}>
                  {t('settings.save')}
                </button>
                <button
                  type="button"
                  className="button button-quiet"
                  onClick={() => {
                    setReplacing(false)
                    setKey('')
                  }}
                >
                  {t('settings.cancel')}
                </button>
              </>
            }
          />
        </form>
      ) : (
        <div className="form-actions form-actions-start">
          <button type="button" className="button" onClick={() => setReplacing(true)}>
            {t('settings.replaceKey')}
          </button>
          {keyStatus?.hasKey ? (
            <button type="button" className="button button-danger" onClick={() => void removeKey()}>
              {t('settings.removeKey')}
            </button>
          ) : null}
        </div>
      )}
    </section>
  )
}
