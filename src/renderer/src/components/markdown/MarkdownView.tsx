import {
  memo,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ComponentProps,
  type ReactElement
} from 'react'
import { useTranslation } from 'react-i18next'
import { LARGE_BLOCK_CHARS } from '../../lib/highlight'
import { linkDefinitions } from '../../lib/markdownBlocks'
import {
  fencedBlock,
  loadMath,
  mathReady,
  mayHoldMath,
  normalizeMath
} from '../../lib/markdownPipeline'
import { markdownHazard, splitLongList } from '../../lib/markdownGuards'
import { type MarkdownComponents, renderMarkdown } from '../../lib/markdownProcessor'
import { CodeBlock, CodeMarksContext, OpenBlockContext } from './CodeBlock'
import { PlainFallback } from './PlainFallback'
import { cachedBlock, PlainFirstContext, rememberBlock } from './plainFirst'
import { PlainText } from './PlainText'
import { useBlocks } from './useBlocks'
import { useFormattedCount } from './useFormattedCount'
import './MarkdownView.css'

function SafeLink({ href, children }: ComponentProps<'a'>) {
  // safeUrl already dropped unsafe hrefs; what is left opens outside the app.
  if (!href) return <span className="md-link-dropped">{children}</span>
  return (
    <a href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  )
}

/** A table in a box that scrolls sideways, reachable by keyboard (Tab, then the arrow keys). */
function ScrollingTable({ children }: ComponentProps<'table'>) {
  const { t } = useTranslation()
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus so the keyboard can scroll it (axe: scrollable-region-focusable)
    // biome-ignore lint/a11y/useSemanticElements: a named group around the table, not a form's fieldset
    <div className="md-table-scroll" tabIndex={0} role="group" aria-label={t('tables.label')}>
      <table>{children}</table>
    </div>
  )
}

const components: MarkdownComponents = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  table: ({ children }) => <ScrollingTable>{children}</ScrollingTable>,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>
}

const NO_MARKS: readonly string[] = []
/**
 * A finished answer longer than this skips layout and paint of its blocks off screen, when it is
 * shown finished (opened from history, scrolled back to). Not while it streams: every block with
 * `content-visibility: auto` is one more target the browser checks for visibility on every frame,
 * and the growing answer relays out each frame anyway (at 80 KB this doubled each frame's work).
 * Nor when it ends in view: switching its hundreds of blocks over restyles and relays them all in
 * one task (50–60 ms at 80 KB, the one long task of bench:chat's stream); it is already laid out.
 */
const LONG_ANSWER_CHARS = 50_000

/**
 * Model output rendered as sanitized Markdown, one top-level block at a time: while an answer
 * streams, finished blocks keep their text and are not parsed or rendered again; only the last
 * block is. `marks` are search matches to highlight.
 */
export const MarkdownView = memo(function MarkdownView({
  text,
  marks = NO_MARKS,
  streaming = false
}: {
  text: string
  marks?: readonly string[]
  streaming?: boolean
}) {
  const { t, i18n } = useTranslation()
  const withMath = useMath(text, streaming)
  const options = useMemo<BlockOptions>(
    () => ({
      imageLabel: (alt) => t('markdown.image', { alt }),
      marks,
      // What a rendered block depends on besides its text: the language (image label), the
      // marks, and whether KaTeX had loaded (the pipeline gains it then).
      key: `${i18n.language}\u0001${withMath ? 1 : 0}\u0001${marks.join('\u0001')}`
    }),
    [t, i18n.language, marks, withMath]
  )
  const cut = useBlocks(text)
  const blocks = useMemo(
    // A long list is parsed in pieces too (markdownGuards.ts); a block too large to parse is not.
    () =>
      cut.flatMap((block) => (block.length > LARGE_BLOCK_CHARS ? [block] : splitLongList(block))),
    [cut]
  )
  const formatted = useFormattedCount(blocks, streaming)
  // Decided when the view is made: an answer that ends in view keeps its layout as it is.
  const [skipsOffScreen] = useState(() => !streaming && text.length > LONG_ANSWER_CHARS)
  const definitions = useMemo(() => linkDefinitions(text), [text])
  const groups: ReactElement[] = []
  for (let start = 0; start < blocks.length; start += GROUP_BLOCKS) {
    const end = Math.min(blocks.length, start + GROUP_BLOCKS)
    groups.push(
      <BlockGroup
        key={start}
        blocks={blocks.slice(start, end)}
        open={streaming && end === blocks.length ? end - 1 - start : -1}
        formatted={Math.max(0, Math.min(end, formatted) - start)}
        definitions={definitions}
        options={options}
      />
    )
  }
  return (
    // A long answer's blocks are laid out and painted only near the screen (MarkdownView.css).
    <div className={skipsOffScreen && !streaming ? 'markdown markdown-long' : 'markdown'}>
      <CodeMarksContext.Provider value={marks}>{groups}</CodeMarksContext.Provider>
    </div>
  )
})

/**
 * Blocks per group. Blocks are drawn in groups of this many (a plain `div`, no padding or border:
 * margins collapse through it as if it were not there), so while an answer streams, its finished
 * groups are skipped whole, by React (memo) and by layout: a frame's work stays the same however
 * long the answer has grown.
 */
const GROUP_BLOCKS = 16

