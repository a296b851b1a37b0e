import { chatParamsSchema, type ChatParams } from '../../shared/params'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

/** Parameters stored as JSON; null when absent or no longer valid (they are then not sent). */
export function parseParams(stored: string | null): ChatParams | null {
  if (stored === null) return null
  try {
    const parsed = chatParamsSchema.safeParse(JSON.parse(stored))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Records the parameters a reply was requested with. */
export function setReplyParams(db: HistoryDatabase, messageId: number, params: ChatParams): void {
  prepared(db, 'UPDATE messages SET params = ? WHERE id = ?').run(JSON.stringify(params), messageId)
}
