import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import {
  CORRECTABLE_CAPABILITIES,
  modelDisplayName,
  type ModelInfo
} from '../../../../shared/models'
import { selectModelCorrections } from '../../store'
import { useApp } from '../../store/StoreProvider'
import './ModelCorrection.css'

/**
 * Under the model list: what the chosen model accepts, as checkboxes the user can correct when
 * the catalog (or the guess from its family) is wrong; "Reset to default" undoes a correction.
 */
export function ModelCorrection({ info }: { info: ModelInfo }) {
  const { t } = useTranslation()
  const corrected = useApp((s) => Object.hasOwn(selectModelCorrections(s), info.id))
  const setModelCapabilities = useApp((s) => s.setModelCapabilities)
  const fieldset = useRef<HTMLFieldSetElement>(null)
  async function reset(): Promise<void> {
    // The button goes away with the correction: keep the focus in the popover.
    fieldset.current?.querySelector('input')?.focus()
    await setModelCapabilities(info.id, null)
  }
  return (
    <fieldset ref={fieldset} className="model-correction">
      <legend>{t('models.correct.legend', { name: modelDisplayName(info.id) })}</legend>
      <div className="model-correction-boxes">
        {CORRECTABLE_CAPABILITIES.map((capability) => (
          <label key={capability} className="model-correction-box">
            <input
              type="checkbox"
              checked={info[capability]}
              onChange={(event) =>
                void setModelCapabilities(info.id, {
                  image: info.image,
                  video: info.video,
                  thinking: info.thinking,
                  [capability]: event.target.checked
                })
              }
            />
            {t(`models.correct.${capability}`)}
          </label>
        ))}
      </div>
      <div className="model-correction-status">
        <span className="field-hint">
          {t(corrected ? 'models.correct.corrected' : 'models.correct.fromCatalog')}
        </span>
        {corrected ? (
          <button
            type="button"
            className="button button-quiet model-correction-reset"
            onClick={() => void reset()}
          >
            {t('models.correct.reset')}
          </button>
        ) : null}
      </div>
    </fieldset>
  )
}
