import type { Element, ElementContent, Root } from 'hast'
import {
  createContext,
  memo,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode
} from 'react'
import { useTranslation } from 'react-i18next'
import { LARGE_BLOCK_CHARS, cachedHighlight, highlightCode } from '../../lib/highlight'
import { HLJS_CLASS, HLJS_SUBSCOPE, rehypeMarkTerms } from '../../lib/markdownPipeline'
import './CodeBlock.css'

const COPIED_FOR_MS = 1500

/** True inside the block of an answer that is still streaming: its code is not highlighted yet. */
export const OpenBlockContext = createContext(false)
/** Search matches to mark inside code. */
export const CodeMarksContext = createContext<readonly string[]>([])

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function languageOf(code: Element | undefined): string | null {
  const classes = code?.properties.className
  if (!Array.isArray(classes)) return null
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-'))
      return name.slice('language-'.length)
  }
  return null
}

const allowedClass = (name: unknown): name is string =>
  typeof name === 'string' &&
  (HLJS_CLASS.test(name) || HLJS_SUBSCOPE.test(name) || name === 'search-mark')

/** highlight.js output as React: only spans (and search marks) with highlight.js classes. */
function renderTree(nodes: ElementContent[]): ReactNode[] {
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

/** Plain code with the search matches marked. */
function markedTree(code: string, marks: readonly string[]): Root {
  const tree: Root = { type: 'root', children: [{ type: 'text', value: code }] }
  if (marks.length > 0) rehypeMarkTerms({ terms: marks })(tree)
  return tree
}

/**
 * Highlighting for a finished block, done in a worker: plain text first, highlighted once ready.
 * `enabled` is false while the block streams, and for a very large block until asked.
 */
function useHighlighted(code: string, language: string | null, enabled: boolean): Root | null {
  const known = language && enabled ? cachedHighlight(code, language) : undefined
  const [result, setResult] = useState<{
    code: string
    language: string
    tree: Root | null
  } | null>(null)
  useEffect(() => {
    if (!enabled || !language || known !== undefined) return
    let current = true
    void highlightCode(code, language).then((tree) => {
      if (current) setResult({ code, language, tree })
    })
    return () => {
      current = false
    }
  }, [code, language, enabled, known])
  if (known !== undefined) return known
  return result && result.code === code && result.language === language ? result.tree : null
}

/**
 * A fenced code block: a header with the language and a Copy button, then the code, highlighted
 * off the main thread once the block is complete. From react-markdown (`node`) or, for a block
 * that is only a fence, straight from its text (`language`, `code`).
 */
export function CodeBlock({
  node,
  children,
  language: givenLanguage,
  code: givenCode
}: {
  node?: Element
  children?: ReactNode
  language?: string | null
  code?: string
}) {
  const { t } = useTranslation()
  const open = useContext(OpenBlockContext)
  const marks = useContext(CodeMarksContext)
  const codeElement = node?.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'code'
  )
  const language = givenLanguage !== undefined ? givenLanguage : languageOf(codeElement)
  // The Markdown parser ends every code block with a newline nobody wants to paste.
  const text = givenCode ?? (codeElement ? textOf(codeElement).replace(/\n$/, '') : '')
  const large = text.length > LARGE_BLOCK_CHARS
  const [asked, setAsked] = useState(false)
  const tree = useHighlighted(text, language, !open && (!large || asked))
  const highlighted = tree && marks.length > 0 ? withMarks(tree, marks) : tree
  const className = [highlighted ? 'hljs' : null, language ? `language-${language}` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? t('markdown.code')}</span>
        {large && language && !asked && !open ? (
          <button type="button" className="code-copy" onClick={() => setAsked(true)}>
            {t('markdown.highlight')}
          </button>
        ) : null}
        <CopyButton text={text} />
      </div>
      <pre>
        {highlighted ? (
          <code className={className}>{renderTree(highlighted.children as ElementContent[])}</code>
        ) : givenCode !== undefined && marks.length === 0 && text.length > CHUNKED_CODE_CHARS ? (
          <code className={className || undefined}>
            <PlainCodeChunks code={text} />
          </code>
        ) : givenCode !== undefined ? (
          <code className={className || undefined}>
            {renderTree(markedTree(text, marks).children as ElementContent[])}
          </code>
        ) : (
          children
        )}
      </pre>
    </div>
  )
}

/** Lines per piece of a long plain code block. */
const CHUNK_LINES = 200
/** Code longer than this is shown in pieces of CHUNK_LINES lines. */
const CHUNKED_CODE_CHARS = 20_000

/** Cuts code into pieces of CHUNK_LINES lines; given the pieces of a prefix, only the last is cut again. */
function chunkCode(
  code: string,
  previous: { code: string; chunks: string[]; starts: number[] } | null
) {
  let chunks: string[] = []
  let starts: number[] = []
  let from = 0
  if (previous && previous.chunks.length > 0 && code.startsWith(previous.code)) {
    chunks = previous.chunks.slice(0, -1)
    starts = previous.starts.slice(0, -1)
    from = previous.starts[previous.starts.length - 1]
  }
  while (from < code.length) {
    let end = from
    for (let line = 0; line < CHUNK_LINES && end !== -1; line++) end = code.indexOf('\n', end + 1)
    const stop = end === -1 ? code.length : end + 1
    chunks.push(code.slice(from, stop))
    starts.push(from)
    from = stop
  }
  return { code, chunks, starts }
}

/**
 * A long plain code block as separate pieces: a growing block changes only its last piece, and
 * pieces off screen are skipped by layout and paint (content-visibility), so a block of megabytes
 * neither re-lays out on every streamed chunk nor all at once when opened.
 */
function PlainCodeChunks({ code }: { code: string }) {
  const previous = useRef<ReturnType<typeof chunkCode> | null>(null)
  const { chunks } = useMemo(() => (previous.current = chunkCode(code, previous.current)), [code])
  // biome-ignore lint/suspicious/noArrayIndexKey: pieces only grow at the end: the index is their identity
  return chunks.map((chunk, index) => <CodeChunk key={index} text={chunk} />)
}

const CodeChunk = memo(function CodeChunk({ text }: { text: string }) {
  return <span className="code-chunk">{text}</span>
})

function withMarks(tree: Root, marks: readonly string[]): Root {
  const copy = structuredClone(tree)
  rehypeMarkTerms({ terms: marks })(copy)
  return copy
}

function CopyButton({ text }: { text: string }) {
  const { t } = useTranslation()
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current)
    },
    []
  )

  function show(next: 'copied' | 'failed'): void {
    setState(next)
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = setTimeout(() => setState('idle'), COPIED_FOR_MS)
  }

  function copy(): void {
    navigator.clipboard.writeText(text).then(
      () => show('copied'),
      () => show('failed')
    )
  }

  const label =
    state === 'copied'
      ? t('markdown.copied')
      : state === 'failed'
        ? t('markdown.copyFailed')
        : t('markdown.copy')
  return (
    <>
      <button
        type="button"
        className="code-copy"
        aria-label={t('markdown.copyCode')}
        onClick={copy}
      >
        {label}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'idle' ? '' : label}
      </span>
    </>
  )
}
