// Cuts Markdown into top-level blocks (a `$$` math block counts as a fence) so a streaming answer is parsed block by block: finished
// blocks keep their exact text (and so their rendered output), only the last one grows.

/** Where the scan of the last block stopped: the start of its first incomplete line. */
interface ScanState {
  position: number
  fence: { char: string; length: number; atMargin: boolean } | null
  previousBlank: boolean
}

/** A text cut into blocks; `starts[i]` is where block i begins in `text`. */
export interface BlockSplit {
  text: string
  blocks: string[]
  starts: number[]
  scan: ScanState
}

const FENCE = /^ {0,3}(`{3,}|~{3,}|\$\$)/
// A footnote definition applies to the whole document: such text is one block. (Link reference
// definitions are copied to the blocks instead: linkDefinitions.)
const DEFINITION = /^ {0,3}\[\^[^\]\n]+\]:/m
// A link reference definition on one line: `[label]: url "title"`.
const LINK_DEFINITION = /^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S.*$/gm

/**
 * The text's link reference definitions, one per line ('' for none). MarkdownView adds them to
 * each block that may use them, so an answer that holds a definition is still parsed block by
 * block while it streams, not whole on every frame. Definitions spread over lines, or written
 * inside code, are taken as they are: a reference may then resolve where CommonMark would not.
 */
export function linkDefinitions(text: string): string {
  if (!text.includes(']:')) return ''
  return (text.match(LINK_DEFINITION) ?? []).join('\n')
}

const isBlank = (line: string): boolean => line.trim() === ''

/**
 * Whether text[from, to) is blank, without cutting it out: an answer of megabytes has hundreds of
 * thousands of lines, and most are told apart by their first characters.
 */
function blankAt(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    const code = text.charCodeAt(at)
    if (code === 32 || (code >= 9 && code <= 13)) continue
    // Past ASCII, String.prototype.trim decides what is white space.
    return code < 128 ? false : isBlank(text.slice(at, to))
  }
  return true
}

/** Whether the line at `from` may open or close a fence: up to 3 spaces, then ` ~ or $. */
function mayFence(text: string, from: number): boolean {
  let at = from
  while (at < from + 3 && text.charCodeAt(at) === 32) at++
  const code = text.charCodeAt(at)
  return code === 96 || code === 126 || code === 36
}

/**
 * Splits at a blank line followed by a line that starts at the margin, outside fenced code. An
 * indented line (a list item's continuation, indented code) stays with what is above it.
 */
function splitFrom(
  text: string,
  blockStart: number,
  from: ScanState,
  blocks: string[],
  starts: number[]
): ScanState {
  let { fence, previousBlank, position } = from
  let resume: ScanState = { position, fence, previousBlank }
  // Stryker disable next-line EqualityOperator: one more pass over an empty last line changes no block and no resume state
  while (position < text.length) {
    const end = text.indexOf('\n', position)
    const lineEnd = end === -1 ? text.length : end
    // Only a line that may be a fence is cut out and matched.
    const line = mayFence(text, position) ? text.slice(position, lineEnd) : null
    if (fence) {
      const close = line === null ? null : FENCE.exec(line)
      if (
        close &&
        line !== null &&
        close[1][0] === fence.char &&
        close[1].length >= fence.length &&
        isBlank(line.slice(close[0].length))
      ) {
        // A fence at the margin is a block of its own: what follows it starts the next one.
        previousBlank = fence.atMargin
        fence = null
        // Stryker disable next-line BlockStatement: inside a fence previousBlank is unread, and its closing line sets it
      } else {
        // Stryker disable next-line BooleanLiteral: as above
        previousBlank = false
      }
    } else {
      const first = text.charCodeAt(position)
      const startsAtMargin = lineEnd > position && first !== 32 && first !== 9
      const open = line === null ? null : FENCE.exec(line)
      // A backtick fence's info string may not hold a backtick, nor a `$$` fence's a dollar
      // (remark-math): `$$x^2$$` on a line is math that closes where it opens, not a block.
      const opensFence =
        open !== null &&
        line !== null &&
        (open[1][0] === '~' || !line.slice(open[0].length).includes(open[1][0]))
      // A fence at the margin interrupts a paragraph (CommonMark), so it starts a block too;
      // only once its line is complete, since `$$x` may still become `$$x$$`.
      if (
        (previousBlank || (opensFence && startsAtMargin && end !== -1)) &&
        startsAtMargin &&
        position > blockStart
      ) {
        blocks.push(text.slice(blockStart, position))
        starts.push(blockStart)
        blockStart = position
      }
      if (open && opensFence)
        fence = { char: open[1][0], length: open[1].length, atMargin: startsAtMargin }
      previousBlank = blankAt(text, position, lineEnd)
    }
    // A line still arriving is read again next time, from the state before it.
    if (end !== -1) resume = { position: end + 1, fence, previousBlank }
    position = lineEnd + 1
  }
  if (blockStart < text.length || blocks.length === 0) {
    blocks.push(text.slice(blockStart))
    starts.push(blockStart)
  }
  // The last block may still grow: never resume before it starts.
  return resume.position < blockStart
    ? { position: blockStart, fence: null, previousBlank: false }
    : resume
}

/**
 * The blocks of `text`. Given the split of a text it extends (a streaming answer), only the last
 * block of that split is looked at again: earlier blocks are finished and returned as they were.
 */
export function splitBlocks(text: string, previous?: BlockSplit): BlockSplit {
  // Stryker disable next-line BooleanLiteral: no cut before the first line, which sets previousBlank
  const start: ScanState = { position: 0, fence: null, previousBlank: false }
  // Only text after the last complete line scanned can hold a new definition.
  const extends_ =
    previous !== undefined && previous.blocks.length > 0 && text.startsWith(previous.text)
  const unread = extends_ ? text.slice(previous.scan.position) : text
  // (A definition starts `[^`: looking for that first spares megabytes a multi-line regex.)
  if (unread.includes('[^') && DEFINITION.test(unread))
    return { text, blocks: [text], starts: [0], scan: start }
  if (extends_) {
    const last = previous.blocks.length - 1
    const blocks = previous.blocks.slice(0, last)
    const starts = previous.starts.slice(0, last)
    const scan = splitFrom(text, previous.starts[last], previous.scan, blocks, starts)
    return { text, blocks, starts, scan }
  }
  const blocks: string[] = []
  const starts: number[] = []
  const scan = splitFrom(text, 0, start, blocks, starts)
  return { text, blocks, starts, scan }
}
