import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { ParamChips } from '../params/ParamChips'
import { ParamsForm } from '../params/ParamsForm'
import './ParamsSettings.css'

/** Settings: the parameters every new chat starts with (the same form as a conversation's). */
export function DefaultParamsSection() {
  const { t } = useTranslation()
  const defaultParams = useApp((s) => s.settings.defaultParams)
  const saveDefaultParams = useApp((s) => s.saveDefaultParams)
  return (
    <section className="settings-section" aria-labelledby="settings-default-params">
      <h3 id="settings-default-params">{t('params.defaultsTitle')}</h3>
      <p className="field-hint">{t('params.defaultsHint')}</p>
      {/* No model: every field is offered; a chat's model later leaves out what it does not take. */}
      <ParamsForm
        initial={defaultParams}
        model={null}
        onSave={saveDefaultParams}
        saveLabel={t('params.saveDefaults')}
      />
    </section>
  )
}

/** Settings: the user's presets, each with what it sets, and Delete. */
export function PresetsSection() {
  const { t } = useTranslation()
  const presets = useApp((s) => s.settings.presets)
  const deletePreset = useApp((s) => s.deletePreset)
  return (
    <section className="settings-section" aria-labelledby="settings-presets">
      <h3 id="settings-presets">{t('params.presetsTitle')}</h3>
      {presets.length === 0 ? (
        <p className="field-hint">{t('params.noPresets')}</p>
      ) : (
        <ul className="preset-list" aria-labelledby="settings-presets">
          {presets.map((preset) => (
            <li key={preset.id} className="preset-item">
              <div className="preset-text">
                <span className="preset-name">{preset.name}</span>
                <span className="field-hint">{preset.model ?? t('params.anyModel')}</span>
                <ParamChips params={preset.params} className="preset-chips" />
              </div>
              <button
                type="button"
                className="button button-quiet"
                aria-label={t('params.deletePreset', { name: preset.name })}
                onClick={() => void deletePreset(preset.id)}
              >
                {t('params.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
