// Highlighted code put into the DOM a piece at a time: the first piece at once, each next one in a
// task of its own, so 30,000 spans never enter the page in one task. Pieces not yet highlighted
// show their plain text; every piece is laid out and painted only near the screen.
import type { Element, ElementContent, Root } from 'hast'
import { type CSSProperties, memo, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { HighlightedCode } from '../../lib/highlightCore'
import { HLJS_CLASS, HLJS_SUBSCOPE, rehypeMarkTerms } from '../../lib/markdownPipeline'
import './CodeBlock.css'

/** At most this many spans go into the page per task. */
const ELEMENTS_PER_TASK = 1_500

const allowedClass = (name: unknown): name is string =>
  typeof name === 'string' &&
  (HLJS_CLASS.test(name) || HLJS_SUBSCOPE.test(name) || name === 'search-mark')

/** highlight.js output as React: only spans (and search marks) with highlight.js classes. */
export function renderTree(nodes: ElementContent[]): ReactNode[] {
  return nodes.map((node, index) => {
    if (node.type === 'text') return node.value
    if (node.type !== 'element') return null
    const classes = Array.isArray(node.properties.className)
      ? node.properties.className.filter(allowedClass)
      : []
    const Tag = node.tagName === 'mark' ? 'mark' : 'span'
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: highlighter output for one text, never reordered
      <Tag key={index} className={classes.join(' ') || undefined}>
        {renderTree(node.children)}
      </Tag>
    )
  })
}

/** One piece of HighlightedCode as a hast tree, with the search matches marked. */
function pieceTree(
  piece: ReadonlyArray<string | number>,
  classes: readonly string[],
  marks: readonly string[]
): Root {
  const root: Root = { type: 'root', children: [] }
  const stack: Array<Root | Element> = [root]
  for (const part of piece) {
    const parent = stack[stack.length - 1]
    if (typeof part === 'string') {
      parent.children.push({ type: 'text', value: part })
    } else if (part === -1) {
      if (stack.length > 1) stack.pop()
    } else {
      const element: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: (classes[part] ?? '').split(' ') },
        children: []
      }
      parent.children.push(element)
      stack.push(element)
    }
  }
  if (marks.length > 0) rehypeMarkTerms({ terms: marks })(root)
  return root
}

const Piece = memo(function Piece({
  code,
  index,
  highlighted,
  marks
}: {
  code: HighlightedCode
  index: number
  highlighted: boolean
  marks: readonly string[]
}) {
  const tree = useMemo(
    () => (highlighted ? pieceTree(code.chunks[index], code.classes, marks) : null),
    [code, index, highlighted, marks]
  )
  return (
    <span className="code-chunk" style={pieceSize(code.texts[index])}>
      {tree ? renderTree(tree.children as ElementContent[]) : code.texts[index]}
    </span>
  )
})

/**
 * The size a highlighted piece is laid out at while it is skipped (content-visibility: auto): its
 * own number of lines, not one guess for all. A piece just put into the page is skipped until the
 * browser finds it near the screen; measured in between (the message list measures its rows as
 * they mount), a one-line block highlighted after its row was formatted counted 4,000 px and the
 * list lost its place by that much.
 */
function pieceSize(text: string): CSSProperties {
  const breaks = text.match(/\n/g)?.length ?? 0
  const lines = Math.max(1, text.endsWith('\n') ? breaks : breaks + 1)
  return { containIntrinsicSize: `auto ${lines}lh` }
}

/** How many pieces from `from` fit in one task's span budget (at least one). */
function piecesPerTask(code: HighlightedCode, from: number): number {
  let until = from
  let spans = 0
  do spans += code.elements[until++]
  while (until < code.chunks.length && spans + code.elements[until] <= ELEMENTS_PER_TASK)
  return until
}

export function HighlightedPieces({
  code,
  marks
}: {
  code: HighlightedCode
  marks: readonly string[]
}) {
  const [shown, setShown] = useState(() => ({ code, count: piecesPerTask(code, 0) }))
  const count = shown.code === code ? shown.count : piecesPerTask(code, 0)
  useEffect(() => {
    if (count >= code.chunks.length) return
    // A task of its own for the next pieces, after this one has painted.
    const timer = setTimeout(() => setShown({ code, count: piecesPerTask(code, count) }), 0)
    return () => clearTimeout(timer)
  }, [code, count])
  return code.chunks.map((_, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the pieces of one highlighted text, never reordered
    <Piece key={index} code={code} index={index} highlighted={index < count} marks={marks} />
  ))
}
