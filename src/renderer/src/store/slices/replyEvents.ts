// Main's reply events: deltas are buffered in the scope's StreamBuffer and applied at most once
// per animation frame; the end of a reply replaces it with the final message.
import type { EventPayloads } from '../../../../shared/contract'
import type { SliceArgs } from '../scope'

/** Subscribes to main's reply events; returns the unsubscribers. */
export function listenToReplies(args: SliceArgs): Array<() => void> {
  return [
    args.api.onReplyDelta((delta) => onReplyDelta(args, delta)),
    args.api.onReplyEnded((ended) => onReplyEnded(args, ended))
  ]
}

/** Cancels the next frame's update and drops the buffered text. */
export function stopStreaming({ frames, scope }: SliceArgs): void {
  if (scope.frame !== null) frames.cancel(scope.frame)
  scope.frame = null
  scope.stream.clear()
}

function onReplyDelta(args: SliceArgs, delta: EventPayloads['replyDelta']): void {
  const { frames, scope } = args
  scope.stream.add(delta)
  if (scope.frame === null) scope.frame = frames.request(() => flushDeltas(args))
}

function flushDeltas({ set, get, scope }: SliceArgs): void {
  scope.frame = null
  const cache = get().messagesByConversation
  const next = scope.stream.applyTo(cache)
  if (next !== cache) set({ messagesByConversation: next })
}

function onReplyEnded(
  { set, get, frames, scope }: SliceArgs,
  { conversationId, message }: EventPayloads['replyEnded']
): void {
  if (scope.frame !== null) {
    frames.cancel(scope.frame)
    scope.frame = null
  }
  const state = get()
  // Flush what is buffered; the final message replaces the streaming one. Deltas still kept
  // belong to replies not created yet: settling the request's reply applies them.
  const messagesByConversation = scope.stream.endReply(
    state.messagesByConversation,
    conversationId,
    message
  )
  let streaming = state.streaming
  if (streaming[conversationId] === message.id) {
    streaming = { ...streaming }
    delete streaming[conversationId]
  }
  set({ messagesByConversation, streaming })
}
