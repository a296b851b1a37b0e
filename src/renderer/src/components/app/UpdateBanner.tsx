import { useTranslation } from 'react-i18next'
import { isUpdateShown } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import './UpdateBanner.css'

/**
 * A small card in the window's corner while an update downloads or waits for the user's word
 * ("Restart to update"), and the answer to Help → Check for Updates…. Never shown where the app
 * cannot update itself (dev, tests): main sends no update state there.
 */
export function UpdateBanner() {
  const { t } = useTranslation()
  const update = useApp((s) => s.update)
  const dismissed = useApp((s) => s.updateDismissed)
  const dismiss = useApp((s) => s.dismissUpdate)
  const install = useApp((s) => s.installUpdate)
  const shown = isUpdateShown(update) && !dismissed

  return (
    // The live region stays in the page, so screen readers announce the banner when it fills.
    <div className="update-region" role="status">
      {shown ? (
        <section className="update-banner" aria-label={t('updates.title')}>
          <div className="update-text">
            {update.state === 'checking' ? <p>{t('updates.checking')}</p> : null}
            {update.state === 'upToDate' ? <p>{t('updates.upToDate')}</p> : null}
            {update.state === 'available' ? (
              <p>{t('updates.available', { version: update.version })}</p>
            ) : null}
            {update.state === 'downloading' ? (
              <>
                <p>
                  {t('updates.downloading', { version: update.version, percent: update.percent })}
                </p>
                <progress
                  className="update-progress"
                  max={100}
                  value={update.percent}
                  aria-label={t('updates.progress')}
                />
              </>
            ) : null}
            {update.state === 'downloaded' ? (
              <p>{t('updates.downloaded', { version: update.version })}</p>
            ) : null}
            {update.state === 'installing' ? <p>{t('updates.installing')}</p> : null}
            {update.state === 'error' ? (
              <>
                <p>{t(`updates.failed.${update.step}`)}</p>
                <p className="update-detail" title={update.message}>
                  {update.message}
                </p>
              </>
            ) : null}
          </div>
          {update.state === 'downloaded' ? (
            <button type="button" className="button button-primary" onClick={() => void install()}>
              {t('updates.restart')}
            </button>
          ) : null}
          {update.state !== 'installing' ? (
            <IconButton label={t('updates.dismiss')} onClick={dismiss}>
              <span aria-hidden="true">×</span>
            </IconButton>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}
