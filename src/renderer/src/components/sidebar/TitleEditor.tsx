import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import './TitleEditor.css'

/**
 * A conversation's title being edited in place: Enter (or leaving the field) saves, Esc cancels.
 * `onSave` answers false when the title was refused; the field then stays open.
 */
export function TitleEditor({
  title,
  onSave,
  onDone,
  className = ''
}: {
  title: string
  onSave: (title: string) => Promise<boolean>
  onDone: () => void
  className?: string
}) {
  const { t } = useTranslation()
  const [value, setValue] = useState(title)
  const inputRef = useRef<HTMLInputElement>(null)
  // Enter, Esc and blur can all end the edit; only the first one counts.
  const finished = useRef(false)

  useEffect(() => {
    inputRef.current?.focus()
    inputRef.current?.select()
  }, [])

  async function save(): Promise<void> {
    if (finished.current) return
    finished.current = true
    const next = value.trim()
    if (next === '' || next === title) {
      onDone()
      return
    }
    if (await onSave(next)) onDone()
    else finished.current = false
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    // Keys that belong to an IME composition are the IME's (Enter picks the candidate).
    if (event.nativeEvent.isComposing) return
    if (event.key === 'Enter') {
      event.preventDefault()
      void save()
    } else if (event.key === 'Escape') {
      // Esc here cancels the edit and nothing else (not the streaming reply, not a dialog).
      event.preventDefault()
      event.stopPropagation()
      finished.current = true
      onDone()
    }
  }

  return (
    <input
      ref={inputRef}
      type="text"
      className={`title-editor ${className}`}
      aria-label={t('conversation.titleField')}
      value={value}
      maxLength={200}
      spellCheck={false}
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => void save()}
    />
  )
}
