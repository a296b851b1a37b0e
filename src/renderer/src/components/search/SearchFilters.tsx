import { useTranslation } from 'react-i18next'
import { modelDisplayName } from '../../../../shared/models'
import { useApp } from '../../store/StoreProvider'
import { NO_SEARCH_FILTERS } from '../../store/slices/search'

/**
 * The search's filters: a model, a project, who wrote it, what it carries, a date range, pinned
 * chats only, this chat only (while one is open), Include archived, and Clear filters while one
 * is set.
 */
export function SearchFilters() {
  const { t } = useTranslation()
  const search = useApp((s) => s.search)
  const models = useApp((s) => s.models)
  const projects = useApp((s) => s.projects)
  const setFilters = useApp((s) => s.setSearchFilters)
  const activeConversationId = useApp((s) => s.activeConversationId)
  const filtered = Object.entries(NO_SEARCH_FILTERS).some(
    ([name, off]) => search[name as keyof typeof NO_SEARCH_FILTERS] !== off
  )
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
      <select
        aria-label={t('search.roleFilter')}
        value={search.role}
        onChange={(event) => setFilters({ role: event.target.value })}
      >
        <option value="">{t('search.anyRole')}</option>
        <option value="user">{t('search.roleUser')}</option>
        <option value="assistant">{t('search.roleAssistant')}</option>
      </select>
      <select
        aria-label={t('search.hasFilter')}
        value={search.has}
        onChange={(event) => setFilters({ has: event.target.value })}
      >
        <option value="">{t('search.hasAny')}</option>
        <option value="image">{t('search.hasImage')}</option>
        <option value="file">{t('search.hasFile')}</option>
      </select>
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
      <label className="search-check search-pinned">
        <input
          type="checkbox"
          checked={search.pinned === 'on'}
          onChange={(event) => setFilters({ pinned: event.target.checked ? 'on' : '' })}
        />
        <span>{t('search.pinnedOnly')}</span>
      </label>
      {activeConversationId !== null || search.conversation !== '' ? (
        <label className="search-check search-this-chat">
          <input
            type="checkbox"
            checked={search.conversation !== ''}
            onChange={(event) =>
              setFilters({
                conversation:
                  event.target.checked && activeConversationId !== null
                    ? String(activeConversationId)
                    : ''
              })
            }
          />
          <span>{t('search.thisChatOnly')}</span>
        </label>
      ) : null}
      <label className="search-check search-archived">
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
          onClick={() => setFilters(NO_SEARCH_FILTERS)}
        >
          {t('search.clearFilters')}
        </button>
      ) : null}
    </div>
  )
}
