// Find in a chat: the find bar's query, main's count of its matches over the open conversation's
// whole branch (loaded or not), and which match is the current one. The page after the loaded
// messages is loaded while the user steps on towards it; moving to a match farther away (or back
// before them) loads the page around it. components/find marks and scrolls to it.
import { type FindResult, firstMatchFrom, foldQuery, locateMatch } from '../../../../shared/find'
import type { SliceArgs } from '../scope'

export interface FindState {
  open: boolean
  query: string
  /** Main's answer for `query` in `conversationId`; null while asked or with nothing to find. */
  result: FindResult | null
  conversationId: number | null
  /** The current match's index in the branch's order; -1 for none. */
  current: number
  /** Bumped on every move, so moving to the same match scrolls to it again. */
  token: number
  failed: boolean
}

export interface FindSlice {
  find: FindState
  openFind(): void
  closeFind(): void
  /**
   * Finds `query` in the open conversation. The current match becomes the first one at or after
   * the message `fromMessageId` (the first one shown), or stays where it was on a refresh.
   */
  setFindQuery(query: string, fromMessageId: number | null, refresh?: boolean): Promise<void>
  /** Moves to the next (1) or previous (-1) match, wrapping around. */
  stepFind(delta: 1 | -1): Promise<void>
}

// How many matches ahead of the current one a step looks for one not loaded yet.
const LOOK_AHEAD = 4

const CLOSED: FindState = {
  open: false,
  query: '',
  result: null,
  conversationId: null,
  current: -1,
  token: 0,
  failed: false
}

/** The find slice: one request per query (an older answer is dropped), paging to the match. */
export function createFindSlice(args: SliceArgs): FindSlice {
  const { set, get, api } = args
  let ticket = 0

  // The page being loaded ahead of the matches stepped to (see prefetch), so a move that needs
  // it waits for it rather than loading the page around its match instead.
  let ahead: Promise<void> | null = null

  // Loads the page around the current match when it is not among the loaded messages (and not
  // in the page already being loaded ahead), then looks ahead.
  async function reveal(delta: 1 | -1): Promise<void> {
    const wanted = current()
    if (!wanted) return
    if (!isLoaded(wanted) && ahead) await ahead
    // The user may have moved on, or left the chat, while the page came.
    if (current()?.token !== wanted.token) return
    if (!isLoaded(wanted)) await get().openConversation(wanted.conversationId, wanted.messageId)
    prefetch(delta)
  }

  // The current match's message and conversation, or null when there is none.
  function current(): { conversationId: number; messageId: number; token: number } | null {
    const { find, activeConversationId } = get()
    if (!find.result || find.conversationId !== activeConversationId) return null
    const at = locateMatch(find.result.hits, find.current)
    if (!at || activeConversationId === null) return null
    return { conversationId: activeConversationId, messageId: at.messageId, token: find.token }
  }

  function isLoaded(at: { conversationId: number; messageId: number }): boolean {
    const loaded = get().messagesByConversation[at.conversationId] ?? []
    return loaded.some((message) => message.id === at.messageId)
  }

  // Stepping on will soon need the matches just past the loaded messages: the page after them is
  // loaded now, while the user reads, and appended to the loaded ones (the list keeps its place),
  // so the step that reaches them has nothing to wait for. A match farther than one page, or
  // before the loaded ones, is still reached by loading the page around it: a page put in front
  // of the loaded ones while the list scrolls to a match by its index would shift that index.
  function prefetch(delta: 1 | -1): void {
    const { find, activeConversationId, messagesByConversation, messageWindows } = get()
    if (delta !== 1 || ahead || !find.result || activeConversationId === null) return
    const loaded = messagesByConversation[activeConversationId]
    const window = messageWindows[activeConversationId]
    if (!loaded?.length || !window?.hasNewer || window.loading !== null) return
    const last = loaded[loaded.length - 1].id
    const { total, hits } = find.result
    for (let step = 1; step <= LOOK_AHEAD && step < total; step++) {
      const at = locateMatch(hits, (find.current + step) % total)
      // Ids grow along a branch: one past the last loaded message is not loaded.
      if (!at || at.messageId <= last) continue
      ahead = get()
        .loadNewerMessages()
        .finally(() => {
          ahead = null
        })
      return
    }
  }

  return {
    find: CLOSED,

    openFind() {
      set({ find: { ...get().find, open: true } })
      // An empty query has main fold the branch while the user types the first letters.
      const conversationId = get().activeConversationId
      if (conversationId !== null) void api.findInConversation({ conversationId, query: '' })
    },

    closeFind() {
      ticket++
      set({ find: { ...get().find, open: false, result: null, current: -1 } })
    },

    async setFindQuery(query, fromMessageId, refresh = false) {
      const conversationId = get().activeConversationId
      const mine = ++ticket
      set({ find: { ...get().find, query, failed: false } })
      if (conversationId === null || !foldQuery(query)) {
        set({ find: { ...get().find, result: null, conversationId, current: -1 } })
        return
      }
      const answer = await api.findInConversation({ conversationId, query })
      if (mine !== ticket) return
      if (!answer.ok) {
        set({ find: { ...get().find, result: null, current: -1, failed: true } })
        return
      }
      const result = answer.value
      const find = get().find
      // A refresh (new messages, another branch) keeps the current match where it still is, as
      // it is now: the user may have stepped while main counted.
      const was = refresh && find.result ? locateMatch(find.result.hits, find.current) : null
      let current = result.total === 0 ? -1 : firstMatchFrom(result.hits, fromMessageId)
      if (was) {
        let index = 0
        for (const hit of result.hits) {
          if (hit.messageId === was.messageId) {
            current = index + Math.min(was.nth, hit.count - 1)
            break
          }
          index += hit.count
        }
      }
      set({
        find: {
          ...find,
          result,
          conversationId,
          current,
          token: refresh ? find.token : find.token + 1
        }
      })
      if (!refresh) await reveal(1)
    },

    async stepFind(delta) {
      const { find } = get()
      if (!find.result || find.result.total === 0) return
      const total = find.result.total
      const current = find.current < 0 ? 0 : (find.current + delta + total) % total
      set({ find: { ...find, current, token: find.token + 1 } })
      await reveal(delta)
    }
  }
}
