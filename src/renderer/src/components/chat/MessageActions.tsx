import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Message } from '../../../../shared/types'
import { copyText } from '../../lib/clipboard'
import { markdownToPlainText } from '../../lib/plainText'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import { Menu, MenuItem, type MenuAnchor } from '../../ui/Menu'
import './MessageActions.css'

// How long "Copied" shows on the copy button.
const COPIED_MS = 1500

/** What a message offers: which actions apply to it where it stands. */
export interface MessagePlace {
  /** It is the last message of the path shown (and nothing newer is unloaded). */
  last: boolean
  /** A reply streams in its conversation, or a message is being sent: actions wait. */
  busy: boolean
}

/** Whether a reply can be continued: cut off at the token limit, or stopped, with text. */
export function canContinue(message: Message): boolean {
  return (
    message.role === 'assistant' &&
    message.content !== '' &&
    (message.finishReason === 'length' ||
      message.status === 'stopped' ||
      message.status === 'interrupted')
  )
}

/**
 * The switcher between versions of a message (‹ 2 / 3 ›): regenerated replies, edited questions.
 * Nothing when there is only one.
 */
export function VersionSwitcher({ message, busy }: { message: Message; busy: boolean }) {
  const { t } = useTranslation()
  const showVersion = useApp((s) => s.showVersion)
  const { versions } = message
  if (versions.length < 2) return null
  const at = versions.indexOf(message.id)
  const go = (index: number) => void showVersion(versions[index])
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of buttons (previous, next), not a form fieldset
    <div className="version-switcher" role="group" aria-label={t('actions.versions')}>
      <IconButton
        label={t('actions.previousVersion')}
        disabled={busy || at <= 0}
        onClick={() => go(at - 1)}
      >
        ‹
      </IconButton>
      <span className="version-position">
        <span aria-hidden="true">{`${at + 1} / ${versions.length}`}</span>
        <span className="visually-hidden">
          {t('actions.versionOf', { position: at + 1, count: versions.length })}
        </span>
      </span>
      <IconButton
        label={t('actions.nextVersion')}
        disabled={busy || at === -1 || at >= versions.length - 1}
        onClick={() => go(at + 1)}
      >
        ›
      </IconButton>
    </div>
  )
}

/**
 * The actions on a message, shown on hover or focus: copy, edit (questions), regenerate (the last
 * reply), delete. Continue sits in the reply's footer, next to why the reply was cut short.
 */
export function MessageActions({ message, place }: { message: Message; place: MessagePlace }) {
  const { t } = useTranslation()
  const regenerateReply = useApp((s) => s.regenerateReply)
  const startEditing = useApp((s) => s.startEditing)
  const askToDelete = useApp((s) => s.askToDelete)
  const reply = message.role === 'assistant'
  return (
    <div className={place.last ? 'message-actions message-actions-last' : 'message-actions'}>
      {/* Nothing to copy from a reply that has no text (stopped before any arrived). */}
      {message.content !== '' || !reply ? <CopyButton message={message} last={place.last} /> : null}
      {!reply ? (
        <IconButton
          label={t('actions.edit')}
          disabled={place.busy}
          onClick={() => startEditing(message.id)}
        >
          <span aria-hidden="true" className="icon-rename" />
        </IconButton>
      ) : null}
      {!reply && place.last ? (
        // A question whose only reply was deleted: ask for an answer again.
        <IconButton
          label={t('unanswered.sendAgain')}
          disabled={place.busy}
          onClick={() => void regenerateReply(message.id)}
        >
          <span aria-hidden="true" className="action-icon icon-regenerate" />
        </IconButton>
      ) : null}
      {reply && place.last ? (
        <IconButton
          label={t('actions.regenerate')}
          shortcut="regenerate"
          disabled={place.busy}
          onClick={() => void regenerateReply(message.id)}
        >
          <span aria-hidden="true" className="action-icon icon-regenerate" />
        </IconButton>
      ) : null}
      <IconButton
        label={t('actions.delete')}
        disabled={place.busy}
        onClick={() => askToDelete(message.id)}
      >
        <span aria-hidden="true" className="action-icon icon-delete" />
      </IconButton>
    </div>
  )
}

/**
 * Copy in one click (the text as written: Markdown), and for replies a small menu beside it with
 * both forms, Markdown and plain text. The last reply's Copy shows its shortcut.
 */
function CopyButton({ message, last }: { message: Message; last: boolean }) {
  const { t } = useTranslation()
  const id = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const moreRef = useRef<HTMLButtonElement>(null)
  const [anchor, setAnchor] = useState<MenuAnchor | null>(null)
  const [copied, setCopied] = useState<'copied' | 'failed' | null>(null)
  const reply = message.role === 'assistant'
  useEffect(() => {
    if (copied === null) return
    const timer = setTimeout(() => setCopied(null), COPIED_MS)
    return () => clearTimeout(timer)
  }, [copied])

  async function copy(format: 'markdown' | 'plain'): Promise<void> {
    setAnchor(null)
    // A question is shown as typed: its plain text is its text.
    const text =
      format === 'plain' && reply ? markdownToPlainText(message.content) : message.content
    setCopied((await copyText(text)) ? 'copied' : 'failed')
    buttonRef.current?.focus()
  }

  return (
    <span className="copy-button">
      <IconButton
        ref={buttonRef}
        label={
          copied === 'copied'
            ? t('markdown.copied')
            : copied === 'failed'
              ? t('markdown.copyFailed')
              : t('actions.copy')
        }
        shortcut={reply && last ? 'copyLastAnswer' : undefined}
        onClick={() => void copy('markdown')}
      >
        <span
          aria-hidden="true"
          className={copied === 'copied' ? 'action-icon icon-check' : 'action-icon icon-copy'}
        />
      </IconButton>
      {reply ? (
        <IconButton
          ref={moreRef}
          id={id}
          className="copy-more"
          label={t('tooltips.copyOptions')}
          aria-haspopup="menu"
          aria-expanded={anchor !== null}
          onClick={() => {
            const box = moreRef.current!.getBoundingClientRect()
            setAnchor({ x: box.left, y: box.bottom + 4 })
          }}
        >
          <span aria-hidden="true">▾</span>
        </IconButton>
      ) : null}
      {anchor ? (
        <Menu
          anchor={anchor}
          labelledBy={id}
          label={t('tooltips.copyOptions')}
          onClose={(refocus) => {
            setAnchor(null)
            if (refocus) moreRef.current?.focus()
          }}
        >
          <MenuItem icon="icon-copy" onSelect={() => void copy('markdown')}>
            {t('actions.copyMarkdown')}
          </MenuItem>
          <MenuItem icon="icon-copy" onSelect={() => void copy('plain')}>
            {t('actions.copyPlain')}
          </MenuItem>
        </Menu>
      ) : null}
    </span>
  )
}
