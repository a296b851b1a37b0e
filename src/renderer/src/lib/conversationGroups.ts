// The sidebar's sections: "Pinned", then date groups by last activity (Today, Yesterday, Previous
// 7 days, Previous 30 days, then one per month), as rows of one virtual list.
import type { Conversation } from '../../../shared/types'

/** A group's key: a fixed section, or a month as "month-YYYY-MM". */
export type GroupKey =
  | 'pinned'
  | 'today'
  | 'yesterday'
  | 'previous7'
  | 'previous30'
  | `month-${number}-${string}`

/** One row of the sidebar's list: a group's header, or a conversation (with its place in the list). */
export type SidebarRow =
  | {
      kind: 'header'
      key: GroupKey
      count: number
      collapsed: boolean
      month: { year: number; month: number } | null
    }
  | { kind: 'conversation'; conversation: Conversation; index: number }

/** The local midnight starting the day of `ms`. */
export function startOfDay(ms: number): number {
  const day = new Date(ms)
  day.setHours(0, 0, 0, 0)
  return day.getTime()
}

/** The local midnight `days` days before the day of `ms` (calendar days: DST-proof). */
function daysBefore(ms: number, days: number): number {
  const day = new Date(ms)
  day.setHours(0, 0, 0, 0)
  day.setDate(day.getDate() - days)
  return day.getTime()
}

/**
 * Groups conversations as seen from `now`. The day boundaries are computed once and months are
 * remembered, so 100,000 conversations cost a comparison each rather than a date each.
 */
function grouper(now: number): (conversation: Conversation) => GroupKey {
  const today = startOfDay(now)
  const yesterday = daysBefore(now, 1)
  const week = daysBefore(now, 7)
  const month = daysBefore(now, 30)
  let monthStart = Infinity
  let monthEnd = -Infinity
  let monthKey: GroupKey = 'previous30'
  return (conversation) => {
    if (conversation.pinned) return 'pinned'
    const at = conversation.updatedAt
    if (at >= today) return 'today'
    if (at >= yesterday) return 'yesterday'
    if (at >= week) return 'previous7'
    if (at >= month) return 'previous30'
    if (at < monthStart || at >= monthEnd) {
      const date = new Date(at)
      monthStart = new Date(date.getFullYear(), date.getMonth(), 1).getTime()
      monthEnd = new Date(date.getFullYear(), date.getMonth() + 1, 1).getTime()
      monthKey = `month-${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
    }
    return monthKey
  }
}

/** The group a conversation falls in, seen from `now` (local days, as people count them). */
export function groupOf(conversation: Conversation, now: number): GroupKey {
  return grouper(now)(conversation)
}

/**
 * The rows of the sidebar: each group's header followed by its conversations unless it is
 * collapsed. `conversations` come pinned first, then by last activity (as main pages them).
 */
export function sidebarRows(
  conversations: readonly Conversation[],
  collapsed: ReadonlySet<string>,
  now: number
): SidebarRow[] {
  const rows: SidebarRow[] = []
  const groupOfConversation = grouper(now)
  let header: Extract<SidebarRow, { kind: 'header' }> | null = null
  conversations.forEach((conversation, index) => {
    const key = groupOfConversation(conversation)
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
