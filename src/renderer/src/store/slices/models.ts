// The models the picker offers, and the model of the next new chat.
import { DEFAULT_MODEL, MODELS, type ModelInfo } from '../../../../shared/models'
import type { SliceArgs } from '../context'
import { updateConversation } from './conversations'

export interface ModelsSlice {
  models: readonly ModelInfo[]
  modelSource: 'provider' | 'offline'
  /** The model of the next new chat: the last one used, else DEFAULT_MODEL. */
  draftModel: string

  loadModels(): Promise<void>
  /** Picks the model of the open conversation, or of the next new chat. */
  selectModel(model: string): Promise<void>
}

/** The models slice: the provider's list (the built-in one offline) and the picked model. */
export function createModelsSlice(args: SliceArgs): ModelsSlice {
  const { set, get, api, context } = args
  return {
    models: MODELS,
    modelSource: 'offline',
    draftModel: DEFAULT_MODEL,

    async loadModels() {
      const result = await api.listModels()
      // Without an answer the built-in catalog stays: the picker still works offline.
      if (result.ok && result.value.models.length > 0) {
        set({ models: result.value.models, modelSource: result.value.source })
      }
    },

    async selectModel(model) {
      const id = get().activeConversationId
      if (id === null) {
        context.draftModelChosen = true
        set({ draftModel: model })
        return
      }
      const result = await api.setConversationModel({ id, model })
      if (result.ok) updateConversation(args, result.value, false)
      else set({ banner: result.error })
    }
  }
}
