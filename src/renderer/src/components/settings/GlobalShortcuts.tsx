import { useEffect, useId, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import {
  acceleratorFromKeyPress,
  acceleratorLabel,
  parseAccelerator,
  type AcceleratorProblem
} from '../../../../shared/accelerator'
import { SHORTCUT_ACTIONS, type ShortcutAction } from '../../../../shared/desktop'
import { IS_MAC } from '../../lib/platform'
import { useApp } from '../../store/StoreProvider'
import './GlobalShortcuts.css'

const SETTING = { ask: 'askShortcut', capture: 'captureShortcut' } as const

/**
 * Settings → Shortcuts: the two system-wide shortcuts (recorded by pressing them, or cleared), a
 * shortcut the system refused said so, and whether the app keeps running in the tray.
 */
export function GlobalShortcutSettings() {
  const { t } = useTranslation()
  const loadShortcutStatus = useApp((s) => s.loadShortcutStatus)
  const keepInTray = useApp((s) => s.settings.keepInTray)
  const updateSettings = useApp((s) => s.updateSettings)
  useEffect(() => {
    void loadShortcutStatus()
  }, [loadShortcutStatus])
  return (
    <>
      <section className="settings-section" aria-labelledby="settings-global-shortcuts">
        <h3 id="settings-global-shortcuts">{t('globalShortcuts.title')}</h3>
        <p className="field-hint">{t('globalShortcuts.hint')}</p>
        {SHORTCUT_ACTIONS.map((action) => (
          <ShortcutRow key={action} action={action} />
        ))}
      </section>
      <section className="settings-section" aria-labelledby="settings-tray">
        <h3 id="settings-tray">{t('globalShortcuts.trayTitle')}</h3>
        <label className="update-setting">
          <input
            type="checkbox"
            checked={keepInTray}
            onChange={(event) => void updateSettings({ keepInTray: event.target.checked })}
          />
          <span>{t('globalShortcuts.keepInTray')}</span>
        </label>
        <p className="field-hint">{t('globalShortcuts.keepInTrayHint')}</p>
      </section>
    </>
  )
}

/** One shortcut: what it is, its keys, Record and Clear, and what the system said. */
function ShortcutRow({ action }: { action: ShortcutAction }) {
  const { t } = useTranslation()
  const noteId = useId()
  const saved = useApp((s) => s.settings[SETTING[action]])
  const status = useApp((s) => s.shortcutStatus[action])
  const updateSettings = useApp((s) => s.updateSettings)
  const loadShortcutStatus = useApp((s) => s.loadShortcutStatus)
  const [recording, setRecording] = useState(false)
  const [problem, setProblem] = useState<AcceleratorProblem | null>(null)

  const parsed = parseAccelerator(saved)
  const accelerator = parsed.ok ? parsed.accelerator : ''
  const refused =
    accelerator !== '' && status.state === 'refused' && status.accelerator === accelerator

  async function save(next: string): Promise<void> {
    setRecording(false)
    setProblem(null)
    await updateSettings({ [SETTING[action]]: next })
    await loadShortcutStatus()
  }

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void {
    if (!recording) return
    // Every key belongs to the recorder while it listens (Esc must not close Settings).
    event.preventDefault()
    event.stopPropagation()
    const plain = !event.ctrlKey && !event.altKey && !event.shiftKey && !event.metaKey
    if (event.key === 'Escape' && plain) {
      setRecording(false)
      setProblem(null)
      return
    }
    const recorded = acceleratorFromKeyPress(event, IS_MAC)
    if (recorded.state === 'recorded') void save(recorded.accelerator)
    else if (recorded.state === 'refused') setProblem(recorded.problem)
  }

  const note = problem
    ? t(problem === 'no_modifier' ? 'globalShortcuts.needsModifier' : 'globalShortcuts.unknownKey')
    : refused
      ? t('globalShortcuts.refused')
      : null

  return (
    <fieldset className="global-shortcut">
      <legend className="global-shortcut-name">{t(`globalShortcuts.${action}`)}</legend>
      <div className="global-shortcut-row">
        <span className="global-shortcut-keys" data-state={refused ? 'refused' : status.state}>
          {recording ? (
            t('globalShortcuts.pressKeys')
          ) : accelerator ? (
            <kbd>{acceleratorLabel(accelerator, IS_MAC)}</kbd>
          ) : (
            t('globalShortcuts.none')
          )}
        </span>
        <button
          type="button"
          className="button"
          aria-pressed={recording}
          aria-describedby={note ? noteId : undefined}
          onClick={() => {
            setProblem(null)
            setRecording(!recording)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setRecording(false)}
        >
          {recording ? t('globalShortcuts.stopRecording') : t('globalShortcuts.record')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          disabled={accelerator === ''}
          onClick={() => void save('')}
        >
          {t('globalShortcuts.clear')}
        </button>
      </div>
      {note ? (
        <p id={noteId} className="global-shortcut-note" role="status">
          {note}
        </p>
      ) : null}
    </fieldset>
  )
}
