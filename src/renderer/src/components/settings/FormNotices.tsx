import { useTranslation } from 'react-i18next'
import type { KeyStatus } from '../../../../shared/types'
import { describeError } from '../../lib/errorText'
import { useApp } from '../../store/StoreProvider'
import './FormNotices.css'

/** The outcome of "Test connection": a status while testing or on success, an alert on failure. */
export function ConnectionStatus() {
  const { t } = useTranslation()
  const test = useApp((s) => s.connectionTest)
  if (test.state === 'idle') return null
  if (test.state === 'failed') {
    const description = describeError(test.error, t)
    return (
      <div role="alert" className="connection-status connection-failed">
        <p>{t('connection.failedWith', { reason: description.text })}</p>
        {description.detail ? <p className="error-notice-detail">{description.detail}</p> : null}
      </div>
    )
  }
  return (
    <p role="status" className={`connection-status ${test.state === 'ok' ? 'connection-ok' : ''}`}>
      {test.state === 'ok'
        ? t('connection.ok', { count: test.modelCount })
        : t('connection.testing')}
    </p>
  )
}

/** Says plainly that without a keychain the key lives in memory only. */
export function KeychainWarning({ keyStatus }: { keyStatus: KeyStatus | null }) {
  const { t } = useTranslation()
  if (keyStatus?.keychain !== 'unavailable') return null
  return (
    <p className="warning" role="note">
      {t('keychain.unavailable', { error: keyStatus.keychainError || t('keychain.noDetails') })}
    </p>
  )
}

/** Errors from the setup and settings forms. */
export function FormError() {
  const { t } = useTranslation()
  const error = useApp((s) => s.formError)
  if (!error) return null
  const description = describeError(error, t)
  return (
    <div role="alert" className="form-error">
      <p>{description.text}</p>
      {description.detail ? <p className="error-notice-detail">{description.detail}</p> : null}
    </div>
  )
}
