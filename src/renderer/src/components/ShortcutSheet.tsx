import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SHORTCUTS, shortcutKeys } from '../lib/shortcuts'
import { useApp } from '../storeContext'
import { Dialog } from '../ui/Dialog'
import { IconButton } from '../ui/IconButton'
import './ShortcutSheet.css'

/** A dialog listing every keyboard shortcut (Ctrl/Cmd+/ or the keyboard button in the sidebar). */
export function ShortcutSheet() {
  const { t } = useTranslation()
  const titleId = useId()
  const close = useApp((s) => s.closeShortcuts)
  // Esc is handled by the app's window shortcuts.
  return (
    <Dialog labelledBy={titleId} onClose={close} className="modal shortcut-sheet">
      <header className="modal-header">
        <h2 id={titleId}>{t('shortcuts.title')}</h2>
        <IconButton label={t('shortcuts.close')} onClick={close}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="modal-body">
        <dl className="shortcut-list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.id} className="shortcut-row">
              <dt>{t(shortcut.labelKey)}</dt>
              <dd>
                <kbd>{shortcutKeys(shortcut)}</kbd>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </Dialog>
  )
}
