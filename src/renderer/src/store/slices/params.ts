// Request parameters: the open conversation's (or the new chat's draft), the defaults in
// Settings, presets, and trimming the history after a request was too long.
import type { ChatParams, Preset } from '../../../../shared/params'
import { modelInfoOf } from '../../lib/attachmentRules'
import { fitParams } from '../../lib/paramsForm'
import type { SliceArgs } from '../scope'
import { selectActiveConversation, selectModelCorrections, selectModels } from '../selectors'
import { updateConversation } from './conversations'

export interface ParamsSlice {
  /**
   * The new chat's parameters, sent with its first message; null = not chosen, and the new
   * conversation starts from Settings' default parameters.
   */
  draftParams: ChatParams | null
  paramsPanelOpen: boolean
  /**
   * The preset the new chat was started from (and, once sent, the conversation it became): the
   * header names it while the parameters are still the preset's.
   */
  appliedPreset: AppliedPreset | null

  openParamsPanel(): void
  closeParamsPanel(): void
  /** Saves the open conversation's parameters (the draft's for a new chat); false if refused. */
  saveParams(params: ChatParams): Promise<boolean>
  /** Saves the parameters new chats start with. */
  saveDefaultParams(params: ChatParams): Promise<boolean>
  /** Adds a user preset of these parameters (and the model, when given). */
  savePreset(name: string, model: string | null, params: ChatParams): Promise<boolean>
  deletePreset(id: string): Promise<boolean>
  /** Opens a new chat set up from a preset: its model (if it names one) and its parameters. */
  startFromPreset(preset: Preset): void
  /** Sends only the last `turns` turns from now on, and asks for the failed reply again. */
  trimHistoryAndRetry(messageId: number, turns: number): Promise<void>
}

/** A preset as applied: its name, the parameters it set, and where (null: the new chat). */
export interface AppliedPreset {
  name: string
  params: ChatParams
  conversationId: number | null
}

/** The applied preset moved to the conversation the new chat became on its first send. */
export function presetOfNewConversation(
  preset: AppliedPreset | null,
  conversationId: number
): AppliedPreset | null {
  return preset && preset.conversationId === null ? { ...preset, conversationId } : preset
}

/** The parameters slice. */
export function createParamsSlice(args: SliceArgs): ParamsSlice {
  const { set, get, api, scope } = args

  async function updatePresets(presets: Preset[]): Promise<boolean> {
    const result = await api.updateSettings({ presets })
    if (!result.ok) {
      set({ banner: result.error })
      return false
    }
    set({ settings: result.value })
    return true
  }

  return {
    draftParams: null,
    paramsPanelOpen: false,
    appliedPreset: null,

    openParamsPanel() {
      set({ paramsPanelOpen: true })
    },

    closeParamsPanel() {
      set({ paramsPanelOpen: false })
    },

    async saveParams(params) {
      const conversation = selectActiveConversation(get())
      if (!conversation) {
        set({ draftParams: params })
        return true
      }
      const result = await api.setConversationParams({ id: conversation.id, params })
      if (!result.ok) {
        set({ banner: result.error })
        return false
      }
      updateConversation(args, result.value, false)
      return true
    },

    async saveDefaultParams(defaultParams) {
      const result = await api.updateSettings({ defaultParams })
      if (!result.ok) {
        set({ formError: result.error })
        return false
      }
      set({ settings: result.value })
      return true
    },

    async savePreset(name, model, params) {
      const preset: Preset = {
        id: `user:${Date.now().toString(36)}`,
        name: name.trim(),
        model,
        params
      }
      return updatePresets([...get().settings.presets, preset])
    },

    async deletePreset(id) {
      return updatePresets(get().settings.presets.filter((p) => p.id !== id))
    },

    startFromPreset(preset) {
      get().newChat()
      const model = preset.model ?? get().draftModel
      if (preset.model) scope.draftModelChosen = true
      // A preset made for another model keeps only what this one takes.
      const info = modelInfoOf(selectModels(get()), model, selectModelCorrections(get()))
      const params = fitParams(preset.params, info)
      set({
        draftModel: model,
        draftParams: params,
        appliedPreset: { name: preset.name, params, conversationId: null }
      })
    },

    async trimHistoryAndRetry(messageId, turns) {
      const conversation = get().conversations.find((c) =>
        get().messagesByConversation[c.id]?.some((m) => m.id === messageId)
      )
      if (!conversation) return
      const result = await api.setConversationParams({
        id: conversation.id,
        params: { ...conversation.params, historyTurns: turns }
      })
      if (!result.ok) {
        set({ banner: result.error })
        return
      }
      updateConversation(args, result.value, false)
      await get().retryReply(messageId)
    }
  }
}
