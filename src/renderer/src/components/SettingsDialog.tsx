import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../storeContext'
import { AppearanceSettings } from './AppearanceSettings'
import { ConnectionTest } from './ConnectionTest'
import { FormError, KeychainWarning } from './FormNotices'
import { LanguageSelect } from './LanguageSelect'
import { DefaultParamsSection, PresetsSection } from './ParamsSettings'
import { useBackupKind } from './RecoveryScreen'
import { useFormatDate } from '../lib/date'
import { formatBytes } from '../attachments'
import { Dialog } from '../ui/Dialog'
import { IconButton } from '../ui/IconButton'
import { TextField } from '../ui/TextField'
import './BackupList.css'
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
        <FormError />
      </div>
    </Dialog>
  )
}

function ConnectionSection() {
  const { t } = useTranslation()
  const savedBaseURL = useApp((s) => s.settings.baseURL)
  const saveBaseURL = useApp((s) => s.saveBaseURL)
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
      <form onSubmit={(event) => void save(event)}>
        <TextField
          label={t('settings.baseURL')}
          type="url"
          value={baseURL}
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setBaseURL(event.target.value)
            setSaved(false)
          }}
          trailing={
            // Only with an unsaved change, so replacing the key shows a single "Save".
            dirty ? (
              <button
                type="submit"
                className="button button-primary"
                disabled={baseURL.trim() === ''}
              >
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
        </TextField>
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
          <span className="field-hint">
            {' '}
            {t(keyStatus.storage === 'keychain' ? 'settings.inKeychain' : 'settings.inMemory')}
          </span>
        ) : null}
      </p>
      <KeychainWarning keyStatus={keyStatus} />
      {replacing ? (
        <form onSubmit={(event) => void save(event)}>
          <TextField
            label={t('settings.newKey')}
            type="password"
            value={key}
            spellCheck={false}
            autoComplete="off"
            autoFocus
            onChange={(event) => setKey(event.target.value)}
            trailing={
              <>
                <button
                  type="submit"
                  className="button button-primary"
                  disabled={key.trim() === ''}
                >
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

/** Export all, import a file, and the backups kept of the history (read-only). */
function HistorySection() {
  const { t } = useTranslation()
  const inputId = useId()
  const transfer = useApp((s) => s.historyTransfer)
  const status = useApp((s) => s.historyStatus)
  const exportHistory = useApp((s) => s.exportHistory)
  const importHistory = useApp((s) => s.importHistory)
  const dismiss = useApp((s) => s.dismissHistoryTransfer)
  const refresh = useApp((s) => s.refreshHistoryStatus)
  const kindOf = useBackupKind()
  const formatDate = useFormatDate()
  const busy = transfer.state === 'busy'

  useEffect(() => {
    void refresh()
    return dismiss
  }, [refresh, dismiss])

  return (
    <section className="settings-section">
      <h3>{t('settings.history')}</h3>
      <p className="field-hint">{t('settings.historyHint')}</p>
      <div className="form-actions form-actions-start">
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() => void exportHistory()}
        >
          {t('settings.exportAll')}
        </button>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          disabled={busy}
          onChange={(event) => {
            const file = event.target.files?.[0]
            // Cleared, so choosing the same file again imports it again (and skips it all).
            event.target.value = ''
            if (file) void importHistory(file)
          }}
        />
        {/* The label is the button; the file input stays out of sight but keeps its name and focus. */}
        <label htmlFor={inputId} className={`button file-button${busy ? ' button-disabled' : ''}`}>
          {t('settings.import')}
        </label>
      </div>
      {transfer.state === 'busy' ? (
        <p role="status" className="field-hint">
          {t('settings.working')}
        </p>
      ) : transfer.state === 'imported' ? (
        <p role="status" className="connection-status connection-ok">
          {t('settings.imported', {
            conversations: t('settings.conversationCount', {
              count: transfer.summary.conversationsAdded
            }),
            messages: t('settings.messageCount', { count: transfer.summary.messagesAdded }),
            skipped: transfer.summary.messagesSkipped
          })}
        </p>
      ) : transfer.state === 'failed' ? (
        <div role="alert" className="form-error">
          <p>
            {transfer.error.code === 'import_failed'
              ? t('settings.importFailed')
              : t('settings.transferFailed')}
          </p>
          {transfer.error.message ? (
            <p className="error-notice-detail">{transfer.error.message}</p>
          ) : null}
        </div>
      ) : null}
      <h4 className="settings-subtitle">{t('settings.backups')}</h4>
      {status && status.backups.length > 0 ? (
        <ul className="backup-list backup-list-compact" aria-label={t('settings.backups')}>
          {status.backups.map((backup) => (
            <li key={backup.name} className="backup-item">
              <span className="backup-date">{formatDate(backup.createdAt)}</span>
              <span className="backup-facts">
                {kindOf(backup)} · {formatBytes(backup.bytes)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">{t('settings.noBackups')}</p>
      )}
    </section>
  )
}
