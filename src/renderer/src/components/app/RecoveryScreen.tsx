import { useEffect, useId, useRef, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { BackupInfo } from '../../../../shared/types'
import { formatBytes } from '../../lib/attachmentRules'
import { useFormatDate } from '../../lib/date'
import { useApp } from '../../store/StoreProvider'
import { ErrorNotice } from './ErrorNotice'
// The recovery card is laid out like the setup card.
import './SetupScreen.css'
import './BackupList.css'
import './RecoveryScreen.css'

/** The kind of a backup in words: a daily one, or the copy taken before an update changed the file. */
export function useBackupKind(): (backup: BackupInfo) => string {
  const { t } = useTranslation()
  return (backup) => {
    if (backup.reason === 'daily') return t('backups.daily')
    const migration = /^before-migration-(\d+)$/.exec(backup.reason)
    if (migration) return t('backups.beforeMigration', { version: migration[1] })
    // before-version-1-2-0 (a backup name has no dots): the first start of version 1.2.0.
    const version = /^before-version-(\d+)-(\d+)-(\d+)(.*)$/.exec(backup.reason)
    if (version)
      return t('backups.beforeVersion', { version: version.slice(1, 4).join('.') + version[4] })
    return backup.reason
  }
}

/**
 * Shown instead of the app while the history database is refused (written by a newer version, or
 * damaged): what happened, that the file was left as it was, and the backups to restore.
 */
export function RecoveryScreen() {
  const { t } = useTranslation()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const status = useApp((s) => s.historyStatus)
  const restoring = useApp((s) => s.restoringBackup)
  const error = useApp((s) => s.recoveryError)
  const restoreBackup = useApp((s) => s.restoreBackup)
  const keepHistory = useApp((s) => s.keepHistory)
  const kindOf = useBackupKind()
  const formatDate = useFormatDate()
  const listId = useId()

  useEffect(() => headingRef.current?.focus(), [])

  if (status?.state !== 'refused') return null
  if (status.problem === 'unwritable' || status.problem === 'full') {
    return (
      <FolderProblem
        problem={status.problem}
        folder={status.folder ?? ''}
        detail={status.detail}
        headingRef={headingRef}
      />
    )
  }
  const problem =
    status.problem === 'newer'
      ? t('recovery.newer')
      : status.problem === 'shrunk'
        ? t('recovery.shrunk', {
            foundConversations: status.found?.conversations ?? 0,
            foundMessages: status.found?.messages ?? 0,
            expectedConversations: status.expected?.conversations ?? 0,
            expectedMessages: status.expected?.messages ?? 0
          })
        : t('recovery.damaged')
  return (
    <main className="setup recovery">
      <section className="setup-card recovery-card" aria-labelledby={`${listId}-title`}>
        <h1 id={`${listId}-title`} ref={headingRef} tabIndex={-1}>
          {t('recovery.title')}
        </h1>
        <p className="recovery-problem">{problem}</p>
        <p className="recovery-safe">{t('recovery.untouched')}</p>
        {status.detail ? (
          <details className="recovery-detail">
            <summary>{t('recovery.technical')}</summary>
            <p>{status.detail}</p>
          </details>
        ) : null}
        <h2 id={listId} className="recovery-subtitle">
          {t('recovery.backups')}
        </h2>
        {status.backups.length === 0 ? (
          <p className="field-hint">
            {t(status.problem === 'newer' ? 'recovery.noBackupsNewer' : 'recovery.noBackups')}
          </p>
        ) : (
          <>
            <p className="field-hint">{t('recovery.restoreHint')}</p>
            <ul className="backup-list" aria-labelledby={listId}>
              {status.backups.map((backup) => {
                const describedBy = `${listId}-${backup.name}`
                return (
                  <li key={backup.name} className="backup-item">
                    <div id={describedBy} className="backup-meta">
                      <span className="backup-date">{formatDate(backup.createdAt)}</span>
                      <span className="backup-facts">
                        {kindOf(backup)} · {formatBytes(backup.bytes)}
                      </span>
                    </div>
                    <button
                      type="button"
                      className="button button-primary"
                      aria-describedby={describedBy}
                      disabled={restoring !== null}
                      onClick={() => void restoreBackup(backup.name)}
                    >
                      {restoring === backup.name ? t('recovery.restoring') : t('recovery.restore')}
                    </button>
                  </li>
                )
              })}
            </ul>
          </>
        )}
        {status.problem === 'shrunk' ? (
          <>
            <p className="field-hint">{t('recovery.keepHint')}</p>
            <button
              type="button"
              className="button"
              disabled={restoring !== null}
              onClick={() => void keepHistory()}
            >
              {t('recovery.keep')}
            </button>
          </>
        ) : null}
        {error ? <ErrorNotice error={error} /> : null}
      </section>
    </main>
  )
}

/**
 * The data folder cannot be written (read-only disk, permissions) or its disk is full: no backup
 * fixes that, so the screen names the folder and says what to do.
 */
function FolderProblem({
  problem,
  folder,
  detail,
  headingRef
}: {
  problem: 'unwritable' | 'full'
  folder: string
  detail: string
  headingRef: RefObject<HTMLHeadingElement | null>
}) {
  const { t } = useTranslation()
  const titleId = useId()
  return (
    <main className="setup recovery">
      <section className="setup-card recovery-card" aria-labelledby={titleId}>
        <h1 id={titleId} ref={headingRef} tabIndex={-1}>
          {t('recovery.title')}
        </h1>
        <p className="recovery-problem">{t(`recovery.${problem}`, { folder })}</p>
        <p className="recovery-help">{t(`recovery.${problem}Help`)}</p>
        <p className="recovery-safe">{t('recovery.untouched')}</p>
        {detail ? (
          <details className="recovery-detail">
            <summary>{t('recovery.technical')}</summary>
            <p>{detail}</p>
          </details>
        ) : null}
      </section>
    </main>
  )
}
