import { useMemo } from 'react'
import type { ModelInfo } from '../../../../shared/models'
import { modelInfoOf } from '../../lib/attachmentRules'
import { selectCurrentModel, selectModelCorrections, selectModels } from '../../store'
import { useApp } from '../../store/StoreProvider'

/** The model the open composer sends to, with what it takes. */
export function useCurrentModelInfo(): { info: ModelInfo; models: readonly ModelInfo[] } {
  const models = useApp(selectModels)
  const corrections = useApp(selectModelCorrections)
  const current = useApp(selectCurrentModel)
  const info = useMemo(
    () => modelInfoOf(models, current, corrections),
    [models, current, corrections]
  )
  return { info, models }
}
