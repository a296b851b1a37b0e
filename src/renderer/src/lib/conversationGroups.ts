// The sidebar's sections: "Pinned", then date groups by last activity (Today, Yesterday, Previous
// 7 days, Previous 30 days, then one per month), as rows of one virtual list.
import type { Conversation } from '../../../shared/contract'

/** A group's key: a fixed section, or a month as "month-YYYY-MM". */
export type GroupKey = 'pinned' | 'today' | 'yesterday' | 'previous7' | 'previous30' | `month-${number}-${string}`

/** One row of the sidebar's list: a group's header, or a conversation (with its place in the list). */
export type SidebarRow =
  | { kind: 'header'; key: GroupKey; count: number; collapsed: boolean; month: { year: number; month: number } | null }
  | { kind: 'conversation'; conversation: Conversation; index: number }

const DAY_MS = 24 * 60 * 60 * 1000

/** The local midnight starting the day of `ms`. */
export function startOfDay(ms: number): number {
  const day = new Date(ms)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** The group a conversation falls in, seen from `now` (local days, as people count them). */
export function groupOf(conversation: Conversation, now: number): GroupKey {
  if (conversation.pinned) return 'pinned'
  const today = startOfDay(now)
  const at = conversation.updatedAt
  if (at >= today) return 'today'
  // Whole days back; DST days are 23 or 25 hours long, hence the rounding.
  const daysAgo = Math.round((today - startOfDay(at)) / DAY_MS)
  if (daysAgo <= 1) return 'yesterday'
  if (daysAgo <= 7) return 'previous7'
  if (daysAgo <= 30) return 'previous30'
  const date = new Date(at)
  return `month-${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
}

/**
 * The rows of the sidebar: each group's header followed by its conversations unless it is
 * collapsed. `conversations` come pinned first, then by last activity (as main pages them).
 */
export function sidebarRows(conversations: readonly Conversation[], collapsed: ReadonlySet<string>, now: number): SidebarRow[] {
  const rows: SidebarRow[] = []
  let header: Extract<SidebarRow, { kind: 'header' }> | null = null
  conversations.forEach((conversation, index) => {
    const key = groupOf(conversation, now)
    if (header?.key !== key) {
      const month = /^month-(\d+)-(\d+)$/.exec(key)
      header = {
        kind: 'header',
        key,
        count: 0,
        collapsed: collapsed.has(key),
        month: month ? { year: Number(month[1]), month: Number(month[2]) } : null
      }
      rows.push(header)
    }
    header.count++
    if (!header.collapsed) rows.push({ kind: 'conversation', conversation, index })
  })
  return rows
}
