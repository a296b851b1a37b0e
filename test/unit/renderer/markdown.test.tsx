// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MarkdownView } from '../../../src/renderer/src/components/markdown/MarkdownView'
import { safeUrl } from '../../../src/renderer/src/lib/markdownPipeline'
import { renderWithStore } from './render'

afterEach(cleanup)

async function renderMarkdown(text: string) {
  const { container } = await renderWithStore(<MarkdownView text={text} />)
  return container
}

describe('Markdown sanitizing', () => {
  it('renders no script, img or iframe elements from raw HTML', async () => {
    const container = await renderMarkdown(
      [
        'Before',
        '',
        '<script>window.pwned = true</script>',
        '',
        '<img src=x onerror="window.pwned = true">',
        '',
        '<iframe src="https://evil.example/frame"></iframe>',
        '',
        'Inline <script>alert(1)</script> and <img src=y onerror=alert(1)> too.'
      ].join('\n')
    )
    expect(container.querySelector('script, img, iframe')).toBeNull()
    expect(container.querySelector('[onerror]')).toBeNull()
    expect((window as unknown as { pwned?: boolean }).pwned).toBeUndefined()
    expect(container.textContent).toContain('Before')
  })

  it('drops javascript: and other non-http(s)/mailto links', async () => {
    const container = await renderMarkdown(
      '[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [d](data:text/html,hi) [f](file:///etc/passwd) [r](/relative)'
    )
    const hrefs = [...container.querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(hrefs).toEqual([])
    expect(container.innerHTML).not.toMatch(/javascript:|data:text|file:/i)
    // The link text stays readable.
    expect(container.textContent).toContain('x')
  })

  it('keeps http, https and mailto links and opens them outside the app', async () => {
    const container = await renderMarkdown(
      '[site](https://example.com/a) and [mail](mailto:a@example.com)'
    )
    const link = screen.getByRole('link', { name: 'site' })
    expect(link.getAttribute('href')).toBe('https://example.com/a')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noreferrer noopener')
    expect(container.querySelector('a[href="mailto:a@example.com"]')).not.toBeNull()
  })

  it('never loads images from model output: no <img>, the URL nowhere in the page', async () => {
    const container = await renderMarkdown('Look: ![a](https://evil.example/x.png)')
    expect(container.querySelector('img')).toBeNull()
    expect(container.innerHTML).not.toContain('evil.example')
    expect(container.textContent).toContain('[image: a]')
  })

  it('renders GFM tables', async () => {
    const container = await renderMarkdown(
      '| Model | Context |\n| --- | ---: |\n| glm | 200k |\n| seed | 256k |'
    )
    const table = container.querySelector('table')
    expect(table).not.toBeNull()
    expect([...table!.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Model',
      'Context'
    ])
    expect(table!.querySelectorAll('tbody tr')).toHaveLength(2)
  })

  it('renders lists and strikethrough', async () => {
    const container = await renderMarkdown('- one\n- ~~two~~\n\n1. first')
    expect(container.querySelectorAll('ul li')).toHaveLength(2)
    expect(container.querySelector('del')?.textContent).toBe('two')
    expect(container.querySelector('ol li')?.textContent).toBe('first')
  })
})

describe('Markdown code blocks', () => {
  const writeText = vi.fn<(text: string) => Promise<void>>()

  beforeEach(() => {
    writeText.mockReset().mockResolvedValue(undefined)
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
  })

  it('highlights a fenced ts block and shows its language and a Copy code button', async () => {
    const container = await renderMarkdown('```ts\nconst answer: number = 42\n```')
    // Highlighting happens off the input path: the code shows plain first.
    await waitFor(() => expect(container.querySelector('pre code.hljs')).not.toBeNull())
    const code = container.querySelector('pre code')!
    expect(code.classList.contains('hljs')).toBe(true)
    expect(code.classList.contains('language-ts')).toBe(true)
    expect(code.querySelector('span.hljs-keyword')?.textContent).toBe('const')
    expect(code.querySelector('span.hljs-number')?.textContent).toBe('42')
    expect(container.querySelector('.code-block-language')?.textContent).toBe('ts')
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeTruthy()
  })

  it('copies the code (without the trailing newline) and says so briefly', async () => {
    vi.useFakeTimers()
    try {
      await renderMarkdown('```ts\nconst a = 1\nconst b = 2\n```')
      const button = screen.getByRole('button', { name: 'Copy code' })
      fireEvent.click(button)
      expect(writeText).toHaveBeenCalledWith('const a = 1\nconst b = 2')
      await act(async () => {})
      expect(button.textContent).toBe('Copied')
      await act(async () => {
        vi.advanceTimersByTime(2000)
      })
      expect(button.textContent).toBe('Copy')
    } finally {
      vi.useRealTimers()
    }
  })

  it('gives each code block its own Copy button', async () => {
    await renderMarkdown('```py\nprint(1)\n```\n\ntext\n\n```\nplain\n```')
    expect(screen.getAllByRole('button', { name: 'Copy code' })).toHaveLength(2)
  })
})

describe('safeUrl', () => {
  it('keeps http, https and mailto only', () => {
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x')
    expect(safeUrl('http://a.example')).toBe('http://a.example')
    expect(safeUrl('mailto:x@a.example')).toBe('mailto:x@a.example')
    expect(safeUrl(' javascript:alert(1)')).toBeNull()
    expect(safeUrl('vbscript:x')).toBeNull()
    expect(safeUrl('#top')).toBeNull()
  })
})
