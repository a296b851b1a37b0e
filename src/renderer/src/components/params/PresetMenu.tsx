import { useCallback, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Preset } from '../../../../shared/params'
import { builtinPresets } from '../../../../shared/presets'
import { resolveUiLanguage } from '../../../../shared/settingDefaults'
import { useApp } from '../../store/StoreProvider'
import { Menu, MenuItem, MenuSeparator, type MenuAnchor } from '../../ui/Menu'
import './ParamChips.css'

/** The built-in presets in the UI language, then the user's own. */
export function usePresets(): { builtin: Preset[]; user: Preset[] } {
  const language = useApp((s) => s.settings.language)
  const user = useApp((s) => s.settings.presets)
  const builtin = useMemo(
    () => builtinPresets(resolveUiLanguage(language, navigator.language)),
    [language]
  )
  return { builtin, user }
}

/** "Start from a preset": a menu of presets; choosing one sets the new chat's model and parameters. */
export function PresetMenu() {
  const { t } = useTranslation()
  const buttonId = useId()
  const buttonRef = useRef<HTMLButtonElement>(null)
  const [anchor, setAnchor] = useState<MenuAnchor | null>(null)
  const startFromPreset = useApp((s) => s.startFromPreset)
  const { builtin, user } = usePresets()
  const close = useCallback((refocus: boolean) => {
    setAnchor(null)
    if (refocus) buttonRef.current?.focus()
  }, [])

  function choose(preset: Preset): void {
    close(true)
    startFromPreset(preset)
  }

  return (
    <>
      <button
        ref={buttonRef}
        id={buttonId}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={anchor !== null}
        onClick={(event) => {
          const box = event.currentTarget.getBoundingClientRect()
          setAnchor(anchor ? null : { x: box.left, y: box.bottom + 4 })
        }}
      >
        <span aria-hidden="true" className="icon-params icon-preset" />
        {t('params.startFromPreset')}
      </button>
      {anchor ? (
        <Menu
          anchor={anchor}
          labelledBy={buttonId}
          label={t('params.startFromPreset')}
          onClose={close}
        >
          {builtin.map((preset) => (
            <MenuItem key={preset.id} icon="icon-preset" onSelect={() => choose(preset)}>
              {preset.name}
            </MenuItem>
          ))}
          {user.length > 0 ? <MenuSeparator /> : null}
          {user.map((preset) => (
            <MenuItem key={preset.id} icon="icon-params" onSelect={() => choose(preset)}>
              {preset.name}
            </MenuItem>
          ))}
        </Menu>
      ) : null}
    </>
  )
}
