// Search as you type in main: each keystroke's search supersedes the one before it from the same
// search box. better-sqlite3 answers synchronously on this thread, so a running statement cannot
// be stopped; instead a search runs in steps (search.ts's searchSteps, each bounded by a page's
// work), gives way to the event loop before every step, and stops at the next step once a newer
// search from the same box has arrived. A search waiting behind another does no work at all
// when a newer one comes in first. docs/search.md says how this looks from the search box.

/** Runs a stepwise computation to its end without pausing. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next()
    if (step.done) return step.value
  }
}

/** Lets other work (a newer request) in: resolves on the event loop's next turn. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/**
 * Runs stepwise searches, newest wins per search box. `run(box, steps)` gives the result, or
 * null when a later `run` for the same box started before this one finished (its remaining
 * steps are never taken). Without a box a search runs to its end at once.
 */
export function createSearchRuns(pause: () => Promise<void> = nextTurn) {
  let counter = 0
  // The newest search of each box still running; an entry goes when its search ends.
  const newest = new Map<string, number>()
  return async function run<T>(
    box: string | undefined,
    steps: Generator<void, T, void>
  ): Promise<T | null> {
    if (box === undefined) return runToEnd(steps)
    const mine = ++counter
    newest.set(box, mine)
    try {
      for (;;) {
        await pause()
        if (newest.get(box) !== mine) {
          steps.return(undefined as never)
          return null
        }
        const step = steps.next()
        if (step.done) return step.value
      }
    } finally {
      if (newest.get(box) === mine) newest.delete(box)
    }
  }
}
