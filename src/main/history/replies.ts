// A reply as it starts (an empty streaming message with the parameters it is requested with),
// and a finished one looked up to act on.
import type { ChatParams } from '../../shared/params'
import type { Message } from '../../shared/types'
import type { HistoryDatabase } from '../db/database'
import { AppError, stillStreaming } from '../errors'
import { getMessage, insertMessage } from './messages'
import { setReplyParams } from './params'

/**
 * An empty streaming reply after `parentId` (by default the current leaf), which becomes the
 * leaf; it records the parameters it is requested with.
 */
export function insertStreamingReply(
  db: HistoryDatabase,
  conversationId: number,
  model: string,
  params: ChatParams,
  now: number,
  parentId?: number | null
): Message {
  const reply = insertMessage(db, {
    conversationId,
    role: 'assistant',
    content: '',
    status: 'streaming',
    model,
    now,
    parentId
  })
  setReplyParams(db, reply.id, params)
  return { ...reply, params }
}

/** A finished reply that exists; throws the error the UI explains otherwise. */
export function finishedReply(db: HistoryDatabase, messageId: number): Message {
  const reply = getMessage(db, messageId)
  if (reply?.role !== 'assistant') throw new AppError('not_found', 'That reply no longer exists.')
  if (reply.status === 'streaming') throw stillStreaming('reply')
  return reply
}
