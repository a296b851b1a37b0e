import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import { useApp } from '../../store/StoreProvider'
import { NO_SEARCH_FILTERS } from '../../store/slices/search'

/**
 * The line under the filters: searching, failed, how many results, or "No results" naming the
 * filters that narrowed it, with the way to clear them. While the next keystroke's search runs
 * it keeps telling the results shown (a polite live region should not say "Searching" per key).
 */
export function SearchStatus({ blank, count }: { blank: boolean; count: number }) {
  const { t } = useTranslation()
  const search = useApp((s) => s.search)
  const setFilters = useApp((s) => s.setSearchFilters)
  const project = useApp((s) => s.projects.find((p) => String(p.id) === s.search.project))
  const filters = [
    search.model !== '' ? t('search.filter.model', { name: modelDisplayName(search.model) }) : null,
    search.from !== '' ? t('search.filter.from', { date: search.from }) : null,
    search.to !== '' ? t('search.filter.to', { date: search.to }) : null,
    search.archived !== '' ? t('search.filter.archived') : null,
    search.project !== '' ? t('search.filter.project', { name: project?.name ?? '' }) : null,
    search.role !== ''
      ? t(`search.filter.role.${search.role === 'user' ? 'user' : 'assistant'}`)
      : null,
    search.conversation !== '' ? t('search.filter.conversation') : null,
    search.pinned !== '' ? t('search.filter.pinned') : null,
    search.has !== '' ? t(`search.filter.has.${search.has === 'image' ? 'image' : 'file'}`) : null
  ].filter((filter) => filter !== null)
  const shown =
    search.status === 'done' || (search.status === 'searching' && search.resultsFor !== '')
  const none = !blank && shown && count === 0
  const text = blank
    ? ''
    : search.status === 'failed'
      ? t('search.failed')
      : !shown
        ? t('search.searching')
        : count > 0
          ? t(search.next ? 'search.countMore' : 'search.count', { count })
          : filters.length > 0
            ? t('search.noneFiltered', {
                query: search.resultsFor.trim(),
                filters: filters.join(t('search.filter.separator'))
              })
            : t('search.none', { query: search.resultsFor.trim() })
  return (
    <div className="search-status-row">
      <p className="search-status" role="status">
        {text}
      </p>
      {none && filters.length > 0 ? (
        <button
          type="button"
          className="button button-quiet search-status-clear"
          onClick={() => setFilters(NO_SEARCH_FILTERS)}
        >
          {t('search.clearTheFilter', { count: filters.length })}
        </button>
      ) : null}
    </div>
  )
}
