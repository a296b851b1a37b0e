import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../storeContext'
import { ConnectionStatus, FormError, KeychainWarning } from './FormNotices'
import { LanguageSelect } from './LanguageSelect'

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [href], [tabindex]:not([tabindex="-1"])'

/** The settings modal: language, base URL, the key (replace, remove) and a connection test. */
export function SettingsDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const dialogRef = useRef<HTMLDivElement>(null)
  const closeSettings = useApp((s) => s.closeSettings)

  // Focus moves into the dialog and back to where it was when it closes.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null
    dialogRef.current?.querySelector<HTMLElement>(FOCUSABLE)?.focus()
    return () => previous?.focus()
  }, [])

  // Keep Tab inside the modal. (Esc is handled by the app's window shortcuts.)
  function trapTab(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Tab' || !dialogRef.current) return
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    if (focusable.length === 0) return
    const first = focusable[0]
    const last = focusable[focusable.length - 1]
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) closeSettings()
      }}
    >
      <div ref={dialogRef} className="modal" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={trapTab}>
        <header className="modal-header">
          <h2 id={titleId}>{t('settings.title')}</h2>
          <button type="button" className="button button-quiet icon-button" aria-label={t('settings.close')} onClick={closeSettings}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        <div className="modal-body">
          <section className="settings-section">
            <LanguageSelect />
          </section>
          <ConnectionSection />
          <KeySection />
          <FormError />
        </div>
      </div>
    </div>
  )
}

function ConnectionSection() {
  const { t } = useTranslation()
  const id = useId()
  const savedBaseURL = useApp((s) => s.settings.baseURL)
  const testing = useApp((s) => s.connectionTest.state === 'testing')
  const saveBaseURL = useApp((s) => s.saveBaseURL)
  const testConnection = useApp((s) => s.testConnection)
  const [baseURL, setBaseURL] = useState(savedBaseURL)
  const [saved, setSaved] = useState(false)
  const dirty = baseURL.trim() !== savedBaseURL

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (!dirty || baseURL.trim() === '') return
    setSaved(await saveBaseURL(baseURL.trim()))
  }

  return (
    <section className="settings-section">
      <h3>{t('settings.connection')}</h3>
      <form className="field" onSubmit={(event) => void save(event)}>
        <label htmlFor={id}>{t('settings.baseURL')}</label>
        <div className="field-row">
          <input
            id={id}
            type="url"
            value={baseURL}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => {
              setBaseURL(event.target.value)
              setSaved(false)
            }}
          />
          {/* Only with an unsaved change, so replacing the key shows a single "Save". */}
          {dirty ? (
            <button type="submit" className="button button-primary" disabled={baseURL.trim() === ''}>
              {t('settings.save')}
            </button>
          ) : null}
        </div>
        {saved && !dirty ? (
          <p role="status" className="field-hint">
            {t('settings.saved')}
          </p>
        ) : null}
      </form>
      <div className="form-actions form-actions-start">
        <button
          type="button"
          className="button"
          disabled={testing}
          onClick={() => void testConnection({ baseURL: baseURL.trim() || savedBaseURL })}
        >
          {t('settings.test')}
        </button>
      </div>
      <ConnectionStatus />
    </section>
  )
}

function KeySection() {
  const { t } = useTranslation()
  const id = useId()
  const keyStatus = useApp((s) => s.keyStatus)
  const replaceKey = useApp((s) => s.replaceKey)
  const removeKey = useApp((s) => s.removeKey)
  const [replacing, setReplacing] = useState(false)
  const [key, setKey] = useState('')

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault()
    if (key.trim() === '') return
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
          <span className="field-hint"> {t(keyStatus.storage === 'keychain' ? 'settings.inKeychain' : 'settings.inMemory')}</span>
        ) : null}
      </p>
      <KeychainWarning keyStatus={keyStatus} />
      {replacing ? (
        <form className="field" onSubmit={(event) => void save(event)}>
          <label htmlFor={id}>{t('settings.newKey')}</label>
          <div className="field-row">
            <input
              id={id}
              type="password"
              value={key}
              spellCheck={false}
              autoComplete="off"
              autoFocus
              onChange={(event) => setKey(event.target.value)}
            />
            <button type="submit" className="button button-primary" disabled={key.trim() === ''}>
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
          </div>
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
