// Reading the store: selectors components pass to useApp, and the stable empty values they return
// so a component does not re-render for a new empty list.
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

/** Whether a reply streams in the open conversation. */
export function selectIsStreaming(state: AppState): boolean {
  const id = state.activeConversationId
  return id !== null && state.streaming[id] !== undefined
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
