import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import { useApp } from '../../store/StoreProvider'

/**
 * The search's filters: a model, a project, a date range, Include archived, and Clear filters
 * while one is set.
 */
export function SearchFilters() {
  const { t } = useTranslation()
  const search = useApp((s) => s.search)
  const models = useApp((s) => s.models)
  const projects = useApp((s) => s.projects)
  const setFilters = useApp((s) => s.setSearchFilters)
  const filtered =
    search.model !== '' ||
    search.from !== '' ||
    search.to !== '' ||
    search.archived !== '' ||
    search.project !== ''
  return (
    <div className="search-filters">
      <select
        aria-label={t('search.modelFilter')}
        value={search.model}
        onChange={(event) => setFilters({ model: event.target.value })}
      >
        <option value="">{t('search.allModels')}</option>
        {models.map((model) => (
          <option key={model.id} value={model.id} title={model.id}>
            {modelDisplayName(model.id)}
          </option>
        ))}
      </select>
      {projects.length > 0 ? (
        <select
          aria-label={t('projects.filter')}
          value={search.project}
          onChange={(event) => setFilters({ project: event.target.value })}
        >
          <option value="">{t('projects.allProjects')}</option>
          {projects.map((project) => (
            <option key={project.id} value={String(project.id)}>
              {project.name}
            </option>
          ))}
        </select>
      ) : null}
      <label className="search-date">
        <span>{t('search.from')}</span>
        <input
          type="date"
          value={search.from}
          max={search.to || undefined}
          onChange={(event) => setFilters({ from: event.target.value })}
        />
      </label>
      <label className="search-date">
        <span>{t('search.to')}</span>
        <input
          type="date"
          value={search.to}
          min={search.from || undefined}
          onChange={(event) => setFilters({ to: event.target.value })}
        />
      </label>
      <label className="search-archived">
        <input
          type="checkbox"
          checked={search.archived === 'on'}
          onChange={(event) => setFilters({ archived: event.target.checked ? 'on' : '' })}
        />
        <span>{t('search.includeArchived')}</span>
      </label>
      {filtered ? (
        <button
          type="button"
          className="button button-quiet search-clear-filters"
          onClick={() => setFilters({ model: '', from: '', to: '', archived: '', project: '' })}
        >
          {t('search.clearFilters')}
        </button>
      ) : null}
    </div>
  )
}
