import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type UIEvent
} from 'react'
import { useTranslation } from 'react-i18next'
import type { SearchHit } from '../../../../shared/search'
import { groupByConversation, withoutEchoedTitles } from '../../lib/historyView'
import { useApp } from '../../store/StoreProvider'
import '../archive/Archive.css'
import { Dialog } from '../../ui/Dialog'
import { IconButton } from '../../ui/IconButton'
import { SearchFilters } from './SearchFilters'
import { SearchKeys } from './SearchKeys'
import { SearchResult } from './SearchResult'
import { SearchStatus } from './SearchStatus'
import './SearchDialog.css'

// Load the next page when the results are scrolled this close to their end.
const LOAD_MORE_THRESHOLD_PX = 160

/** The key of a hit, unique within the results (a title hit has no message). */
function hitKey(hit: SearchHit): string {
  return hit.messageId === null ? `t${hit.conversationId}` : `m${hit.messageId}`
}

/** What the arrows walk: the hits, and an archived conversation's Unarchive before its hits. */
type Entry = { hit: SearchHit } | { unarchive: number }
const entryKey = (entry: Entry): string =>
  'hit' in entry ? hitKey(entry.hit) : `u${entry.unarchive}`

/**
 * Search everything (Ctrl/Cmd+K): results as you type (each keystroke's search supersedes the last;
 * the last results stay until the new ones come), a model and a date range, results
 * grouped by conversation with the matches marked. Arrows move through the results (the focus
 * stays in the search box), Enter opens one, Esc closes. An archived conversation's Unarchive is
 * one of the options the arrows reach (Enter unarchives it), a new query starting on a hit.
 */
