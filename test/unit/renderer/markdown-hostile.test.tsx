// @vitest-environment jsdom
// Hostile model output: whatever an answer holds, nothing executable reaches the page, and an
// answer too deep or too large to format never blanks the window.
import { cleanup, screen, waitFor } from '@testing-library/react'
import type { Element, Root, RootContent } from 'hast'
import { unified } from 'unified'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { MarkdownView } from '../../../src/renderer/src/components/markdown/MarkdownView'
import { MessageView } from '../../../src/renderer/src/components/chat/MessageView'
import { MessageBoundary } from '../../../src/renderer/src/components/markdown/SafeMarkdown'
import { isTooDeepForMarkdown } from '../../../src/renderer/src/lib/markdownGuards'
import { rehypePlugins } from '../../../src/renderer/src/lib/markdownPipeline'
import { renderMarkdown } from '../../../src/renderer/src/lib/markdownProcessor'
import { renderWithStore } from './render'

/** The app's Markdown pipeline on a whole text, with no depth check in front. */
function WholeText({ text }: { text: string }) {
  return renderMarkdown(text, {}, {})
}

afterEach(cleanup)

/** What must never be in the page: elements that run code or load things, by tag name. */
const FORBIDDEN_TAGS = [
  'script',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'img',
  'style',
  'form',
  'base',
  'meta',
  'link',
  'video',
  'audio',
  'source'
]
const URL_ATTRIBUTES = [
  'href',
  'src',
  'srcset',
  'action',
  'formaction',
  'xlink:href',
  'data',
  'poster',
  'background'
]
const UNSAFE_SCHEME = /^\s*(javascript|vbscript|data|file):/i

/** Every way the rendered DOM could run code or load something; empty when safe. */
function dangers(container: HTMLElement): string[] {
  const found: string[] = []
  for (const element of container.querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    if (FORBIDDEN_TAGS.includes(tag)) found.push(`<${tag}>`)
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase()
      if (name.startsWith('on')) found.push(`${tag}[${name}]`)
      if (name === 'style') found.push(`${tag}[style]`)
      if (
        URL_ATTRIBUTES.includes(name) &&
        (UNSAFE_SCHEME.test(attribute.value) || !/^(https?|mailto):/i.test(attribute.value))
      ) {
        found.push(`${tag}[${name}=${attribute.value.slice(0, 40)}]`)
      }
    }
  }
  return found
}

const pwned = () => (window as unknown as { pwned?: unknown }).pwned

const HOSTILE_LINKS = [
  '[js](javascript:window.pwned=1)',
  '[JS](JaVaScRiPt:window.pwned=1)',
  '[space]( javascript:window.pwned=1)',
  '[vb](vbscript:msgbox(1))',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTwvc2NyaXB0Pg==)',
  '[entity](&#106;avascript:window.pwned=1)',
  '[hex](&#x6A;&#x61;vascript:window.pwned=1)',
  '[tab](jav&#x09;ascript:window.pwned=1)',
  '[newline](jav&#10;ascript:window.pwned=1)',
  '[colon](javascript&colon;window.pwned=1)',
  '<javascript:window.pwned=1>',
  '[ref][evil]',
  '',
  '[evil]: javascript:window.pwned=1',
  '',
  '[file](file:///etc/passwd)'
].join('\n')

const HOSTILE_IMAGES = [
  '![js](javascript:window.pwned=1)',
  '![data](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9IndpbmRvdy5wd25lZD0xIi8+)',
  '![remote](https://evil.example/track.png)',
  '![ref][pic]',
  '',
  '[pic]: data:image/png;base64,iVBORw0KGgo='
].join('\n')

const HOSTILE_HTML = [
  '<script>window.pwned = 1</script>',
  '<iframe src="javascript:window.pwned=1"></iframe>',
  '<img src=x onerror="window.pwned = 1">',
  '<a href="javascript:window.pwned=1" onclick="window.pwned=1" onmouseover="window.pwned=1">click</a>',
  '<svg onload="window.pwned=1"><script>window.pwned=1</script></svg>',
  '<svg><a xlink:href="javascript:window.pwned=1"><text>x</text></a></svg>',
  '<math><mi xlink:href="javascript:window.pwned=1">m</mi></math>',
  '<object data="javascript:window.pwned=1"></object><embed src="javascript:window.pwned=1">',
  '<form action="javascript:window.pwned=1"><button formaction="javascript:window.pwned=1">go</button></form>',
  '<div style="background:url(javascript:window.pwned=1)" onclick="window.pwned=1">styled</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.pwned=1"><base href="javascript:/"><link rel="import" href="data:text/html,x">',
  '<details open ontoggle="window.pwned=1"><summary>s</summary></details>',
  '',
  'Inline <b onmouseover="window.pwned=1">bold</b> and <a href="vbscript:x">vb</a> and <img src=y onerror=window.pwned=1>.',
  '',
  '```html',
  '<script>window.pwned = 1</script>',
  '```'
].join('\n')

