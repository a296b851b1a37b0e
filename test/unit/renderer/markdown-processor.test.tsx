// @vitest-environment jsdom
// Opening a long chat in one frame: one Markdown pipeline built once for every block, and rows in
// the message list that show their text first and their Markdown right after the frame is painted.
import { act, cleanup, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'

const built = vi.hoisted(() => ({ count: 0 }))
vi.mock('unified', async (importOriginal) => {
  const original = await importOriginal<typeof import('unified')>()
  // Counts the processors made, then makes them for real.
  const counting = (() => {
    built.count++
    return original.unified()
  }) as typeof original.unified
  return { ...original, unified: counting }
})

const { MarkdownView } = await import('../../../src/renderer/src/components/markdown/MarkdownView')
const { PlainFirstContext, usePlainFirst } = await import(
  '../../../src/renderer/src/components/markdown/plainFirst'
)
const { markdownProcessor } = await import('../../../src/renderer/src/lib/markdownProcessor')
const { renderWithStore } = await import('./render')

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const answer = (n: number): string =>
  Array.from(
    { length: 20 },
    (_, i) => `Answer ${n}.${i}: a **bold** claim and a [link](https://example.com/${i}).`
  ).join('\n\n')

/** The message list's setting: blocks may show their text first. */
function InList({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const plainFirst = usePlainFirst()
  return (
    <PlainFirstContext.Provider value={plainFirst}>
      <MarkdownView text={text} streaming={streaming} />
    </PlainFirstContext.Provider>
  )
}

/** Holds back the browser's frame callbacks, to run them when the test says the frame painted. */
function holdFrames(): { paint: () => void } {
  const frames: FrameRequestCallback[] = []
  vi.spyOn(window, 'requestAnimationFrame').mockImplementation((callback) => {
    frames.push(callback)
    return frames.length
  })
  return {
    paint: () => {
      for (const frame of frames.splice(0)) frame(performance.now())
    }
  }
}

describe('the Markdown pipeline', () => {
  it('is built once and reused for every block of every message', async () => {
    const before = built.count
    const { container } = await renderWithStore(
      <>
        <MarkdownView text={answer(1)} />
        <MarkdownView text={answer(2)} />
        <MarkdownView text={answer(3)} />
      </>
    )
    // 60 blocks, each rendered through the pipeline (an answer from history a few per task).
    await waitFor(() => expect(container.querySelectorAll('strong')).toHaveLength(60))
    expect(container.querySelectorAll('a[href^="https://example.com/"]')).toHaveLength(60)
    expect(built.count - before).toBeLessThanOrEqual(1)
    const pipeline = markdownProcessor()
    await renderWithStore(<MarkdownView text={answer(4)} />)
    expect(markdownProcessor()).toBe(pipeline)
    expect(built.count - before).toBeLessThanOrEqual(1)
  })

  it('keeps the image label and search marks per block, though the pipeline is shared', async () => {
    const { container } = await renderWithStore(
      <>
        <MarkdownView text="![a cat](https://example.com/cat.png) and a cat" marks={['cat']} />
        <MarkdownView text="a cat without marks" />
      </>
    )
    const [marked, unmarked] = container.querySelectorAll('.markdown')
    expect(marked.querySelector('.md-image')?.textContent).toContain('a cat')
    expect(marked.querySelectorAll('mark.search-mark').length).toBeGreaterThan(0)
    expect(unmarked.querySelector('mark')).toBeNull()
    expect(container.querySelector('img')).toBeNull()
  })
})

describe('plain text first in the message list', () => {
  it('shows a block as text for the first frame, then as Markdown once that frame is painted', async () => {
    const frames = holdFrames()
    const text = 'First a **bold** claim.\n\n- one item\n- two items\n'
    const { container } = await renderWithStore(<InList text={text} />)
    // Not yet formatted: the text is there, in place, and nothing was parsed.
    expect(container.querySelector('strong')).toBeNull()
    expect(container.querySelector('li')).toBeNull()
    expect(container.querySelectorAll('.markdown-pending')).toHaveLength(2)
    expect(container.textContent).toContain('First a **bold** claim.')
    act(() => frames.paint())
    await waitFor(() => expect(container.querySelector('strong')?.textContent).toBe('bold'))
    expect(container.querySelectorAll('li')).toHaveLength(2)
    expect(container.querySelector('.markdown-pending')).toBeNull()
  })

  it('shows a block rendered before as Markdown at once (a row scrolled away and back)', async () => {
    const text = 'A *seen* block, remounted.'
    const first = await renderWithStore(<InList text={text} />)
    await waitFor(() => expect(first.container.querySelector('em')).not.toBeNull())
    cleanup()
    holdFrames()
    const { container } = await renderWithStore(<InList text={text} />)
    expect(container.querySelector('em')?.textContent).toBe('seen')
    expect(container.querySelector('.markdown-pending')).toBeNull()
  })

  it('renders a block still streaming at once, and elsewhere (no list) everything at once', async () => {
    holdFrames()
    const { container } = await renderWithStore(
      <>
        <InList text={'A finished **block**.\n\nStill *streaming* here'} streaming />
        <MarkdownView text="Outside the list: **bold**." />
      </>
    )
    const [list, outside] = container.querySelectorAll('.markdown')
    // The finished block waits for the frame; the open one does not.
    expect(list.querySelectorAll('.markdown-pending')).toHaveLength(1)
    expect(list.querySelector('em')?.textContent).toBe('streaming')
    expect(outside.querySelector('strong')?.textContent).toBe('bold')
  })
})
