// Sending a message, stopping a reply, retrying, regenerating and continuing one, editing a
// question, saving a reply again after the disk refused it.
import type { EmitEvent, Handlers } from '../../shared/contract'
import type { AttachmentCatalog } from '../attachments/catalog'
import type { ChatService } from './service'

export type ChatRequest =
  | 'sendMessage'
  | 'stopReply'
  | 'retryReplyNow'
  | 'retryReply'
  | 'regenerateReply'
  | 'editMessage'
  | 'continueReply'
  | 'saveReplyAgain'

/**
 * The chat service's requests; a sent message's attachments stop being drafts. A sent or edited
 * message tells every window its conversation changed (Quick Ask's new chat joins the main list).
 */
export function chatHandlers(
  chat: ChatService,
  catalog: AttachmentCatalog,
  emit: EmitEvent
): Pick<Handlers, ChatRequest> {
  return {
    sendMessage: async (args) => {
      const sent = await chat.send(args)
      catalog.sent(args.attachments.map((attachment) => attachment.sha256))
      emit('conversationChanged', { conversation: sent.conversation })
      return sent
    },
    stopReply: async ({ messageId }) => {
      await chat.stop(messageId)
      return null
    },
    retryReplyNow: async ({ messageId }) => {
      chat.retryNow(messageId)
      return null
    },
    retryReply: ({ messageId }) => chat.retry(messageId),
    regenerateReply: ({ messageId }) => chat.regenerate(messageId),
    editMessage: async ({ messageId, text }) => {
      const edited = await chat.edit(messageId, text)
      emit('conversationChanged', { conversation: edited.conversation })
      return edited
    },
    continueReply: ({ messageId }) => chat.continueReply(messageId),
    saveReplyAgain: ({ messageId }) => chat.saveAgain(messageId)
  }
}
