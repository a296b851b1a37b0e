import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { copyText } from '../../lib/clipboard'
import { lastCodeBlock } from '../../lib/plainText'
import { isMessageShortcut, shortcutOf } from '../../lib/shortcuts'
import { selectActiveMessages, selectChatKeysBlocked, selectIsStreaming } from '../../store'
import { useAppStore } from '../../store/StoreProvider'
import './MessageActions.css'

// How long the note saying what was copied stays.
const NOTE_MS = 1800

/**
 * The message shortcuts (lib/shortcuts.ts) on the window: copy the last answer or its last code
 * block, regenerate the last answer. (↑ in an empty message box is the composer's.) Says in a
 * short note what was copied.
 */
export function MessageShortcuts() {
  const { t } = useTranslation()
  const store = useAppStore()
  const [note, setNote] = useState<string | null>(null)

  useEffect(() => {
    if (note === null) return
    const timer = setTimeout(() => setNote(null), NOTE_MS)
    return () => clearTimeout(timer)
  }, [note])

  useEffect(() => {
    async function copy(text: string | null, done: string, missing: string): Promise<void> {
      if (text === null) return setNote(t(missing))
      setNote((await copyText(text)) ? t(done) : t('actions.copyFailed'))
    }
    function onKeyDown(event: KeyboardEvent): void {
      if (event.isComposing || event.defaultPrevented) return
      const shortcut = shortcutOf(event)
      if (!shortcut || !isMessageShortcut(shortcut) || shortcut.where) return
      const state = store.getState()
      if (selectChatKeysBlocked(state)) return
      event.preventDefault()
      const messages = selectActiveMessages(state)
      const lastAnswer = [...messages]
        .reverse()
        .find((m) => m.role === 'assistant' && m.content !== '')
      if (shortcut.action === 'copyLastAnswer') {
        void copy(lastAnswer?.content ?? null, 'actions.copiedLastAnswer', 'actions.nothingToCopy')
      } else if (shortcut.action === 'copyLastCode') {
        void copy(
          lastAnswer ? lastCodeBlock(lastAnswer.content) : null,
          'actions.copiedLastCode',
          lastAnswer ? 'actions.noCodeToCopy' : 'actions.nothingToCopy'
        )
      } else if (shortcut.action === 'regenerate') {
        const last = messages.at(-1)
        if (
          last?.role === 'assistant' &&
          last.status !== 'streaming' &&
          !selectIsStreaming(state)
        ) {
          void state.regenerateReply(last.id)
        }
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [store, t])

  return note ? (
    <div role="status" className="copy-toast">
      {note}
    </div>
  ) : null
}
