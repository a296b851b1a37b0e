// Cuts Markdown into top-level blocks so a streaming answer is parsed block by block: finished
// blocks keep their exact text (and so their rendered output), only the last one grows.

/** A text cut into blocks; `starts[i]` is where block i begins in `text`. */
export interface BlockSplit {
  text: string
  blocks: string[]
  starts: number[]
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/
// A link reference or footnote definition applies to the whole document: such text is one block.
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m

const isBlank = (line: string): boolean => line.trim() === ''

/**
 * Splits at a blank line followed by a line that starts at the margin, outside fenced code. An
 * indented line (a list item's continuation, indented code) stays with what is above it.
 */
function splitFrom(text: string, offset: number, blocks: string[], starts: number[]): void {
  let fence: { char: string; length: number } | null = null
  let blockStart = offset
  let previousBlank = false
  let position = offset
  while (position < text.length) {
    const end = text.indexOf('\n', position)
    const lineEnd = end === -1 ? text.length : end
    const line = text.slice(position, lineEnd)
    if (fence) {
      const close = FENCE.exec(line)
      if (close && close[1][0] === fence.char && close[1].length >= fence.length && isBlank(line.slice(close[0].length))) {
        fence = null
      }
      previousBlank = false
    } else {
      const startsAtMargin = line.length > 0 && line[0] !== ' ' && line[0] !== '\t'
      if (previousBlank && startsAtMargin && position > blockStart) {
        blocks.push(text.slice(blockStart, position))
        starts.push(blockStart)
        blockStart = position
      }
      const open = FENCE.exec(line)
      // A backtick fence's info string may not hold a backtick.
      if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = { char: open[1][0], length: open[1].length }
      }
      previousBlank = isBlank(line)
    }
    position = lineEnd + 1
  }
  if (blockStart < text.length || blocks.length === 0) {
    blocks.push(text.slice(blockStart))
    starts.push(blockStart)
  }
}

/**
 * The blocks of `text`. Given the split of a text it extends (a streaming answer), only the last
 * block of that split is looked at again: earlier blocks are finished and returned as they were.
 */
export function splitBlocks(text: string, previous?: BlockSplit): BlockSplit {
  if (DEFINITION.test(text)) return { text, blocks: [text], starts: [0] }
  if (previous && previous.blocks.length > 0 && text.startsWith(previous.text)) {
    const last = previous.blocks.length - 1
    const blocks = previous.blocks.slice(0, last)
    const starts = previous.starts.slice(0, last)
    splitFrom(text, previous.starts[last], blocks, starts)
    return { text, blocks, starts }
  }
  const blocks: string[] = []
  const starts: number[] = []
  splitFrom(text, 0, blocks, starts)
  return { text, blocks, starts }
}
