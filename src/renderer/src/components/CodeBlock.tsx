import type { Element, ElementContent } from 'hast'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './CodeBlock.css'

const COPIED_FOR_MS = 1500

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map(textOf).join('')
  return ''
}

function languageOf(code: Element | undefined): string | null {
  const classes = code?.properties.className
  if (!Array.isArray(classes)) return null
  for (const name of classes) {
    if (typeof name === 'string' && name.startsWith('language-')) return name.slice('language-'.length)
  }
  return null
}

/** A fenced code block: a header with the language and a Copy button, then the highlighted code. */
export function CodeBlock({ node, children }: { node?: Element; children?: ReactNode }) {
  const { t } = useTranslation()
  const code = node?.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'code'
  )
  const language = languageOf(code)
  // The Markdown parser ends every code block with a newline nobody wants to paste.
  const text = code ? textOf(code).replace(/\n$/, '') : ''
  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language ?? t('markdown.code')}</span>
        <CopyButton text={text} />
      </div>
      <pre>{children}</pre>
    </div>
  )
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

  const label = state === 'copied' ? t('markdown.copied') : state === 'failed' ? t('markdown.copyFailed') : t('markdown.copy')
  return (
    <>
      <button type="button" className="code-copy" aria-label={t('markdown.copyCode')} onClick={copy}>
        {label}
      </button>
      <span className="visually-hidden" role="status">
        {state === 'idle' ? '' : label}
      </span>
    </>
  )
}
