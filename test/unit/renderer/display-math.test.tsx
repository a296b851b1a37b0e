// @vitest-environment jsdom
// Display math as models write it: a one-line `$$…$$` and a multi-line `$$` block in one answer.
// The block splitter must not open a math block at a `$$` line that closes on the same line, or
// everything after it renders as one formula (issue 15, bug 1).
import { cleanup } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { MarkdownView } from '../../../src/renderer/src/components/markdown/MarkdownView'
import { splitBlocks } from '../../../src/renderer/src/lib/markdownBlocks'
import { loadMath, normalizeMath } from '../../../src/renderer/src/lib/markdownPipeline'
import { renderWithStore } from './render'

afterEach(cleanup)

const ANSWER = [
  'The area is',
  '$$A = \\pi r^2$$',
  'and the sum:',
  '',
  '$$',
  '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}',
  '$$',
  '',
  '| Years | Rate |',
  '|---|---|',
  '| 10 | 5% |',
  '',
  'This is **bold** and [a link](https://example.com).',
  ''
].join('\n')

describe('splitBlocks with display math', () => {
  it('does not open a math block at a one-line $$…$$', () => {
    expect(splitBlocks('$$x^2$$\n\nafter **bold**\n').blocks).toEqual([
      '$$x^2$$\n\n',
      'after **bold**\n'
    ])
    expect(splitBlocks('Intro\n$$x^2$$\nmore\n\nnext\n').blocks).toEqual([
      'Intro\n$$x^2$$\nmore\n\n',
      'next\n'
    ])
  })

  it('keeps a multi-line $$ block whole and ends it at its closing $$', () => {
    expect(splitBlocks('$$\na\n\nb\n$$\n\nafter\n').blocks).toEqual([
      '$$\na\n\nb\n$$\n\n',
      'after\n'
    ])
  })

  it('splits an answer with both kinds so the table after them is a block of its own', () => {
    expect(splitBlocks(ANSWER).blocks).toEqual([
      'The area is\n$$A = \\pi r^2$$\nand the sum:\n\n',
      '$$\n\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}\n$$\n\n',
      '| Years | Rate |\n|---|---|\n| 10 | 5% |\n\n',
      'This is **bold** and [a link](https://example.com).\n'
    ])
  })

  it('ignores $$ inside a code fence', () => {
    const text = '```tex\n$$\na\n```\n\nafter\n\n~~~\n$$x$$\n~~~\n\nend\n'
    expect(splitBlocks(text).blocks).toEqual([
      '```tex\n$$\na\n```\n\n',
      'after\n\n',
      '~~~\n$$x$$\n~~~\n\n',
      'end\n'
    ])
  })

  it('gives the same final blocks however the answer is cut while it streams', () => {
    const whole = splitBlocks(ANSWER).blocks
    for (const size of [1, 2, 3, 5, 7, 11]) {
      let split = splitBlocks('')
      for (let end = size; end < ANSWER.length + size; end += size) {
        split = splitBlocks(ANSWER.slice(0, end), split)
        expect(split.blocks.join('')).toBe(ANSWER.slice(0, end))
      }
      expect(split.blocks).toEqual(whole)
    }
  })
})

describe('normalizeMath', () => {
  it('turns a line that is only $$…$$ into a display block, outside code', () => {
    expect(normalizeMath('$$x^2$$\n')).toBe('$$\nx^2\n$$\n')
    expect(normalizeMath('- item\n  $$x$$\n')).toBe('- item\n  $$\n  x\n  $$\n')
    expect(normalizeMath('a $$x$$ b\n')).toBe('a $$x$$ b\n')
    expect(normalizeMath('  ```\n  $$x$$\n  ```\n')).toBe('  ```\n  $$x$$\n  ```\n')
  })
})

describe('rendering an answer with display math', () => {
  it('renders both formulas as display math and the table, bold and link after them', async () => {
    await loadMath()
    const { container } = await renderWithStore(<MarkdownView text={ANSWER} />)
    const displays = [...container.querySelectorAll('.katex-display annotation')].map((node) =>
      node.textContent?.trim()
    )
    expect(displays).toEqual(['A = \\pi r^2', '\\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}'])
    expect(container.querySelectorAll('table th')).toHaveLength(2)
    expect(container.querySelector('table td')?.textContent).toBe('10')
    expect(container.querySelector('strong')?.textContent).toBe('bold')
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com')
    expect(container.textContent).not.toContain('$$')
    expect(container.querySelector('.katex-error')).toBeNull()
  })

  it('renders the same after streaming in small chunks', async () => {
    await loadMath()
    const { container, rerender } = await renderWithStore(<MarkdownView text="" streaming />)
    for (let end = 3; end < ANSWER.length; end += 3)
      rerender(<MarkdownView text={ANSWER.slice(0, end)} streaming />)
    rerender(<MarkdownView text={ANSWER} />)
    expect(container.querySelectorAll('.katex-display')).toHaveLength(2)
    expect(container.querySelectorAll('table th')).toHaveLength(2)
    expect(container.querySelector('strong')?.textContent).toBe('bold')
  })
})
