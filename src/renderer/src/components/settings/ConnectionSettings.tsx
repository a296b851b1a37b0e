import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { BaseURLField, filled, KeyField } from './ConnectionFields'
import { ConnectionTest } from './ConnectionTest'
import { KeychainWarning } from './FormNotices'
import { RemoveKeyButton } from './RemoveKeyButton'

/** Settings → Connection: the base URL (saved with Save) and the connection test. */
export function ConnectionSection() {
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

/** Settings → Connection: the key's status, Replace key and Remove key. */
export function KeySection() {
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
          {keyStatus?.hasKey ? <RemoveKeyButton onRemove={() => void removeKey()} /> : null}
        </div>
      )}
    </section>
  )
}
