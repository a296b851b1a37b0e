import { chatParamsSchema, type ChatParams } from '../../shared/params'

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
