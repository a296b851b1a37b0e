// Replies waiting out a rate limit (main's replyWaiting events): when each retries, and "Retry now".
import type { SliceArgs } from '../scope'

export interface RateLimitSlice {
  /** Replies waiting out a rate limit: message id → when it retries (ms since the epoch). */
  rateLimitWaits: Readonly<Record<number, number>>
  /** Ends a reply's rate-limit wait: it retries at once. */
  retryReplyNow(messageId: number): Promise<void>
}

/** The rate-limit slice; its state follows main's replyWaiting and replyEnded events. */
export function createRateLimitSlice({ set, api }: SliceArgs): RateLimitSlice {
  return {
    rateLimitWaits: {},

    async retryReplyNow(messageId) {
      const result = await api.retryReplyNow({ messageId })
      if (!result.ok) set({ banner: result.error })
    }
  }
}

/**
 * Subscribes to main's replyWaiting events; returns the unsubscriber. Main ends every wait with a
 * null retryAt (before the reply's end too), which drops the reply's entry.
 */
export function listenToRateLimits({ set, api }: SliceArgs): () => void {
  return api.onReplyWaiting(({ messageId, retryAt }) =>
    set((state) => {
      const rateLimitWaits = { ...state.rateLimitWaits }
      if (retryAt === null) delete rateLimitWaits[messageId]
      else rateLimitWaits[messageId] = retryAt
      return { rateLimitWaits }
    })
  )
}
