// The models the picker offers, and the model of the next new chat.
import {
  DEFAULT_MODEL,
  MODELS,
  correctModel,
  newestSeedModel,
  type ModelCorrection,
  type ModelInfo
} from '../../../../shared/models'
import type { SliceArgs } from '../scope'
import { updateConversation } from './conversations'

export interface ModelsSlice {
  models: readonly ModelInfo[]
  modelSource: 'provider' | 'offline'
  /**
   * The model of the next new chat: the one the user picked, else the last one used, else the
   * newest Seed model in the provider's list (DEFAULT_MODEL while the provider has not answered).
   */
  draftModel: string

  loadModels(): Promise<void>
  /** Picks the model of the open conversation, or of the next new chat. */
  selectModel(model: string): Promise<void>
  /** Saves the user's correction of what a model accepts; null goes back to the catalog. */
  setModelCapabilities(model: string, correction: ModelCorrection | null): Promise<void>
}

/** The models slice: the provider's list (the built-in one offline) and the picked model. */
export function createModelsSlice(args: SliceArgs): ModelsSlice {
  const { set, get, api, scope } = args
  return {
    models: MODELS,
    modelSource: 'offline',
    draftModel: DEFAULT_MODEL,

    async loadModels() {
      const result = await api.listModels()
      // Without an answer the built-in catalog stays: the picker still works offline.
      if (result.ok && result.value.models.length > 0) {
        const { models, source } = result.value
        set({ models, modelSource: source })
        const ids = models.map((m) => m.id)
        const draft = get().draftModel
        // The last model used stays unless this key cannot use it; a model the user picked always stays.
        const keep = scope.draftModelChosen || (scope.draftModelFromHistory && ids.includes(draft))
        const newest = source === 'provider' ? newestSeedModel(ids) : undefined
        if (!keep && newest) set({ draftModel: newest })
      }
    },

    async selectModel(model) {
      const id = get().activeConversationId
      if (id === null) {
        scope.draftModelChosen = true
        scope.draftModelFromHistory = false
        set({ draftModel: model })
        return
      }
      const result = await api.setConversationModel({ id, model })
      if (result.ok) updateConversation(args, result.value, false)
      else set({ banner: result.error })
    },

    async setModelCapabilities(model, correction) {
      const modelCapabilities = correctModel(get().settings.modelCapabilities, model, correction)
      const result = await api.updateSettings({ modelCapabilities })
      if (result.ok) set({ settings: result.value })
      else set({ banner: result.error })
    }
  }
}
