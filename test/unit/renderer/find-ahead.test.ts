// Find in a chat, rendering ahead: while a match is read, the message list also renders the rows
// a step to the next match will show (as many as are on screen, with the overscan), so the step
// only scrolls. The virtualizer's own rows are always kept, in order.
import { defaultRangeExtractor, type Range } from '@tanstack/react-virtual'
import { expect, it } from 'vitest'
import { withRowsAround } from '../../../src/renderer/src/components/find/useFindInList'

// Rows 10–14 on screen, 2 more either side: rows 8–16 rendered, of 100.
const RANGE: Range = { startIndex: 10, endIndex: 14, overscan: 2, count: 100 }
const rows = defaultRangeExtractor(RANGE)

it('adds the rows around the next match, as many as a step will show', () => {
  expect(rows).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16])
  // Centred on 30: 2 rows (half of 10–14) and the overscan (2) on either side.
  expect(withRowsAround(rows, RANGE, 30)).toEqual([...rows, 26, 27, 28, 29, 30, 31, 32, 33, 34])
  // Overlapping the range: the rows between are not repeated.
  expect(withRowsAround(rows, RANGE, 18)).toEqual([
    8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22
  ])
  // Backwards, and clamped at the first row.
  expect(withRowsAround(rows, RANGE, 1)).toEqual([
    0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16
  ])
  // Clamped at the last row.
  expect(withRowsAround(rows, RANGE, 99).slice(-5)).toEqual([95, 96, 97, 98, 99])
})

it('changes nothing without a next match, or for one already rendered', () => {
  expect(withRowsAround(rows, RANGE, -1)).toBe(rows)
  expect(withRowsAround(rows, RANGE, 12)).toBe(rows)
  expect(withRowsAround([], { ...RANGE, count: 0 }, 3)).toEqual([])
})
