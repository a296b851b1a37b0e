// The search panel: the query and filters as typed, the pages of hits, and opening a hit.
import type { AppErrorInfo } from '../../../../shared/errors'
import {
  SEARCH_FILTER_NAMES,
  type SearchCursor,
  type SearchFilterName,
  type SearchFilters,
  type SearchHit
} from '../../../../shared/search'
import { dayEnd, dayStart, matchedTerms } from '../../lib/historyView'
import type { SliceArgs, StoreScope } from '../scope'

/**
 * The panel's filters as the user typed them: a model id or '' for all models; `from` and `to`
 * as yyyy-mm-dd (local days) or '' for no bound, `to` including its whole day; `archived` 'on'
 * to include archived conversations, '' to leave them out; a project's id or '' for any; the
 * role ('user', 'assistant') or '' for both; a conversation's id or '' for all; `pinned` 'on' for
 * pinned conversations only; `has` 'image' or 'file' for messages that carry one, '' for any.
 */
export type SearchFilterFields = Record<SearchFilterName, string>

/** Every filter field off. */
export const NO_SEARCH_FILTERS: SearchFilterFields = {
  model: '',
  from: '',
  to: '',
  archived: '',
  project: '',
  role: '',
  conversation: '',
  pinned: '',
  has: ''
}

/** The search panel: what was asked and what came back. */
export interface SearchState extends SearchFilterFields {
  open: boolean
  query: string
  results: SearchHit[]
  /** The query the results answer ('' for none): while a newer one runs, the one before it. */
  resultsFor: string
  next: SearchCursor | null
  /** 'searching' from the keystroke until its first page answers. */
  status: 'idle' | 'searching' | 'done' | 'failed'
  loadingMore: boolean
  error: AppErrorInfo | null
}

/**
 * Hits on the first page: more than the panel shows, few enough that they paint at once; the
 * next pages (main's default, 50) load as the results are scrolled or walked.
 */
export const FIRST_PAGE_SIZE = 20

/**
 * This window's search box, as main knows it: a newer search from it abandons an older one still
 * running in main (src/main/history/searchRuns.ts). Not a secret, just distinct per window.
 */
const SEARCH_BOX = `search-${Math.random().toString(36).slice(2)}`

// How each field the user typed becomes the contract's filter; null for no filter.
const FILTER_OF_FIELD: { [K in SearchFilterName]: (field: string) => SearchFilters[K] | null } = {
  model: (model) => (model === '' ? null : model),
  from: dayStart,
  to: dayEnd,
  archived: (field) => (field === 'on' ? true : null),
  project: (project) => (project === '' ? null : Number(project)),
  role: (role) => (role === 'user' || role === 'assistant' ? role : null),
  conversation: (id) => (id === '' ? null : Number(id)),
  pinned: (field) => (field === 'on' ? true : null),
  has: (has) => (has === 'image' || has === 'file' ? has : null)
}

export interface SearchSlice {
  search: SearchState

  openSearch(): void
  closeSearch(): void
  /**
   * Sets the query and searches at once (the older search is dropped); blank clears. While an
   * input method composes (`composing`), only the text changes: its letters are not the query.
   */
  setSearchQuery(query: string, composing?: boolean): void
  setSearchFilters(filters: Partial<SearchFilterFields>): void
  loadMoreSearchResults(): Promise<void>
  /** Opens a hit's conversation, scrolled to its message with the matches marked. */
  openSearchResult(hit: SearchHit): Promise<void>
}

