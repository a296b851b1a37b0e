// What a bench:chat scenario is: a module in scripts/bench/chat/scenarios/ that exports
// `scenario`, with a name and a run function. The runner (scripts/bench/chat.ts) finds every such
// module, runs each scenario several times, and prints the median of every figure with its spread.
// A run that did not happen as designed (a rate off target, too few paint marks or inputs) throws
// RunRefused from `expectRun`, and the benchmark fails loudly instead of printing a figure.
import type { Browser } from '@playwright/test'
import type { FakeProvider } from '../../../test/fake-provider/server'

export interface BenchContext {
  /** Debian's Chromium, shared by every run. */
  browser: Browser
  /** The fake provider on 127.0.0.1; enqueue a reply before sending a question. */
  provider: FakeProvider
  /** Where large generated histories are cached between benchmark runs (.bench/). */
  cache: string
  /** The streamed answer's length in tokens (--tokens, default 20,000). */
  tokens: number
}

/** A run's figures: numbers, grouped in objects as deep as a scenario likes. */
export interface Figures {
  [name: string]: number | Figures
}

export interface Scenario {
  /** The name --only picks it by, and its key in the printed result. */
  name: string
  /** One line for the progress log. */
  title: string
  /** Runs it once and returns its figures; throws RunRefused when the run is not valid. */
  run(context: BenchContext): Promise<Figures>
  /** Fewer runs than --runs (a scenario that takes minutes, e.g. startup); default --runs. */
  runs?: number
}

/** A run that did not happen as designed: its figures would not mean what they say. */
export class RunRefused extends Error {
  override name = 'RunRefused'
}

/** Refuses the run (throws RunRefused with `why`) unless `condition` holds. */
export function expectRun(condition: boolean, why: string): asserts condition {
  if (!condition) throw new RunRefused(why)
}

/** Whether `actual` is within `tolerance` (a fraction, 0.1 = 10%) of `target`. */
export const near = (actual: number, target: number, tolerance = 0.1): boolean =>
  Math.abs(actual - target) <= tolerance * target
