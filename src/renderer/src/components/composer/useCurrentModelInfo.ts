import { useMemo } from 'react'
import type { ModelInfo } from '../../../../shared/models'
import { modelInfoOf } from '../../lib/attachmentRules'
import { selectCurrentModel } from '../../store'
import { useApp } from '../../store/StoreProvider'

/** The model the open composer sends to, with what it takes. */
export function useCurrentModelInfo(): { info: ModelInfo; models: readonly ModelInfo[] } {
  const models = useApp((s) => s.models)
  const current = useApp(selectCurrentModel)
  const info = useMemo(() => modelInfoOf(models, current), [models, current])
  return { info, models }
}
