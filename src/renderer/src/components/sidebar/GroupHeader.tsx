import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SidebarRow } from '../../lib/conversationGroups'
import { GROUP_HEADER_HEIGHT } from './rowHeights'

/** A group's header: its name (a month in the UI language), a button that folds it away. */
export const GroupHeader = memo(function GroupHeader({
  row,
  start,
  onToggle
}: {
  row: Extract<SidebarRow, { kind: 'header' }>
  start: number
  onToggle: (key: string) => void
}) {
  const { t, i18n } = useTranslation()
  const label = row.month ? monthLabel(row.month, i18n.language) : t(`sidebar.groups.${row.key}`)
  return (
    <li
      className="conversation-group"
      style={{ transform: `translateY(${start}px)`, height: GROUP_HEADER_HEIGHT }}
    >
      <button
        type="button"
        className="conversation-group-toggle"
        aria-expanded={!row.collapsed}
        data-group={row.key}
        onClick={() => onToggle(row.key)}
      >
        <span aria-hidden="true" className="group-chevron" />
        <span className="conversation-group-label">{label}</span>
        {row.collapsed ? (
          <>
            <span className="conversation-group-count" aria-hidden="true">
              {row.count}
            </span>
            <span className="visually-hidden">
              , {t('sidebar.groupCount', { count: row.count })}
            </span>
          </>
        ) : null}
      </button>
    </li>
  )
})

/** "March" for this year, "March 2025" for another, in the UI language. */
function monthLabel({ year, month }: { year: number; month: number }, language: string): string {
  const thisYear = new Date().getFullYear() === year
  return new Intl.DateTimeFormat(
    language,
    thisYear ? { month: 'long' } : { year: 'numeric', month: 'long' }
  ).format(new Date(year, month - 1, 1))
}
