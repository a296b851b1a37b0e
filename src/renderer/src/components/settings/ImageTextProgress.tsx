import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'

/** How often the progress is asked for while images are being read. */
const POLL_MS = 2_000

/** Settings → History: how many of the history's images have had their text read (offline). */
export function ImageTextProgress() {
  const { t } = useTranslation()
  const status = useApp((s) => s.imageTextStatus)
  const refresh = useApp((s) => s.refreshImageTextStatus)
  const finished = status !== null && status.done >= status.total

  useEffect(() => {
    void refresh()
    if (finished) return
    const timer = setInterval(() => void refresh(), POLL_MS)
    return () => clearInterval(timer)
  }, [refresh, finished])

  return (
    <>
      <h4 className="settings-subtitle">{t('imageText.title')}</h4>
      <p className="field-hint">{t('imageText.hint')}</p>
      {status === null ? null : status.total === 0 ? (
        <p className="field-hint">{t('imageText.none')}</p>
      ) : (
        <div className="image-text-progress">
          <progress max={status.total} value={status.done} aria-label={t('imageText.title')} />
          <p role="status" className="field-hint">
            {finished
              ? t('imageText.done', { count: status.total })
              : t(status.running ? 'imageText.reading' : 'imageText.waiting', {
                  done: status.done,
                  total: status.total
                })}
          </p>
        </div>
      )}
    </>
  )
}
