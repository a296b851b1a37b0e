import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { attachmentBlock } from '../../lib/attachmentRules'
import { shortcutOf } from '../../lib/shortcuts'
import { selectActiveMessages, selectIsStreaming, selectTray } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { AttachButton } from './AttachButton'
import { CaptureButton } from './CaptureButton'
import { AttachmentAlerts } from './AttachmentAlerts'
import { AttachmentTray } from './AttachmentTray'
import { ContextMeter } from './ContextMeter'
import { PagesOffers } from './PagesOffer'
import { useCurrentModelInfo } from './useCurrentModelInfo'
import { Tooltip } from '../../ui/Tooltip'
import './Composer.css'

// Chromium reports keyCode 229 for keys an IME is still composing.
const IME_KEY_CODE = 229

/**
 * The message box with its attachment tray: Enter sends, Shift+Enter breaks the line, Stop
 * replaces Send while streaming. Files alone (no text) may be sent.
 */
export function Composer() {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const textareaRef = useRef<HTMLTextAreaElement>(null)
  const conversationId = useApp((s) => s.activeConversationId)
  const streaming = useApp(selectIsStreaming)
  const busy = useApp(
    (s) =>
      s.sending ||
      (s.loadingConversationId !== null && s.loadingConversationId === s.activeConversationId)
  )
  const sendMessage = useApp((s) => s.sendMessage)
  const stopReply = useApp((s) => s.stopReply)
  const startEditing = useApp((s) => s.startEditing)
  const lastQuestionId = useApp(
    (s) => selectActiveMessages(s).findLast((m) => m.role === 'user')?.id ?? null
  )
  const tray = useApp(selectTray)
  const { info, models } = useCurrentModelInfo()
  const blocked = useMemo(
    () => attachmentBlock(tray.drafts, info, models) !== null,
    [tray.drafts, info, models]
  )
  const canSend =
    (text.trim() !== '' || tray.drafts.length > 0) &&
    tray.pending.length === 0 &&
    !blocked &&
    !streaming &&
    !busy

  useEffect(() => {
    textareaRef.current?.focus()
  }, [conversationId])

  async function send(): Promise<void> {
    if (!canSend) return
    const sent = text
    setText('')
    textareaRef.current?.focus()
    const ok = await sendMessage(sent)
    // Give the text back when it did not go out, unless the user has started another one.
    if (ok === false) setText((current) => (current === '' ? sent : current))
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    // ↑ in an empty box edits the last question (lib/shortcuts.ts), as in ChatGPT.
    if (text === '' && shortcutOf(event)?.action === 'editLastQuestion') {
      if (lastQuestionId !== null && !streaming && !busy) {
        event.preventDefault()
        startEditing(lastQuestionId)
      }
      return
    }
    if (event.key !== 'Enter' || event.shiftKey) return
    // Enter that confirms an IME candidate must never send.
    if (event.nativeEvent.isComposing || event.keyCode === IME_KEY_CODE) return
    event.preventDefault()
    void send()
  }

  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault()
        void send()
      }}
    >
      <AttachmentAlerts />
      <ContextMeter draftText={text} />
      <PagesOffers draftText={text} />
      <div className="composer-box">
        <AttachmentTray />
        <div className="composer-row">
          <AttachButton />
          <CaptureButton />
          <textarea
            ref={textareaRef}
            className="composer-input"
            aria-label={t('composer.label')}
            placeholder={t('composer.placeholder')}
            rows={1}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onKeyDown}
          />
          {streaming ? (
            <Tooltip text={t('composer.stop')} shortcut="stopReply">
              <button
                type="button"
                className="button composer-stop"
                onClick={() => {
                  void stopReply()
                  textareaRef.current?.focus()
                }}
              >
                <span className="icon-stop" aria-hidden="true" />
                {t('composer.stop')}
              </button>
            </Tooltip>
          ) : (
            <Tooltip text={t('composer.send')} shortcut="send">
              <button
                type="submit"
                className="button button-primary composer-send"
                disabled={!canSend}
              >
                {t('composer.send')}
              </button>
            </Tooltip>
          )}
        </div>
      </div>
    </form>
  )
}
