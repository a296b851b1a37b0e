// bench:chat prints the median of each figure over its runs with the spread, and refuses runs
// that did not happen as designed.
import { describe, expect, it } from 'vitest'
import { expectRun, near, RunRefused } from '../../../scripts/bench/chat/scenario'
import { describeSummary, summarize } from '../../../scripts/bench/chat/summary'

describe('bench:chat summary', () => {
  it('gives the median and the min–max of every figure, nested ones too', () => {
    const summary = summarize([
      { firstPaintMs: 120, harness: { bridgeMs: 3 } },
      { firstPaintMs: 90, harness: { bridgeMs: 9 } },
      { firstPaintMs: 300, harness: { bridgeMs: 4 } }
    ])
    expect(summary.median).toEqual({ firstPaintMs: 120, harness: { bridgeMs: 4 } })
    expect(summary.spread).toEqual({ firstPaintMs: [90, 300], 'harness.bridgeMs': [3, 9] })
    expect(describeSummary('open', summary)).toContain('open.firstPaintMs: 120 (90–300)')
  })

  it('takes the middle two for an even number of runs, and refuses runs missing a figure', () => {
    expect(summarize([{ a: 1 }, { a: 2 }, { a: 4 }, { a: 10 }]).median).toEqual({ a: 3 })
    expect(() => summarize([{ a: 1 }, {}])).toThrow('A run has no figure a.')
  })

  it('refuses a run whose rate is more than 10% off its target', () => {
    expect(near(540, 500)).toBe(true)
    expect(near(13_069, 500)).toBe(false)
    expect(near(440, 500)).toBe(false)
    expect(() => expectRun(near(13_069, 500), 'rate 13069 tokens/s, target 500')).toThrow(
      RunRefused
    )
  })
})