describe('a hostile Markdown corpus', () => {
  it.each([
    ['links with unsafe and disguised schemes', HOSTILE_LINKS],
    ['images of every kind', HOSTILE_IMAGES],
    ['raw HTML, SVG and MathML', HOSTILE_HTML],
    [
      'everything at once, inside lists, quotes and tables',
      [
        `- ${HOSTILE_LINKS.split('\n')[0]}`,
        `> ${HOSTILE_HTML.split('\n')[3]}`,
        '',
        '| a | b |',
        '|---|---|',
        `| ${HOSTILE_IMAGES.split('\n')[0]} | <script>window.pwned=1</script> |`
      ].join('\n')
    ]
  ])('%s: nothing executable survives', async (_name, text) => {
    const { container } = await renderWithStore(<MarkdownView text={text} />)
    expect(dangers(container)).toEqual([])
    // Raw HTML stays readable as text; no attribute anywhere holds an unsafe scheme.
    const attributeValues = [...container.querySelectorAll('*')].flatMap((node) =>
      [...node.attributes].map((a) => a.value)
    )
    expect(attributeValues.filter((value) => /javascript|vbscript|data:/i.test(value))).toEqual([])
    expect(pwned()).toBeUndefined()
    // The text stays readable: the page is not blank.
    expect(container.textContent!.length).toBeGreaterThan(10)
  })

  it('shows raw HTML as text, so the reader sees what was sent', async () => {
    const { container } = await renderWithStore(<MarkdownView text={HOSTILE_HTML} />)
    expect(container.textContent).toContain('<script>window.pwned = 1</script>')
    expect(container.textContent).toContain('onerror=')
  })

  it('keeps the safe links of the same answer', async () => {
    await renderWithStore(<MarkdownView text={`${HOSTILE_LINKS}\n\n[ok](https://example.com/)`} />)
    expect(screen.getByRole('link', { name: 'ok' }).getAttribute('href')).toBe(
      'https://example.com/'
    )
    expect(screen.getAllByRole('link')).toHaveLength(1)
  })
})

describe('the sanitize step on its own', () => {
  // A tree that already holds dangerous nodes, as if a parser or an earlier plugin had let them
  // through: the rehype plugins the app uses must remove them.
  const element = (
    tagName: string,
    properties: Element['properties'],
    children: Element['children'] = []
  ): Element => ({
    type: 'element',
    tagName,
    properties,
    children
  })
  const dangerousTree = (): Root => ({
    type: 'root',
    children: [
      element('script', {}, [{ type: 'text', value: 'window.pwned = 1' }]),
      element('iframe', { src: 'https://evil.example/' }),
      element('p', { onClick: 'window.pwned = 1', style: 'color:red', id: 'clobber' }, [
        element('a', { href: 'javascript:window.pwned=1', onMouseOver: 'x' }, [
          { type: 'text', value: 'js' }
        ]),
        element('a', { href: 'data:text/html,x' }, [{ type: 'text', value: 'data' }]),
        element('a', { href: 'https://example.com/' }, [{ type: 'text', value: 'fine' }])
      ]),
      element('svg', { onLoad: 'window.pwned = 1' }, [
        element('script', {}, [{ type: 'text', value: 'x' }])
      ]),
      element('object', { data: 'javascript:x' }),
      element('form', { action: 'javascript:x' }, [
        element('button', { formAction: 'javascript:x' })
      ]),
      element('div', { className: ['hljs', 'evil-class'], dataX: 'y' }, [
        { type: 'text', value: 'kept text' }
      ])
    ]
  })

  function run(tree: Root): Root {
    const processor = unified().use(rehypePlugins((alt) => `[image: ${alt}]`))
    return processor.runSync(tree) as Root
  }

  function elements(node: Root | RootContent, into: Element[] = []): Element[] {
    if (node.type === 'element') into.push(node)
    if ('children' in node) for (const child of node.children) elements(child as RootContent, into)
    return into
  }

  it('removes script-bearing elements, event handlers, styles and unsafe URLs', () => {
    const tree = run(dangerousTree())
    const all = elements(tree)
    expect(
      all
        .map((node) => node.tagName)
        .filter((tag) => ['script', 'iframe', 'svg', 'object', 'form', 'button'].includes(tag))
    ).toEqual([])
    for (const node of all) {
      for (const [name, value] of Object.entries(node.properties)) {
        expect(name, `${node.tagName}.${name}`).not.toMatch(/^on/i)
        expect(name, `${node.tagName}.${name}`).not.toBe('style')
        if (name === 'href' || name === 'src') expect(String(value)).toMatch(/^(https?|mailto):/)
      }
    }
    const hrefs = all
      .filter((node) => node.tagName === 'a')
      .map((node) => node.properties.href ?? null)
    expect(hrefs).toEqual([null, null, 'https://example.com/'])
    // GitHub's rule: ids are prefixed so an answer cannot clobber the page's own globals.
    expect(all.find((node) => node.tagName === 'p')?.properties.id).toBe('user-content-clobber')
  })
})

/** A finished assistant message with this text. */
const reply = (content: string): Message =>
  ({
    id: 7,
    conversationId: 1,
    role: 'assistant',
    content,
    reasoning: '',
    status: 'done',
    model: 'doubao-seed-2.0-pro',
    createdAt: 1,
    finishReason: 'stop',
    usage: null,
    params: null,
    error: null,
    attachments: [],
    parentId: null,
    versions: [7],
    reasoningMs: null
  }) as Message