export function SearchDialog() {
  const { t } = useTranslation()
  const titleId = useId()
  const resultsId = useId()
  const inputRef = useRef<HTMLInputElement>(null)
  const search = useApp((s) => s.search)
  const closeSearch = useApp((s) => s.closeSearch)
  const setQuery = useApp((s) => s.setSearchQuery)
  const loadMore = useApp((s) => s.loadMoreSearchResults)
  const openResult = useApp((s) => s.openSearchResult)
  const setArchived = useApp((s) => s.setConversationArchived)
  const unarchive = (id: number) => setArchived(id, false)
  const [active, setActive] = useState(0)
  // An input method is composing (pinyin letters): search when it commits the text.
  const composing = useRef(false)

  const groups = useMemo(
    () => withoutEchoedTitles(groupByConversation(search.results)),
    [search.results]
  )
  // The keyboard walks the results in the order they are shown: group by group, an archived
  // group's Unarchive first.
  const ordered = useMemo(
    () =>
      groups.flatMap((group): Entry[] => [
        ...(group.results[0].archived ? [{ unarchive: group.conversationId }] : []),
        ...group.results.map((hit) => ({ hit }))
      ]),
    [groups]
  )
  const hitCount = ordered.filter((entry) => 'hit' in entry).length
  const optionId = useCallback(
    (entry: Entry): string => `${resultsId}-${entryKey(entry)}`,
    [resultsId]
  )
  const firstHit = Math.max(
    0,
    ordered.findIndex((entry) => 'hit' in entry)
  )

  // A new query or filter starts at the top; until the arrows move, the place follows the first
  // hit as results arrive (never an Unarchive, which Enter would act on); more results loaded
  // below keep the place.
  const walked = useRef(false)
  useEffect(() => {
    walked.current = false
    setActive(0)
  }, [search.query, search.model, search.from, search.to, search.archived, search.project])
  useEffect(() => {
    if (!walked.current) setActive(firstHit)
  }, [firstHit])
  useEffect(() => {
    if (active >= ordered.length && ordered.length > 0) setActive(ordered.length - 1)
  }, [active, ordered.length])

  // The Dialog focuses the search box on open (and gives focus back on close); its text is selected,
  // to type over.
  useEffect(() => inputRef.current?.select(), [])

  const activeEntry = ordered[active] as Entry | undefined
  useEffect(() => {
    if (!activeEntry) return
    document.getElementById(optionId(activeEntry))?.scrollIntoView?.({ block: 'nearest' })
  }, [activeEntry, optionId])

  function move(by: number): void {
    if (ordered.length === 0) return
    const next = Math.max(0, Math.min(ordered.length - 1, active + by))
    walked.current = true
    setActive(next)
    // Walking past the last loaded result asks for more.
    if (next >= ordered.length - 3 && search.next) void loadMore()
  }

  // Tab is left to the Dialog's focus trap.
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.nativeEvent.isComposing) return
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      closeSearch()
      return
    }
    const inField =
      event.target === inputRef.current || (event.target as HTMLElement).closest('[role="listbox"]')
    if (event.key === 'ArrowDown' && inField) {
      event.preventDefault()
      move(1)
    } else if (event.key === 'ArrowUp' && inField) {
      event.preventDefault()
      move(-1)
    } else if ((event.key === 'PageDown' || event.key === 'PageUp') && inField) {
      event.preventDefault()
      move(event.key === 'PageDown' ? 8 : -8)
    } else if (event.key === 'Enter' && inField && activeEntry) {
      event.preventDefault()
      if ('hit' in activeEntry) void openResult(activeEntry.hit)
      else void unarchive(activeEntry.unarchive)
    }
  }

  function onResultsScroll(event: UIEvent<HTMLElement>): void {
    const list = event.currentTarget
    if (
      search.next &&
      list.scrollHeight - list.scrollTop - list.clientHeight < LOAD_MORE_THRESHOLD_PX
    )
      void loadMore()
  }

  const blank = search.query.trim() === ''

  return (
    <Dialog
      labelledBy={titleId}
      onClose={closeSearch}
      initialFocus={inputRef}
      onKeyDown={onKeyDown}
      className="search-panel"
      backdropClassName="modal-backdrop search-backdrop"
    >
      <h2 id={titleId} className="visually-hidden">
        {t('search.title')}
      </h2>
      <div className="search-field">
        <span aria-hidden="true" className="icon-search" />
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          aria-label={t('search.field')}
          placeholder={t('search.placeholder')}
          value={search.query}
          spellCheck={false}
          autoComplete="off"
          aria-controls={groups.length > 0 ? resultsId : undefined}
          aria-activedescendant={activeEntry ? optionId(activeEntry) : undefined}
          onChange={(event) => setQuery(event.target.value, composing.current)}
          onCompositionStart={() => {
            composing.current = true
          }}
          onCompositionEnd={(event) => {
            composing.current = false
            setQuery(event.currentTarget.value)
          }}
        />
        {search.status === 'searching' ? (
          <span className="spinner search-spinner" aria-hidden="true" />
        ) : null}
        <IconButton label={t('search.close')} onClick={closeSearch}>
          <span aria-hidden="true">×</span>
        </IconButton>
      </div>
      <SearchFilters />
      <SearchStatus blank={blank} count={hitCount} />
      {/* data-results-for: the query the shown results answer (e2e tests and bench:chat watch it). */}
      <div
        className="search-results"
        onScroll={onResultsScroll}
        aria-busy={search.status === 'searching'}
        data-results-for={search.resultsFor}
      >
        {blank ? (
          <div className="search-empty">
            <p>{t('search.hint')}</p>
            <p className="field-hint">{t('search.hintMatching')}</p>
          </div>
        ) : null}
        {groups.length > 0 ? (
          <div
            id={resultsId}
            role="listbox"
            aria-label={t('search.results')}
            className="search-listbox"
          >
            {groups.map((group) => {
              const headingId = `${resultsId}-g${group.conversationId}`
              const unarchiveIndex = ordered.findIndex(
                (entry) => 'unarchive' in entry && entry.unarchive === group.conversationId
              )
              return (
                // biome-ignore lint/a11y/useSemanticElements: a conversation's options inside the results listbox (ARIA), not a form fieldset
                <div
                  key={group.conversationId}
                  role="group"
                  aria-labelledby={headingId}
                  className="search-group"
                >
                  <div className="search-group-head">
                    <div id={headingId} role="presentation" className="search-group-title">
                      {group.conversationTitle.trim() || t('sidebar.untitled')}
                      {group.results[0].archived ? (
                        <span className="archived-badge">{t('archive.badge')}</span>
                      ) : null}
                    </div>
                    {unarchiveIndex >= 0 ? (
                      // An option, not a button: the listbox may hold only options. A click
                      // unarchives; so does Enter when the arrows reach it (the search box keeps
                      // the focus and points at it, as at the hits).
                      // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the search box, as for the hits
                      // biome-ignore lint/a11y/useKeyWithClickEvents: the search box's Enter unarchives the option it points at
                      <div
                        id={optionId(ordered[unarchiveIndex])}
                        role="option"
                        aria-selected={unarchiveIndex === active}
                        className="button button-quiet search-unarchive"
                        aria-label={t('archive.unarchiveNamed', {
                          title: group.conversationTitle.trim() || t('sidebar.untitled')
                        })}
                        onMouseDown={(event) => event.preventDefault()}
                        onMouseMove={
                          unarchiveIndex === active ? undefined : () => setActive(unarchiveIndex)
                        }
                        onClick={() => void unarchive(group.conversationId)}
                      >
                        {t('conversation.unarchive')}
                      </div>
                    ) : null}
                  </div>
                  {group.results.map((hit) => {
                    const index = ordered.findIndex((entry) => 'hit' in entry && entry.hit === hit)
                    return (
                      <SearchResult
                        key={hitKey(hit)}
                        id={optionId(ordered[index])}
                        hit={hit}
                        selected={index === active}
                        onPoint={() => setActive(index)}
                        onOpen={() => void openResult(hit)}
                      />
                    )
                  })}
                </div>
              )
            })}
          </div>
        ) : null}
        {search.next ? (
          <button
            type="button"
            className="button button-quiet search-more"
            disabled={search.loadingMore}
            onClick={() => void loadMore()}
          >
            {search.loadingMore ? t('search.loadingMore') : t('search.loadMore')}
          </button>
        ) : null}
      </div>
      <SearchKeys />
    </Dialog>
  )
}
