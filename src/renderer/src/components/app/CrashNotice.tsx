import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import './CrashNotice.css'

/** After a crash: where its dumps and the logs are, and how to attach them to a report. */
export function CrashNoticeBanner() {
  const { t } = useTranslation()
  const notice = useApp((s) => s.crashNotice)
  const load = useApp((s) => s.loadCrashNotice)
  const dismiss = useApp((s) => s.dismissCrashNotice)
  useEffect(() => {
    void load()
  }, [load])
  if (!notice) return null
  return (
    <section className="crash-notice" role="status" aria-label={t('crashNotice.label')}>
      <p className="crash-notice-title">
        {notice.reason === 'crash' ? t('crashNotice.crashed') : t('crashNotice.unclean')}
      </p>
      <p>{t('crashNotice.howToReport')}</p>
      <dl className="crash-notice-folders">
        {notice.dumps > 0 ? (
          <>
            <dt>{t('crashNotice.dumps', { count: notice.dumps })}</dt>
            <dd>{notice.dumpsFolder}</dd>
          </>
        ) : null}
        <dt>{t('crashNotice.logs')}</dt>
        <dd>{notice.logsFolder}</dd>
      </dl>
      <button type="button" className="button" onClick={dismiss}>
        {t('crashNotice.dismiss')}
      </button>
    </section>
  )
}
