import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { SHORTCUTS, shortcutKeys, type Shortcut } from '../../lib/shortcuts'
import { useApp } from '../../store/StoreProvider'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
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
        <ShortcutList />
      </div>
    </Dialog>
  )
}

/** Every shortcut, one row per action (the sheet and Settings → Shortcuts show it). */
export function ShortcutList() {
  const { t } = useTranslation()
  return (
    <dl className="shortcut-list">
      {rowsOf(SHORTCUTS).map(([labelKey, shortcuts]) => (
        <div key={labelKey} className="shortcut-row">
          <dt>{t(labelKey)}</dt>
          <dd>
            {shortcuts.map((shortcut) => (
              <kbd key={shortcut.id}>{shortcutKeys(shortcut)}</kbd>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** One row per action: shortcuts doing the same thing (Ctrl+Shift+O and Ctrl+N) share it. */
function rowsOf(shortcuts: readonly Shortcut[]): Array<[string, Shortcut[]]> {
  const rows = new Map<string, Shortcut[]>()
  for (const shortcut of shortcuts)
    rows.set(shortcut.labelKey, [...(rows.get(shortcut.labelKey) ?? []), shortcut])
  return [...rows]
}
