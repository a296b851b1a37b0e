import { useId, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { MODEL_FAMILIES, findModel, type ModelInfo } from '../../../shared/models'
import { selectCurrentModel } from '../store'
import { useApp } from '../storeContext'
import './ModelPicker.css'

type GroupKey = ModelInfo['family'] | 'other'

// Translation keys without dots: i18next reads a dot as a nesting separator.
const GROUP_LABEL_KEYS: Record<GroupKey, string> = {
  'seed-2.0': 'models.family.seed20',
  'seed-1.8': 'models.family.seed18',
  'seed-1.6': 'models.family.seed16',
  glm: 'models.family.glm',
  other: 'models.family.other'
}

interface ModelGroup {
  key: GroupKey
  models: Array<{ id: string; info: ModelInfo | undefined }>
}

/** Groups models by catalog family; ids the catalog does not know go under "Other". */
export function groupModels(models: readonly ModelInfo[], current: string): ModelGroup[] {
  const groups: ModelGroup[] = [...MODEL_FAMILIES, 'other' as const].map((key) => ({ key, models: [] }))
  const byKey = new Map(groups.map((group) => [group.key, group]))
  const entries: Array<{ id: string; info: ModelInfo | undefined }> = models.map((m) => ({ id: m.id, info: m }))
  // Keep the chosen model selectable even when the provider no longer lists it.
  if (!models.some((m) => m.id === current)) entries.push({ id: current, info: findModel(current) })
  for (const entry of entries) {
    const known = findModel(entry.id)
    byKey.get(known ? known.family : 'other')!.models.push(entry)
  }
  return groups.filter((group) => group.models.length > 0)
}

/** "id — text, image, video, thinking": what a model accepts. */
export function modelLabel(id: string, info: ModelInfo | undefined, t: TFunction): string {
  const accepts = [t('models.accepts.text')]
  if (info?.image) accepts.push(t('models.accepts.image'))
  if (info?.video) accepts.push(t('models.accepts.video'))
  if (info?.thinking) accepts.push(t('models.accepts.thinking'))
  return t('models.option', { id, accepts: accepts.join(t('models.listSeparator')) })
}

/** The model of the open conversation, or of the next new chat. */
export function ModelPicker() {
  const { t } = useTranslation()
  const id = useId()
  const models = useApp((s) => s.models)
  const current = useApp(selectCurrentModel)
  const selectModel = useApp((s) => s.selectModel)
  const groups = useMemo(() => groupModels(models, current), [models, current])

  return (
    <div className="model-picker">
      <label htmlFor={id}>{t('models.label')}</label>
      <select id={id} value={current} onChange={(event) => void selectModel(event.target.value)}>
        {groups.map((group) => (
          <optgroup key={group.key} label={t(GROUP_LABEL_KEYS[group.key])}>
            {group.models.map((model) => (
              <option key={model.id} value={model.id}>
                {modelLabel(model.id, model.info, t)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  )
}
