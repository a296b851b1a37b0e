// A message's Markdown that cannot take the window down: text nested too deeply to parse, or any
// error while rendering it, shows the message's raw text with a notice instead.
import { Component, type ReactNode } from 'react'
import { MarkdownView } from './MarkdownView'
import { PlainFallback } from './PlainFallback'

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

/**
 * Model output as sanitized Markdown, or as plain text when it cannot be formatted: a block nested
 * too deeply is shown plain by MarkdownView itself (checked once per block, not per frame).
 */
export function SafeMarkdown({
  text,
  marks,
  streaming
}: {
  text: string
  marks?: readonly string[]
  streaming?: boolean
}) {
  return (
    <MessageBoundary text={text}>
      <MarkdownView text={text} marks={marks} streaming={streaming} />
    </MessageBoundary>
  )
}
