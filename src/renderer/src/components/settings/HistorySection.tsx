import { useEffect, useId } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBytes } from '../../lib/attachmentRules'
import { useFormatDate } from '../../lib/date'
import { useApp } from '../../store/StoreProvider'
import { useBackupKind } from '../app/RecoveryScreen'
import '../app/BackupList.css'
import { ArchiveOlder } from './ArchiveOlder'
import { ImageTextProgress } from './ImageTextProgress'

/** Export all, import a file, archive old chats, and the backups kept of the history (read-only). */
export function HistorySection() {
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
      <ArchiveOlder />
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
      <ImageTextProgress />
    </section>
  )
}
