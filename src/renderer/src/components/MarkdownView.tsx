import { memo, useMemo, type ComponentProps } from 'react'
import { useTranslation } from 'react-i18next'
import Markdown, { type Components } from 'react-markdown'
import { rehypePlugins, remarkPlugins, safeUrl } from '../markdown'
import { CodeBlock } from './CodeBlock'
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

const components: Components = {
  a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
  pre: ({ node, children }) => <CodeBlock node={node}>{children}</CodeBlock>
}

const NO_MARKS: readonly string[] = []

/** Model output rendered as sanitized Markdown; `marks` are search matches to highlight. */
export const MarkdownView = memo(function MarkdownView({
  text,
  marks = NO_MARKS
}: {
  text: string
  marks?: readonly string[]
}) {
  const { t, i18n } = useTranslation()
  const rehype = useMemo(
    () => rehypePlugins((alt) => t('markdown.image', { alt }), marks),
    // The image label is baked into the plugin, so rebuild it when the language changes.
    [t, i18n.language, marks]
  )
  return (
    <div className="markdown">
      <Markdown remarkPlugins={remarkPlugins} rehypePlugins={rehype} components={components} urlTransform={safeUrl}>
        {text}
      </Markdown>
    </div>
  )
})
