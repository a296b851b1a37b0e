import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SETTINGS_TABS, type SettingsTab } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { ShortcutList } from '../app/ShortcutSheet'
import { AppearanceSettings } from './AppearanceSettings'
import { ConnectionSection, KeySection } from './ConnectionSettings'
import { FormError } from './FormNotices'
import { GlobalShortcutSettings } from './GlobalShortcuts'
import { HistorySection } from './HistorySection'
import { UpdateSettings } from './UpdateSettings'
import { LanguageSelect } from './LanguageSelect'
import { DefaultParamsSection, PresetsSection } from './ParamsSettings'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import './SettingsDialog.css'

/**
 * The settings window: tabs down the side (General, Connection, Models & parameters, Presets,
 * History & backups, Shortcuts), one panel at a time with its own scroll, opened on the tab last used.
 */
export function SettingsDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const baseId = useId()
  const closeSettings = useApp((s) => s.closeSettings)
  const tab = useApp((s) => s.settingsTab)
  const showTab = useApp((s) => s.showSettingsTab)
  const selectedRef = useRef<HTMLButtonElement>(null)
  const tabId = (name: SettingsTab) => `${baseId}-tab-${name}`

  // Arrows move between tabs and show the one reached (tabs that activate on focus, as in WAI-ARIA).
  function onTabKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const index = SETTINGS_TABS.indexOf(tab)
    const last = SETTINGS_TABS.length - 1
    const next =
      event.key === 'ArrowDown' || event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowUp' || event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null
    if (next === null) return
    event.preventDefault()
    showTab(SETTINGS_TABS[next])
    document.getElementById(tabId(SETTINGS_TABS[next]))?.focus()
  }

  // Esc is handled by the app's window shortcuts.
  return (
    <Dialog
      labelledBy={titleId}
      onClose={closeSettings}
      initialFocus={selectedRef}
      className="modal settings-window"
    >
      <header className="modal-header">
        <h2 id={titleId}>{t('settings.title')}</h2>
        <IconButton label={t('settings.close')} onClick={closeSettings}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </header>
      <div className="settings-layout">
        <div
          role="tablist"
          aria-orientation="vertical"
          aria-labelledby={titleId}
          className="settings-tabs"
          onKeyDown={onTabKeyDown}
        >
          {SETTINGS_TABS.map((name) => (
            <button
              key={name}
              ref={name === tab ? selectedRef : undefined}
              id={tabId(name)}
              type="button"
              role="tab"
              className="settings-tab"
              aria-selected={name === tab}
              aria-controls={`${baseId}-panel`}
              tabIndex={name === tab ? 0 : -1}
              onClick={() => showTab(name)}
            >
              {t(`settings.tabs.${name}`)}
            </button>
          ))}
        </div>
        <div
          id={`${baseId}-panel`}
          role="tabpanel"
          aria-labelledby={tabId(tab)}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling tab panel takes focus, so the keyboard can scroll it (WAI-ARIA tabs)
          tabIndex={0}
          className="settings-panel"
        >
          <TabContent tab={tab} />
          <FormError />
        </div>
      </div>
    </Dialog>
  )
}

/** What one tab shows. */
function TabContent({ tab }: { tab: SettingsTab }): ReactNode {
  const { t } = useTranslation()
  switch (tab) {
    case 'general':
      return (
        <>
          <section className="settings-section">
            <h3>{t('appearance.title')}</h3>
            <LanguageSelect />
            <AppearanceSettings />
          </section>
          <UpdateSettings />
        </>
      )
    case 'connection':
      return (
        <>
          <ConnectionSection />
          <KeySection />
        </>
      )
    case 'models':
      return <DefaultParamsSection />
    case 'presets':
      return <PresetsSection />
    case 'history':
      return <HistorySection />
    case 'shortcuts':
      return (
        <>
          <GlobalShortcutSettings />
          <section className="settings-section" aria-labelledby="settings-shortcuts">
            <h3 id="settings-shortcuts">{t('shortcuts.title')}</h3>
            <ShortcutList />
          </section>
        </>
      )
  }
}
