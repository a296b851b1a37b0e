// How many of a message's blocks are formatted: all of them while it streams (each frame only the
// last block is parsed again), but a long message opened from history is formatted about
// CHARS_PER_TASK characters per task, first blocks first, so no single task parses megabytes. Each
// block counts BLOCK_CHARS more: parsing a block has a cost of its own, however short it is.
import { useEffect, useState } from 'react'

/** Characters of Markdown parsed per task (a list of 8 KB took ~200 ms on a loaded 2-core machine). */
const CHARS_PER_TASK = 6_000
const BLOCK_CHARS = 300

/** The end of the run of blocks from `from` that fits in one task (at least one block). */
function fitting(blocks: readonly string[], from: number): number {
  let until = from
  let chars = 0
  do chars += BLOCK_CHARS + blocks[until++].length
  while (until < blocks.length && chars + BLOCK_CHARS + blocks[until].length <= CHARS_PER_TASK)
  return until
}

/** The number of leading blocks to format now; the others show as plain text until later tasks. */
export function useFormattedCount(blocks: readonly string[], streaming: boolean): number {
  const [count, setCount] = useState(() =>
    streaming || blocks.length === 0 ? Number.POSITIVE_INFINITY : fitting(blocks, 0)
  )
  useEffect(() => {
    if (count >= blocks.length) return
    // A task of its own for the next blocks, after this one has painted.
    const timer = setTimeout(() => setCount(fitting(blocks, count)), 0)
    return () => clearTimeout(timer)
  }, [blocks, count])
  return count
}