/** The search slice: the panel and its ticketed requests, one per keystroke. */
export function createSearchSlice(args: SliceArgs): SearchSlice {
  const { set, get, api, scope } = args
  return {
    search: {
      open: false,
      query: '',
      ...NO_SEARCH_FILTERS,
      results: [],
      resultsFor: '',
      next: null,
      status: 'idle',
      loadingMore: false,
      error: null
    },

    openSearch() {
      set({ search: { ...get().search, open: true } })
    },

    closeSearch() {
      set({ search: { ...get().search, open: false } })
    },

    setSearchQuery(query, composing = false) {
      // No debounce: main gives up a search made moot by the next keystroke (bench:chat's
      // `search` scenario measures keystroke to painted results). Blank clears (runSearch).
      set({ search: { ...get().search, query } })
      if (!composing) void runSearch(args)
    },

    setSearchFilters(filters) {
      set({ search: { ...get().search, ...filters } })
      if (get().search.query.trim() !== '') void runSearch(args)
    },

    async loadMoreSearchResults() {
      const search = get().search
      if (!search.next || search.loadingMore || search.status !== 'done') return
      const ticket = scope.searchTicket
      set({ search: { ...search, loadingMore: true } })
      const result = await api.searchHistory({
        ...searchArgs(search),
        before: search.next,
        typing: SEARCH_BOX
      })
      if (ticket !== scope.searchTicket || (result.ok && result.value.superseded)) return
      const current = get().search
      if (!result.ok) {
        set({ search: { ...current, loadingMore: false, error: result.error } })
        return
      }
      set({
        search: {
          ...current,
          loadingMore: false,
          results: [...current.results, ...withoutPending(args, result.value.results)],
          next: result.value.next
        }
      })
    },

    async openSearchResult(hit) {
      set({
        search: { ...get().search, open: false },
        highlight:
          hit.messageId === null
            ? null
            : {
                conversationId: hit.conversationId,
                messageId: hit.messageId,
                field: hit.field,
                terms: matchedTerms(hit.snippet),
                ...(hit.image ? { imageSha256: hit.image.sha256 } : {}),
                token: ++scope.highlightToken
              }
      })
      await get().openConversation(hit.conversationId, hit.messageId ?? undefined)
    }
  }
}

/** Drops the answers of the searches on their way (the window goes). */
export function dropSearches(scope: StoreScope): void {
  scope.searchTicket++
}

/** The search state without a conversation's hits (it is being deleted). */
export function withoutConversationHits(search: SearchState, conversationId: number): SearchState {
  return {
    ...search,
    results: search.results.filter((hit) => hit.conversationId !== conversationId)
  }
}

/** Marks a conversation's hits archived or not (it was archived or brought back). */
export function archiveInSearch(args: SliceArgs, conversationId: number, archived: boolean): void {
  patchConversationHits(args, conversationId, { archived })
}

/** Shows a renamed conversation's new title on its hits. */
export function renameInSearch(args: SliceArgs, conversationId: number, title: string): void {
  patchConversationHits(args, conversationId, { conversationTitle: title })
}

/** Changes what every hit of a conversation says about it; nothing when none is shown. */
function patchConversationHits(
  { set, get }: SliceArgs,
  conversationId: number,
  patch: Partial<Pick<SearchHit, 'archived' | 'conversationTitle'>>
): void {
  const search = get().search
  if (!search.results.some((hit) => hit.conversationId === conversationId)) return
  set({
    search: {
      ...search,
      results: search.results.map((hit) =>
        hit.conversationId === conversationId ? { ...hit, ...patch } : hit
      )
    }
  })
}

/** The searchHistory arguments for the panel's query and filters. */
function searchArgs(search: SearchState): SearchFilters & { query: string } {
  const filters: Record<string, string | number | boolean> = {}
  for (const name of SEARCH_FILTER_NAMES) {
    const value = FILTER_OF_FIELD[name](search[name])
    if (value !== null && value !== undefined) filters[name] = value
  }
  return { query: search.query, ...(filters as SearchFilters) }
}

/** Runs the panel's search from its first page; a newer search makes this one's answer moot. */
async function runSearch(args: SliceArgs): Promise<void> {
  const { set, get, api, scope } = args
  // A newer search (or a blank query) makes the answer of any older one moot.
  const ticket = ++scope.searchTicket
  const search = get().search
  if (search.query.trim() === '') {
    set({
      search: {
        ...search,
        results: [],
        resultsFor: '',
        next: null,
        status: 'idle',
        loadingMore: false,
        error: null
      }
    })
    return
  }
  set({ search: { ...search, status: 'searching', error: null } })
  const result = await api.searchHistory({
    ...searchArgs(search),
    limit: FIRST_PAGE_SIZE,
    typing: SEARCH_BOX
  })
  // Superseded in main: a newer search is on its way (and has bumped the ticket).
  if (ticket !== scope.searchTicket || (result.ok && result.value.superseded)) return
  const current = get().search
  if (!result.ok) {
    set({
      search: {
        ...current,
        status: 'failed',
        error: result.error,
        results: [],
        resultsFor: '',
        next: null,
        loadingMore: false
      }
    })
    return
  }
  set({
    search: {
      ...current,
      status: 'done',
      results: withoutPending(args, result.value.results),
      resultsFor: search.query,
      next: result.value.next,
      loadingMore: false,
      error: null
    }
  })
}

/** Hits of the conversation waiting to be deleted are not shown. */
function withoutPending({ get }: SliceArgs, results: SearchHit[]): SearchHit[] {
  const hidden = get().pendingDeletion?.conversation.id
  return hidden === undefined ? results : results.filter((hit) => hit.conversationId !== hidden)
}
