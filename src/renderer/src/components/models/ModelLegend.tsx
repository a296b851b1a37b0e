import { useTranslation } from 'react-i18next'
import './ModelLegend.css'

const CAPABILITIES = ['image', 'video', 'thinking', 'effort'] as const

/** Under the model list: what each capability icon means ("🖼 Accepts images" …). */
export function ModelLegend() {
  const { t } = useTranslation()
  return (
    <div className="model-legend">
      <span className="model-legend-title">{t('modelLegend.title')}</span>
      <ul>
        {CAPABILITIES.map((kind) => (
          <li key={kind}>
            <span className={`model-capability icon-${kind}`} aria-hidden="true" />
            {t(`models.capability.${kind}`)}
          </li>
        ))}
      </ul>
    </div>
  )
}
