// A message's Markdown that cannot take the window down: text nested too deeply to parse, or any
// error while rendering it, shows the message's raw text with a notice instead.
import { Component, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { isTooDeepForMarkdown } from '../markdown'
import { MarkdownView } from './MarkdownView'

/** The raw text of a message that could not be formatted, with a notice saying so. */
export function PlainFallback({ text }: { text: string }) {
  const { t } = useTranslation()
  return (
    <div className="markdown markdown-fallback">
      <p className="note note-warning">{t('message.unformatted')}</p>
      <pre className="markdown-raw">{text}</pre>
    </div>
  )
}

interface BoundaryProps {
  text: string
  children: ReactNode
}

/** Catches a render error in one message; tries again when the message's text changes. */
export class MessageBoundary extends Component<BoundaryProps, { failed: boolean }> {
  state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  componentDidCatch(error: Error): void {
    console.error('A message could not be rendered:', error)
  }

  componentDidUpdate(previous: BoundaryProps): void {
    if (this.state.failed && previous.text !== this.props.text) this.setState({ failed: false })
  }

  render(): ReactNode {
    return this.state.failed ? <PlainFallback text={this.props.text} /> : this.props.children
  }
}

/** Model output as sanitized Markdown, or as plain text when it cannot be formatted. */
export function SafeMarkdown({ text, marks }: { text: string; marks?: readonly string[] }) {
  if (isTooDeepForMarkdown(text)) return <PlainFallback text={text} />
  return (
    <MessageBoundary text={text}>
      <MarkdownView text={text} marks={marks} />
    </MessageBoundary>
  )
}
