import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import './RateLimitWait.css'

/**
 * A reply waiting out a rate limit: "Rate-limited: retrying in 12 s", counting down, with Stop and
 * Retry now. Screen readers hear the wait once, not every second.
 */
export function RateLimitWait({ messageId, retryAt }: { messageId: number; retryAt: number }) {
  const { t } = useTranslation()
  const stopReply = useApp((s) => s.stopReply)
  const retryReplyNow = useApp((s) => s.retryReplyNow)
  const seconds = useSecondsUntil(retryAt)
  return (
    <div className="rate-limit-wait">
      <span className="rate-limit-text" aria-hidden="true">
        {t('rateLimit.waiting', { seconds })}
      </span>
      <span className="visually-hidden" role="status">
        {t('rateLimit.announce')}
      </span>
      <button type="button" className="button" onClick={() => void retryReplyNow(messageId)}>
        {t('rateLimit.retryNow')}
      </button>
      <button type="button" className="button button-quiet" onClick={() => void stopReply()}>
        {t('rateLimit.stop')}
      </button>
    </div>
  )
}

/** Whole seconds left until `time`, ticking every second (never below 0). */
function useSecondsUntil(time: number): number {
  const [seconds, setSeconds] = useState(() => secondsUntil(time))
  useEffect(() => {
    setSeconds(secondsUntil(time))
    const timer = setInterval(() => setSeconds(secondsUntil(time)), 250)
    return () => clearInterval(timer)
  }, [time])
  return seconds
}

function secondsUntil(time: number): number {
  return Math.max(0, Math.ceil((time - Date.now()) / 1000))
}
