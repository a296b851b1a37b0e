// @vitest-environment jsdom
// A streaming answer is parsed block by block: finished blocks keep their text and are not
// rendered again; code is highlighted only once its block is finished.
import { cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { linkDefinitions, splitBlocks } from '../../../src/renderer/src/lib/markdownBlocks'
import { fencedBlock } from '../../../src/renderer/src/lib/markdownPipeline'

const rendered = vi.hoisted(() => [] as string[])
vi.mock('../../../src/renderer/src/lib/markdownProcessor', async (importOriginal) => {
  const original =
    await importOriginal<typeof import('../../../src/renderer/src/lib/markdownProcessor')>()
  // Counts what the Markdown pipeline is asked to render, then renders it for real.
  const counting: typeof original.renderMarkdown = (text, data, components) => {
    rendered.push(text)
    return original.renderMarkdown(text, data, components)
  }
  return { ...original, renderMarkdown: counting }
})

const { MarkdownView } = await import('../../../src/renderer/src/components/markdown/MarkdownView')
const { renderWithStore } = await import('./render')

afterEach(cleanup)

const ANSWER = [
  '# Plan',
  '',
  'First we **measure**, then we fix.',
  '',
  '```ts',
  'const a = 1',
  '',
  'const b = 2',
  '```',
  '',
  '- one',
  '',
  '  still one',
  '- two',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  ''
].join('\n')

describe('splitBlocks', () => {
  it('cuts at blank lines before a line at the margin, never inside a fence or before an indented line', () => {
    expect(splitBlocks(ANSWER).blocks).toEqual([
      '# Plan\n\n',
      'First we **measure**, then we fix.\n\n',
      '```ts\nconst a = 1\n\nconst b = 2\n```\n\n',
      '- one\n\n  still one\n- two\n\n',
      '| a | b |\n|---|---|\n| 1 | 2 |\n'
    ])
  })

  it('gives the same blocks when the text arrives one character at a time, keeping finished ones', () => {
    let split = splitBlocks('')
    const seen = new Map<number, string>()
    for (let i = 1; i <= ANSWER.length; i++) {
      split = splitBlocks(ANSWER.slice(0, i), split)
      // A block that is not the last one never changes again.
      split.blocks.slice(0, -1).forEach((block, index) => {
        if (seen.has(index)) expect(block).toBe(seen.get(index))
        seen.set(index, block)
      })
      expect(split.blocks.join('')).toBe(ANSWER.slice(0, i))
    }
    expect(split.blocks).toEqual(splitBlocks(ANSWER).blocks)
  })

  it('starts a block at a fence that interrupts a paragraph, and after the fence closes', () => {
    expect(splitBlocks('Intro\n```js\na\n```\nafter\n').blocks).toEqual([
      'Intro\n',
      '```js\na\n```\n',
      'after\n'
    ])
    // A fence inside a list item (indented) stays with its item.
    expect(splitBlocks('- item\n  ```js\n  a\n  ```\n').blocks).toHaveLength(1)
  })

  it('keeps text with footnote definitions whole, since a footnote applies to every block', () => {
    const text = 'See the docs[^d].\n\nMore.\n\n[^d]: https://example.com\n'
    expect(splitBlocks(text).blocks).toEqual([text])
  })

  it('splits text with link definitions, and gives every block the definitions', async () => {
    const text = 'See [the docs][d].\n\nMore.\n\n[d]: https://example.com\n\nAgain [docs][d].'
    expect(splitBlocks(text).blocks).toHaveLength(4)
    expect(linkDefinitions(text)).toBe('[d]: https://example.com')
    await renderWithStore(<MarkdownView text={text} />)
    const links = screen.getAllByRole('link')
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com',
      'https://example.com'
    ])
    expect(links.map((link) => link.textContent)).toEqual(['the docs', 'docs'])
  })

  it('reads a lone fence as code, open or closed, and anything more as Markdown', () => {
    expect(fencedBlock('```py\nprint(1)\n```\n\n')).toEqual({ language: 'py', code: 'print(1)' })
    expect(fencedBlock('~~~\nstill streaming')).toEqual({ language: null, code: 'still streaming' })
    expect(fencedBlock('```js\na\n```\ntext after')).toBeNull()
    expect(fencedBlock('Intro\n```js\na\n```')).toBeNull()
  })
})

