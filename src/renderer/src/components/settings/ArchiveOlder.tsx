import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { dayStart } from '../../lib/historyView'
import { useApp } from '../../store/StoreProvider'
import '../archive/Archive.css'

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm'; count: number; date: string }
  | { kind: 'done'; count: number }

/**
 * Archive chats older than a date: counts them first and asks, stating how many (pinned chats
 * stay in the list).
 */
export function ArchiveOlder() {
  const { t } = useTranslation()
  const dateId = useId()
  const [date, setDate] = useState('')
  const [step, setStep] = useState<Step>({ kind: 'idle' })
  const [busy, setBusy] = useState(false)
  const count = useApp((s) => s.countOlderThan)
  const archive = useApp((s) => s.archiveOlderThan)
  const before = dayStart(date)

  async function ask(): Promise<void> {
    if (before === null) return
    setBusy(true)
    const found = await count(before)
    setBusy(false)
    if (found !== null) setStep({ kind: 'confirm', count: found, date })
  }

  async function confirm(): Promise<void> {
    if (before === null) return
    setBusy(true)
    const archived = await archive(before)
    setBusy(false)
    setStep(archived === null ? { kind: 'idle' } : { kind: 'done', count: archived })
  }

  return (
    <>
      <h4 className="settings-subtitle">{t('archive.olderTitle')}</h4>
      <p className="field-hint">{t('archive.olderHint')}</p>
      <div className="form-actions form-actions-start archive-older">
        <label htmlFor={dateId}>{t('archive.olderThan')}</label>
        <input
          id={dateId}
          type="date"
          className="archive-older-date"
          value={date}
          onChange={(event) => {
            setDate(event.target.value)
            setStep({ kind: 'idle' })
          }}
        />
        <button
          type="button"
          className="button"
          disabled={before === null || busy || step.kind === 'confirm'}
          onClick={() => void ask()}
        >
          {t('archive.olderButton')}
        </button>
      </div>
      {step.kind === 'confirm' ? (
        step.count === 0 ? (
          <p role="status" className="field-hint">
            {t('archive.olderNone', { date: step.date })}
          </p>
        ) : (
          <div role="alert" className="archive-older-confirm">
            <p>{t('archive.olderConfirm', { count: step.count, date: step.date })}</p>
            <div className="form-actions form-actions-start">
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void confirm()}
              >
                {t('archive.olderConfirmButton', { count: step.count })}
              </button>
              <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>
                {t('archive.cancel')}
              </button>
            </div>
          </div>
        )
      ) : step.kind === 'done' ? (
        <p role="status" className="connection-status connection-ok">
          {t('archive.olderDone', { count: step.count })}
        </p>
      ) : null}
    </>
  )
}
