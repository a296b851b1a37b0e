// @vitest-environment jsdom
// Math with KaTeX in both delimiter styles, CJK-friendly emphasis, and math that stays text where
// it should (code, a fenced block).
import { cleanup, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MarkdownView } from '../../../src/renderer/src/components/markdown/MarkdownView'
import { splitBlocks } from '../../../src/renderer/src/lib/markdownBlocks'
import { loadMath, normalizeMath } from '../../../src/renderer/src/lib/markdownPipeline'
import { renderWithStore } from './render'

afterEach(cleanup)

async function render(text: string) {
  // KaTeX is loaded the first time an answer may hold math.
  await loadMath()
  const { container } = await renderWithStore(<MarkdownView text={text} />)
  return container
}

describe('math', () => {
  it('loads KaTeX on first need and renders the math then', async () => {
    const { container } = await renderWithStore(<MarkdownView text={'Area: $\\pi r^2$'} />)
    await waitFor(() =>
      expect(container.querySelector('.katex annotation')?.textContent).toBe('\\pi r^2')
    )
  })

  it('renders $…$ inline and $$…$$ display math with KaTeX', async () => {
    const container = await render(
      'Time is $O(n \\log n)$ here.\n\n$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n'
    )
    const inline = container.querySelector('p .katex')
    expect(inline).not.toBeNull()
    expect(inline?.closest('.katex-display')).toBeNull()
    expect(container.querySelector('.katex-display .katex')).not.toBeNull()
    // MathML for screen readers, with the source as its annotation.
    expect(container.querySelector('annotation')?.textContent).toBe('O(n \\log n)')
    expect(container.textContent).not.toContain('$O(n')
  })

  it('renders \\(…\\) and \\[…\\] the same way', async () => {
    const container = await render('Euler: \\(e^{i\\pi}+1=0\\)\n\n\\[\n\\int_0^1 x\\,dx\n\\]\n')
    expect(container.querySelector('p .katex annotation')?.textContent).toBe('e^{i\\pi}+1=0')
    expect(container.querySelector('.katex-display annotation')?.textContent).toBe(
      '\\int_0^1 x\\,dx'
    )
  })

  it('leaves math delimiters in inline code and code blocks as code', async () => {
    expect(normalizeMath('run `\\(x\\)` now')).toBe('run `\\(x\\)` now')
    const container = await render('Use `$x$` literally.\n\n```tex\n$$ a $$\n```\n')
    expect(container.querySelector('.katex')).toBeNull()
    expect(container.querySelector('p code')?.textContent).toBe('$x$')
  })

  it('renders a ```math fence as display math', async () => {
    const container = await render('```math\nE = mc^2\n```\n')
    expect(container.querySelector('.katex-display annotation')?.textContent?.trim()).toBe(
      'E = mc^2'
    )
  })

  it('shows math KaTeX cannot parse as its source, without throwing', async () => {
    const container = await render('Broken: $\\frac{1}{$ end')
    expect(container.textContent).toContain('end')
  })

  it('keeps a $$ block with blank lines in one block', () => {
    expect(splitBlocks('$$\na\n\nb\n$$\n\nafter\n').blocks).toEqual([
      '$$\na\n\nb\n$$\n\n',
      'after\n'
    ])
  })

  it('runs no \\href or other trusted command', async () => {
    const container = await render('$\\href{javascript:alert(1)}{x}$')
    // The source may show as text; it never becomes a link.
    expect(container.querySelector('a')).toBeNull()
    expect(container.querySelector('[href]')).toBeNull()
  })
})

describe('CJK emphasis', () => {
  it('makes **加粗**的文字 bold', async () => {
    const container = await render('这是**加粗**的文字，还有*斜体*。')
    expect(container.querySelector('strong')?.textContent).toBe('加粗')
    expect(container.querySelector('em')?.textContent).toBe('斜体')
  })

  it('handles emphasis around CJK punctuation', async () => {
    const container = await render('**「重要」**提示')
    expect(container.querySelector('strong')?.textContent).toBe('「重要」')
  })
})