describe('MarkdownView while an answer streams', () => {
  it('parses a finished block once; only the growing last block is parsed again', async () => {
    rendered.length = 0
    const prose = ANSWER.replace(/```ts[\s\S]*?```\n\n/, '')
    const { rerender } = await renderWithStore(<MarkdownView text={prose.slice(0, 10)} streaming />)
    for (let end = 20; end <= prose.length; end += 10) {
      rerender(<MarkdownView text={prose.slice(0, end)} streaming />)
    }
    rerender(<MarkdownView text={prose} streaming />)
    const finished = splitBlocks(prose).blocks.slice(0, -1)
    for (const block of finished) {
      expect(rendered.filter((text) => text === block)).toHaveLength(1)
    }
  })

  it('keeps every block where it was while the answer grows: blocks go in groups, never moved', async () => {
    const blocks = Array.from({ length: 40 }, (_, i) => `Block **b${i}** of the answer.\n\n`)
    const { container, rerender } = await renderWithStore(
      <MarkdownView text={blocks.slice(0, 3).join('')} streaming />
    )
    const first = container.querySelector('strong')
    for (let end = 4; end <= blocks.length; end++) {
      rerender(<MarkdownView text={blocks.slice(0, end).join('')} streaming />)
    }
    // The element drawn for the first block is the one drawn when it arrived.
    expect(container.querySelector('strong')).toBe(first)
    const groups = container.querySelectorAll('.markdown > .markdown-group')
    expect([...groups].map((group) => group.querySelectorAll('strong').length)).toEqual([16, 16, 8])
    expect(container.querySelector('.markdown')?.textContent).toBe(
      blocks.map((block) => block.replaceAll('**', '').trim()).join('')
    )
  })

  it('highlights code only once its block is finished', async () => {
    const text = 'Code:\n\n```ts\nconst answer = 42\n```\n'
    const { container, rerender } = await renderWithStore(<MarkdownView text={text} streaming />)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(container.querySelector('code.hljs')).toBeNull()
    expect(container.querySelector('pre code')?.textContent).toBe('const answer = 42')
    rerender(<MarkdownView text={`${text}\nDone.`} streaming />)
    await waitFor(() =>
      expect(container.querySelector('code.hljs .hljs-keyword')?.textContent).toBe('const')
    )
  })

  it('shows a very large code block plain, with a Highlight button', async () => {
    const code = 'x\n'.repeat(51_000)
    const { container, findByRole } = await renderWithStore(
      <MarkdownView text={`\`\`\`plaintext\n${code}\`\`\`\n`} />
    )
    // Plain text of this size enters the page a piece per task (PlainText).
    await waitFor(() =>
      expect(container.querySelector('pre code')?.textContent?.length).toBe(code.length - 1)
    )
    const button = await findByRole('button', { name: 'Highlight' })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(container.querySelector('code.hljs')).toBeNull()
    button.click()
    await waitFor(() => expect(container.querySelector('code.hljs')).not.toBeNull())
  })
})

describe('MarkdownView on a long answer', () => {
  const text = Array.from({ length: 40 }, (_, i) => `${'word '.repeat(60)}**b${i}**`).join('\n\n')

  it('formats an answer opened from history a few blocks per task, first blocks first', async () => {
    const { container } = await renderWithStore(<MarkdownView text={text} />)
    const bold = container.querySelectorAll('strong')
    expect(bold.length).toBeGreaterThan(0)
    expect(bold.length).toBeLessThan(40)
    expect(bold[0].textContent).toBe('b0')
    // The rest is there as plain text meanwhile.
    expect(container.textContent).toContain('**b39**')
    await waitFor(() => expect(container.querySelectorAll('strong')).toHaveLength(40))
    expect(container.querySelector('.markdown-plain')).toBeNull()
  })

  it('skips layout of a long answer off screen when shown finished, not while or after it streams', async () => {
    // 60 KB: each block is one more visibility check per frame, which a streaming answer pays,
    // and switching them all over when it ends is one long task.
    const long = Array.from({ length: 200 }, () => 'word '.repeat(60)).join('\n\n')
    const isLong = (container: HTMLElement) =>
      container.querySelector('.markdown')?.classList.contains('markdown-long')
    const streamed = await renderWithStore(<MarkdownView text={long} streaming />)
    expect(isLong(streamed.container)).toBe(false)
    streamed.rerender(<MarkdownView text={long} />)
    expect(isLong(streamed.container)).toBe(false)
    const opened = await renderWithStore(<MarkdownView text={long} />)
    expect(isLong(opened.container)).toBe(true)
  })

  it('formats every block at once while the answer streams', async () => {
    const { container } = await renderWithStore(<MarkdownView text={text} streaming />)
    expect(container.querySelectorAll('strong')).toHaveLength(40)
  })
})
