// A message's top-level blocks (markdownBlocks.ts), cut without holding the window: a streaming
// answer's text is cut from where the last cut stopped, and an answer of megabytes opened whole
// is cut SPLIT_CHARS_PER_TASK characters per task, the rest shown as it is until then.
import { useEffect, useMemo, useRef, useState } from 'react'
import { type BlockSplit, splitBlocks } from '../../lib/markdownBlocks'

/**
 * Characters cut into blocks per task (9 MB of lists took ~30 ms to cut whole in Node, more in
 * the page). The rest left for later is always longer than this, so it is never parsed.
 */
export const SPLIT_CHARS_PER_TASK = 1_000_000

interface Progress {
  text: string
  /** The blocks of text.slice(0, upTo). */
  split: BlockSplit
  upTo: number
}

/** Cuts on from `last` when `text` extends its text (or is it), else from the start. */
function cutFurther(text: string, last: Progress | null): Progress {
  const goesOn = last !== null && text.startsWith(last.text)
  const from = goesOn ? last.upTo : 0
  // (Cut to its end, `last` is of this very text: a longer text would start with it.)
  if (goesOn && from === text.length) return last
  // The rest is cut in a later task only when it is longer than a task's share.
  const upTo =
    text.length - from > 2 * SPLIT_CHARS_PER_TASK ? from + SPLIT_CHARS_PER_TASK : text.length
  const split = splitBlocks(
    upTo === text.length ? text : text.slice(0, upTo),
    goesOn ? last.split : undefined
  )
  return { text, split, upTo }
}

/**
 * The blocks of `text`. Until the whole text is cut, its last block holds the rest of the text as
 * it is (longer than SPLIT_CHARS_PER_TASK, so shown plain), and the next cut is in a task of its
 * own.
 */
export function useBlocks(text: string): string[] {
  const progress = useRef<Progress | null>(null)
  const [step, setStep] = useState(0)
  // `step` asks for the next cut of the same text.
  const current = useMemo(
    () => (progress.current = cutFurther(text, progress.current)),
    [text, step]
  )
  const done = current.upTo === text.length
  useEffect(() => {
    if (done) return
    const timer = setTimeout(() => setStep((n) => n + 1), 0)
    return () => clearTimeout(timer)
  }, [done, current])
  return useMemo(() => {
    const { blocks, starts } = current.split
    if (done) return blocks
    return [...blocks.slice(0, -1), current.text.slice(starts[starts.length - 1])]
  }, [current, done])
}