/** Fails to render its text 'bad'. */
function Thrower({ text }: { text: string }) {
  if (text === 'bad') throw new Error('render failed')
  return <p>{text}</p>
}

describe('deep nesting and huge answers', () => {
  // Before SafeMarkdown: 3,000 `- ` took ~50 s to parse in jsdom, then mdast-util-to-hast threw
  // "Maximum call stack size exceeded" and, with no boundary, React unmounted the whole window.
  it.each([
    ['3,000 list markers', `${'- '.repeat(3000)}deep`],
    ['3,000 quote markers', `${'>'.repeat(3000)} deep`],
    ['3,000 mixed markers', `${'> - 1. '.repeat(1000)}deep`]
  ])('%s: shown at once as plain text with a notice, not thrown', async (_name, text) => {
    expect(isTooDeepForMarkdown(text)).toBe(true)
    // Plain text, never parsed (parsing took ~50 s): the raw block below shows the path taken.
    const { container } = await renderWithStore(<MessageView message={reply(text)} />)
    expect(
      screen.getByText('This answer could not be formatted, so it is shown as plain text.')
    ).toBeTruthy()
    expect(container.querySelector('.markdown-raw')?.textContent).toBe(text)
    expect(container.querySelector('ul, blockquote')).toBeNull()
  })

  it('formats ordinary nesting as Markdown', async () => {
    const text = `${'- '.repeat(20)}shallow\n\n${'>'.repeat(20)} quoted`
    expect(isTooDeepForMarkdown(text)).toBe(false)
    const { container } = await renderWithStore(<MessageView message={reply(text)} />)
    expect(container.querySelectorAll('ul')).toHaveLength(20)
    expect(container.querySelectorAll('blockquote')).toHaveLength(20)
    expect(container.querySelector('.markdown-raw')).toBeNull()
  })

  it('deeply nested emphasis (1,500 levels) is shown as plain text with a notice', async () => {
    // It rendered, after ~0.5 s in Chromium; a 99,000-character run held the page for minutes.
    const text = `${'*_'.repeat(750)}core${'_*'.repeat(750)}`
    const { container } = await renderWithStore(<MessageView message={reply(text)} />)
    expect(container.querySelector('.markdown-raw')?.textContent).toBe(text)
    expect(container.querySelector('em, strong')).toBeNull()
  })

  it('a message that throws while rendering shows its raw text, and the other messages stay', async () => {
    // The real failure, without the depth check in front (MarkdownView checks each block): the
    // app's Markdown pipeline on the whole text, and the boundary alone must contain it.
    // Deep enough that the pipeline overflows while rendering, inside the boundary: at 3,000 it
    // sometimes rendered, and React's commit overflowed outside any boundary instead.
    const text = `${'>'.repeat(10_000)} deep`
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const { container } = await renderWithStore(
        <>
          <p>before</p>
          <MessageBoundary text={text}>
            <WholeText text={text} />
          </MessageBoundary>
          <p>after</p>
        </>
      )
      expect(container.querySelector('.markdown-raw')?.textContent).toBe(text)
      expect(screen.getByText('before')).toBeTruthy()
      expect(screen.getByText('after')).toBeTruthy()
      expect(
        quiet.mock.calls.some((call) => String(call).includes('Maximum call stack size exceeded'))
      ).toBe(true)
    } finally {
      quiet.mockRestore()
    }
  }, 30_000)

  it('a boundary shows the message again once its text changes', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const view = (text: string) => (
        <MessageBoundary text={text}>
          <Thrower text={text} />
        </MessageBoundary>
      )
      const { container, rerender } = await renderWithStore(view('bad'))
      expect(container.querySelector('.markdown-raw')?.textContent).toBe('bad')
      rerender(view('good'))
      expect(container.querySelector('.markdown-raw')).toBeNull()
      expect(screen.getByText('good')).toBeTruthy()
    } finally {
      quiet.mockRestore()
    }
  })

  it('a huge answer (500 KB paragraph, 5,000-line code block, 1,000-row table) renders', async () => {
    const text = [
      'word '.repeat(100_000),
      '```',
      ...Array.from({ length: 5000 }, (_, i) => `line ${i} <script>window.pwned=1</script>`),
      '```',
      '| n | square |',
      '|---|---|',
      ...Array.from({ length: 1000 }, (_, i) => `| ${i} | ${i * i} |`)
    ].join('\n')
    const { container } = await renderWithStore(<MessageView message={reply(text)} />)
    expect(container.querySelector('.markdown-raw')).toBeNull()
    // A long answer is formatted a few blocks per task (useFormattedCount): the table comes last.
    await waitFor(() => expect(container.querySelectorAll('tbody tr')).toHaveLength(1000), {
      timeout: 30_000
    })
    expect(container.querySelector('pre')?.textContent).toContain('line 4999')
    expect(dangers(container)).toEqual([])
    expect(pwned()).toBeUndefined()
  }, 60_000)
})