interface GroupProps {
  blocks: readonly string[]
  /** The block still streaming, by its place in the group; -1 for none. */
  open: number
  /** How many of the group's first blocks are formatted (the others show as text for now). */
  formatted: number
  definitions: string
  options: BlockOptions
}

const sameGroup = (a: GroupProps, b: GroupProps): boolean =>
  a.open === b.open &&
  a.formatted === b.formatted &&
  a.definitions === b.definitions &&
  a.options === b.options &&
  a.blocks.length === b.blocks.length &&
  a.blocks.every((block, index) => block === b.blocks[index])

const BlockGroup = memo(function BlockGroup({
  blocks,
  open,
  formatted,
  definitions,
  options
}: GroupProps) {
  return (
    <div className="markdown-group">
      {blocks.map((block, index) => (
        // Blocks only ever grow at the end, so a block's index is its identity. Whether it is
        // still open goes by context: a block that closes is not parsed again, only its code
        // blocks learn that they may now be highlighted.
        // biome-ignore lint/suspicious/noArrayIndexKey: blocks only grow at the end
        <OpenBlockContext.Provider key={index} value={index === open}>
          {index < formatted ? (
            <MarkdownBlock text={withDefinitions(block, definitions)} options={options} />
          ) : (
            <PlainText className="markdown-plain" text={block} />
          )}
        </OpenBlockContext.Provider>
      ))}
    </div>
  )
}, sameGroup)

/** A block with the answer's link definitions after it, when it may refer to one. */
function withDefinitions(block: string, definitions: string): string {
  return definitions !== '' && block.includes(']') && !fencedBlock(block)
    ? `${block}\n\n${definitions}\n`
    : block
}

/**
 * True once KaTeX is there for text that may hold math (it is loaded on first need). While an
 * answer streams, only what arrived since the last look is searched: the text only grows.
 */
function useMath(text: string, streaming: boolean): boolean {
  const seen = useRef({ text: '', math: false })
  const grown = streaming && text.startsWith(seen.current.text)
  // A delimiter may be cut between two deltas: the last 6 characters seen are looked at again
  // ("```math", the longest, has 7).
  const needed =
    grown && seen.current.math
      ? true
      : mayHoldMath(grown ? text.slice(Math.max(0, seen.current.text.length - 6)) : text)
  seen.current = { text, math: needed }
  const [ready, setReady] = useState(mathReady)
  useEffect(() => {
    if (!needed || ready) return
    let current = true
    void loadMath().then(() => {
      if (current) setReady(true)
    })
    return () => {
      current = false
    }
  }, [needed, ready])
  return needed && ready
}

interface BlockOptions {
  imageLabel: (alt: string) => string
  marks: readonly string[]
  key: string
}

/** One top-level block; memoized, so a finished block renders once. */
export const MarkdownBlock = memo(function MarkdownBlock({
  text,
  options
}: {
  text: string
  options: BlockOptions
}) {
  // A ```math fence is math, which the Markdown pipeline renders.
  const fence = fencedBlock(text)
  const fenced = fence?.language === 'math' ? null : fence
  if (fenced) return <CodeBlock language={fenced.language} code={fenced.code} />
  // Parsing a block this large would hold the window for seconds: show its text.
  if (text.length > LARGE_BLOCK_CHARS) return <PlainText className="markdown-plain" text={text} />
  // Nesting or emphasis runs that would take the parser seconds: the block's text, with a notice.
  if (markdownHazard(text) !== null) return <PlainFallback text={text} />
  return <ParsedBlock text={text} options={options} />
})

/**
 * A block through the Markdown pipeline. In the message list, a block not rendered before shows
 * its text for the first frame and is upgraded right after it is painted (plainFirst.ts); a block
 * still streaming is always rendered at once.
 */
function ParsedBlock({ text, options }: { text: string; options: BlockOptions }) {
  const key = `${options.key}\u0000${text}`
  const open = useContext(OpenBlockContext)
  const plainFirst = useContext(PlainFirstContext)
  // The upgrade frame this block waits for; null when it shows Markdown from the start.
  const [waitsFor] = useState(() =>
    plainFirst && !open && cachedBlock(key) === undefined ? plainFirst.frame : null
  )
  const upgraded = waitsFor === null || (plainFirst?.frame ?? 0) > waitsFor
  useEffect(() => {
    if (!upgraded) plainFirst?.request()
  }, [upgraded, plainFirst])
  if (!upgraded) return <p className="markdown-plain markdown-pending">{text.trim()}</p>
  return <RenderedBlock cacheKey={key} text={text} options={options} keep={!open} />
}

function RenderedBlock({
  cacheKey,
  text,
  options,
  keep
}: {
  cacheKey: string
  text: string
  options: BlockOptions
  /** Whether to keep the result: not for a block still streaming (it changes every frame). */
  keep: boolean
}): ReactElement {
  const element = useMemo(() => {
    const known = cachedBlock(cacheKey)
    if (known) return known
    return renderMarkdown(
      normalizeMath(text),
      { imageLabel: options.imageLabel, marks: options.marks },
      components
    )
  }, [cacheKey, text, options])
  useEffect(() => {
    if (keep) rememberBlock(cacheKey, element)
  }, [keep, cacheKey, element])
  return element
}
