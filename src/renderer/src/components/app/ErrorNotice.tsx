import { useTranslation } from 'react-i18next'
import type { AppErrorInfo } from '../../../../shared/errors'
import { describeError } from '../../lib/errorText'
import { useApp } from '../../store/StoreProvider'
import './ErrorNotice.css'

/** The words and actions for an error, inside an alert region. */
export function ErrorNotice({
  error,
  onRetry,
  retryDisabled = false,
  onDismiss,
  className = ''
}: {
  error: AppErrorInfo
  onRetry?: () => void
  retryDisabled?: boolean
  onDismiss?: () => void
  className?: string
}) {
  const { t } = useTranslation()
  const openSettingsAt = useApp((s) => s.openSettingsAt)
  const phase = useApp((s) => s.phase)
  const description = describeError(error, t)
  return (
    <div role="alert" className={`error-notice ${className}`}>
      <div className="error-notice-text">
        <p>{description.text}</p>
        {description.detail ? <p className="error-notice-detail">{description.detail}</p> : null}
      </div>
      <div className="error-notice-actions">
        {description.canRetry && onRetry ? (
          <button type="button" className="button" disabled={retryDisabled} onClick={onRetry}>
            {t('errors.retry')}
          </button>
        ) : null}
        {description.opensSettings && phase === 'chat' ? (
          <button type="button" className="button" onClick={() => openSettingsAt('connection')}>
            {t('errors.openSettings')}
          </button>
        ) : null}
        {onDismiss ? (
          <button type="button" className="button button-quiet" onClick={onDismiss}>
            {t('app.dismiss')}
          </button>
        ) : null}
      </div>
    </div>
  )
}

/** Errors from requests themselves (not from a reply), until dismissed. */
export function ErrorBanner() {
  const banner = useApp((s) => s.banner)
  const dismiss = useApp((s) => s.dismissBanner)
  if (!banner) return null
  return <ErrorNotice error={banner} onDismiss={dismiss} className="banner" />
}
