import type { Element, ElementContent, Root } from 'hast'
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import {
  LARGE_BLOCK_CHARS,
  cachedHighlight,
  highlightCode,
  type HighlightResult
} from '../../lib/highlight'
import { rehypeMarkTerms } from '../../lib/markdownPipeline'
import { HighlightedPieces, renderTree } from './HighlightedCode'
import { TextChunks } from './PlainText'
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

/** Plain code with the search matches marked. */
function markedTree(code: string, marks: readonly string[]): Root {
  const tree: Root = { type: 'root', children: [{ type: 'text', value: code }] }
  if (marks.length > 0) rehypeMarkTerms({ terms: marks })(tree)
  return tree
}

/**
 * Highlighting for a finished block, done in a worker within a time budget: plain text first,
 * highlighted once ready ('gave-up' when over the budget). `enabled` is false while the block
 * streams, and for a very large block until asked.
 */
function useHighlighted(
  code: string,
  language: string | null,
  enabled: boolean
): HighlightResult | undefined {
  const known = language && enabled ? cachedHighlight(code, language) : undefined
  const [result, setResult] = useState<{
    code: string
    language: string
    value: HighlightResult
  } | null>(null)
  useEffect(() => {
    if (!enabled || !language || known !== undefined) return
    let current = true
    void highlightCode(code, language).then((value) => {
      if (current) setResult({ code, language, value })
    })
    return () => {
      current = false
    }
  }, [code, language, enabled, known])
  if (known !== undefined) return known
  return result && result.code === code && result.language === language ? result.value : undefined
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
  const result = useHighlighted(text, language, !open && (!large || asked))
  const highlighted = result && result !== 'gave-up' ? result : null
  const className = [highlighted ? 'hljs' : null, language ? `language-${language}` : null]
    .filter(Boolean)
    .join(' ')
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? t('markdown.code')}</span>
        {result === 'gave-up' ? (
          <span className="code-block-note">{t('markdown.highlightGaveUp')}</span>
        ) : null}
        {large && language && !asked && !open ? (
          <button type="button" className="code-copy" onClick={() => setAsked(true)}>
            {t('markdown.highlight')}
          </button>
        ) : null}
        <CopyButton text={text} />
      </div>
      <pre>
        {highlighted ? (
          <code className={className}>
            <HighlightedPieces code={highlighted} marks={marks} />
          </code>
        ) : givenCode !== undefined && marks.length === 0 && text.length > CHUNKED_CODE_CHARS ? (
          <code className={className || undefined}>
            <TextChunks text={text} />
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

/** Plain code longer than this is shown in pieces (PlainText.tsx). */
const CHUNKED_CODE_CHARS = 20_000

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
