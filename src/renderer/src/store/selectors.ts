// Reading the store: selectors components pass to useApp, and the stable empty values they return
// so a component does not re-render for a new empty list.
import { withCorrection, type ModelCorrections, type ModelInfo } from '../../../shared/models'
import type { ChatParams } from '../../../shared/params'
import type { Conversation, LeftOutAttachment, Message } from '../../../shared/types'
import type { AppState } from './scope'
import type { AttachmentTray, TrayKey } from './slices/composer'

export const EMPTY_MESSAGES: readonly Message[] = Object.freeze([])
export const EMPTY_TRAY: AttachmentTray = Object.freeze({ drafts: [], pending: [], refusals: [] })
export const EMPTY_LEFT_OUT: readonly LeftOutAttachment[] = Object.freeze([])

/** The tray key of a conversation, or of the new chat. */
export function trayKeyOf(conversationId: number | null): TrayKey {
  return conversationId === null ? 'new' : `${conversationId}`
}

/** The open composer's tray (a stable empty one when it has none). */
export function selectTray(state: AppState): AttachmentTray {
  return state.trays[trayKeyOf(state.activeConversationId)] ?? EMPTY_TRAY
}

/** What the last send in the open conversation left out (a stable empty list for none). */
export function selectLeftOut(state: AppState): readonly LeftOutAttachment[] {
  const id = state.activeConversationId
  return id === null ? EMPTY_LEFT_OUT : (state.leftOut[id] ?? EMPTY_LEFT_OUT)
}

/** Messages of the open conversation (a stable empty list for a new chat). */
export function selectActiveMessages(state: AppState): readonly Message[] {
  const id = state.activeConversationId
  return id === null ? EMPTY_MESSAGES : (state.messagesByConversation[id] ?? EMPTY_MESSAGES)
}

/** The open conversation; null for a new chat. */
export function selectActiveConversation(state: AppState): Conversation | null {
  const id = state.activeConversationId
  return id === null ? null : (state.conversations.find((c) => c.id === id) ?? null)
}

/** The name of the preset the open chat was started from, while its parameters are still the preset's. */
export function selectAppliedPresetName(state: AppState): string | null {
  const preset = state.appliedPreset
  const conversation = selectActiveConversation(state)
  if (!preset || (conversation?.id ?? null) !== preset.conversationId) return null
  const params = conversation
    ? conversation.params
    : (state.draftParams ?? state.settings.defaultParams)
  return sameParams(params, preset.params) ? preset.name : null
}

/** Whether two sets of parameters set the same fields to the same values. */
function sameParams(a: ChatParams, b: ChatParams): boolean {
  const keys = Object.keys(a) as Array<keyof ChatParams>
  return (
    keys.length === Object.keys(b).length &&
    keys.every((key) => JSON.stringify(a[key]) === JSON.stringify(b[key]))
  )
}

/** Whether a reply streams in the open conversation. */
export function selectIsStreaming(state: AppState): boolean {
  const id = state.activeConversationId
  return id !== null && state.streaming[id] !== undefined
}

const NO_CORRECTIONS: ModelCorrections = Object.freeze({})

/** The user's corrections of what models accept (the `modelCapabilities` setting). */
export function selectModelCorrections(state: AppState): ModelCorrections {
  return state.settings.modelCapabilities ?? NO_CORRECTIONS
}

let corrected: {
  models: readonly ModelInfo[]
  corrections: ModelCorrections
  value: readonly ModelInfo[]
} | null = null

/** The listed models with the user's corrections applied (the same list while neither changes). */
export function selectModels(state: AppState): readonly ModelInfo[] {
  const corrections = selectModelCorrections(state)
  if (corrected?.models !== state.models || corrected.corrections !== corrections) {
    const value = state.models.map((model) => withCorrection(model, corrections))
    corrected = { models: state.models, corrections, value }
  }
  return corrected.value
}

/** The model the next message in the open conversation (or new chat) goes to. */
export function selectCurrentModel(state: AppState): string {
  return selectActiveConversation(state)?.model ?? state.draftModel
}

/**
 * A dialog with keys of its own is open over the chat (Parameters, Delete message): no window or
 * message shortcut acts behind it; the dialog handles its own keys (Esc, Tab, its fields).
 */
export function selectKeyOwningDialogOpen(state: AppState): boolean {
  return state.paramsPanelOpen || state.deletingMessageId !== null
}

/**
 * Something covers the chat (another screen, Settings, search, the shortcut sheet, a dialog with
 * keys of its own): the chat's shortcuts (message keys, find in the chat) do not act.
 */
export function selectChatKeysBlocked(state: AppState): boolean {
  return (
    state.phase !== 'chat' ||
    state.settingsOpen ||
    state.search.open ||
    state.shortcutsOpen ||
    selectKeyOwningDialogOpen(state)
  )
}
