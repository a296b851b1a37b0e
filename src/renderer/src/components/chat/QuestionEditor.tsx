import { useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '../../../../shared/types'
import { useApp } from '../../store/StoreProvider'
import './QuestionEditor.css'

/**
 * A question edited in place: Enter (or "Save and send") sends it as a new version beside the
 * original, Shift+Enter breaks the line, Esc cancels. A question without a reply (`unanswered`)
 * may be sent again unchanged: it then gets its reply, with no new version.
 */
export function QuestionEditor({
  message,
  busy,
  unanswered = false
}: {
  message: Message
  busy: boolean
  unanswered?: boolean
}) {
  const { t } = useTranslation()
  const [text, setText] = useState(message.content)
  const editMessage = useApp((s) => s.editMessage)
  const regenerateReply = useApp((s) => s.regenerateReply)
  const startEditing = useApp((s) => s.startEditing)
  const empty = text.trim() === '' && message.attachments.length === 0
  const unchanged = text === message.content
  function save(): void {
    if (empty || busy || (unchanged && !unanswered)) return
    if (unchanged) {
      startEditing(null)
      void regenerateReply(message.id)
    } else void editMessage(message.id, text)
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    if (event.nativeEvent.isComposing) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      startEditing(null)
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault()
      save()
    }
  }
  return (
    <form
      className="message-editor"
      onSubmit={(event) => {
        event.preventDefault()
        save()
      }}
    >
      <textarea
        aria-label={t('actions.editLabel')}
        value={text}
        // biome-ignore lint/a11y/noAutofocus: Edit was just asked for: the question's own text box takes the focus
        autoFocus
        onFocus={(event) => event.currentTarget.setSelectionRange(text.length, text.length)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <p className="message-editor-hint">{t('actions.editHint')}</p>
      <div className="message-editor-buttons">
        <button type="button" className="button" onClick={() => startEditing(null)}>
          {t('actions.cancel')}
        </button>
        <button
          type="submit"
          className="button button-primary"
          disabled={empty || busy || (unchanged && !unanswered)}
        >
          {t('actions.saveAndSend')}
        </button>
      </div>
    </form>
  )
}
