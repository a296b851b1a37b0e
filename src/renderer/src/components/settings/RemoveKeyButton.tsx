import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import './RemoveKeyButton.css'

/**
 * Remove key, asked once more in place: "Remove the saved key? …" with Remove and Cancel (focus
 * goes to Cancel, and back to Remove key when cancelled).
 */
export function RemoveKeyButton({ onRemove }: { onRemove: () => void }) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const removeRef = useRef<HTMLButtonElement>(null)
  const wasAsking = useRef(false)
  useEffect(() => {
    if (asking) cancelRef.current?.focus()
    else if (wasAsking.current) removeRef.current?.focus()
    wasAsking.current = asking
  }, [asking])
  if (!asking) {
    return (
      <button
        ref={removeRef}
        type="button"
        className="button button-danger"
        onClick={() => setAsking(true)}
      >
        {t('settings.removeKey')}
      </button>
    )
  }
  return (
    // biome-ignore lint/a11y/useSemanticElements: a question with its two answers, not a form fieldset
    <div className="remove-key-confirm" role="group" aria-label={t('settings.removeKey')}>
      <p>{t('keyCheck.confirmRemove')}</p>
      <button type="button" className="button button-danger" onClick={onRemove}>
        {t('keyCheck.remove')}
      </button>
      <button ref={cancelRef} type="button" className="button" onClick={() => setAsking(false)}>
        {t('settings.cancel')}
      </button>
    </div>
  )
}
