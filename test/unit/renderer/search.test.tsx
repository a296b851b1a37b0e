// @vitest-environment jsdom
// The search panel: a query per keystroke (older answers dropped), filters, results grouped by conversation with their
// matches marked, keyboard navigation, and opening a result at its highlighted message.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { MarkdownView } from '../../../src/renderer/src/components/markdown/MarkdownView'
import {
  dayEnd,
  dayStart,
  groupByConversation,
  matchedTerms,
  readableSnippet,
  splitByTerms
} from '../../../src/renderer/src/lib/historyView'
import { FIRST_PAGE_SIZE } from '../../../src/renderer/src/store'
import type { MessageHit, SearchHit, TitleHit } from '../../../src/shared/search'
import { createFakeApi, makeConversation, makeMessage, ok, type FakeApi } from './fake-api'
import { stubListViewports } from './layout'
import { createTestStore, renderWithStore } from './render'

stubListViewports(600)

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function hit(
  overrides: Partial<MessageHit> & { messageId: number; conversationId: number }
): MessageHit {
  return {
    field: 'content',
    role: 'assistant',
    conversationTitle: `Conversation ${overrides.conversationId}`,
    model: 'doubao-seed-1-6-251015',
    createdAt: Date.UTC(2024, 2, 5, 9, 30),
    archived: false,
    snippet: [{ text: 'text', match: false }],
    ...overrides
  }
}

function titleHit(conversationId: number, title: string): TitleHit {
  return {
    field: 'title',
    messageId: null,
    role: null,
    conversationId,
    conversationTitle: title,
    archived: false,
    model: 'glm-4-7-251222',
    createdAt: Date.UTC(2024, 2, 6),
    snippet: [{ text: title, match: true }]
  }
}

// Newest first, as main answers: conversation 7 has the newest hit and one more further down.
const RESULTS: SearchHit[] = [
  titleHit(7, '数据 pipeline'),
  hit({
    messageId: 70,
    conversationId: 7,
    conversationTitle: '数据 pipeline',
    snippet: [
      { text: '我们的', match: false },
      { text: '数据', match: true },
      { text: '模型很大', match: false }
    ]
  }),
  hit({
    messageId: 50,
    conversationId: 5,
    conversationTitle: 'Paris trip',
    role: 'user',
    snippet: [
      { text: '…the ', match: false },
      { text: 'café', match: true },
      { text: ' near the 数据 office', match: false }
    ]
  }),
  hit({
    messageId: 40,
    conversationId: 7,
    conversationTitle: '数据 pipeline',
    field: 'reasoning',
    snippet: [
      { text: '数据', match: true },
      { text: ' cleaning first', match: false }
    ]
  })
]

async function renderApp(fake: FakeApi) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake }
}

/** The result options (not the model filter's options). */
function hits(dialog: HTMLElement): HTMLElement[] {
  const listbox = within(dialog).queryByRole('listbox', { name: 'Results' })
  return listbox ? within(listbox).getAllByRole('option') : []
}

/** The first page's request for a query and filters, from this window's search box. */
function firstPage(args: Record<string, unknown>) {
  return { ...args, limit: FIRST_PAGE_SIZE, typing: expect.stringMatching(/^search-/) }
}

function openSearch(): HTMLElement {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
  return screen.getByRole('dialog', { name: 'Search' })
}

describe('search panel', () => {
  it('opens with Ctrl+K or the sidebar field, and searches on every keystroke', async () => {
    const fake = createFakeApi()
    const answers: Array<(value: ReturnType<typeof ok>) => void> = []
    vi.mocked(fake.api.searchHistory).mockImplementation(
      () => new Promise((resolve) => answers.push(resolve as never))
    )
    await renderApp(fake)
    fireEvent.click(screen.getByRole('button', { name: 'Search' }))
    const dialog = screen.getByRole('dialog', { name: 'Search' })
    const box = within(dialog).getByRole('searchbox', { name: 'Search messages' })
    expect(document.activeElement).toBe(box)

    // No waiting for a pause: each keystroke asks main at once, from the same search box.
    fireEvent.change(box, { target: { value: '数' } })
    fireEvent.change(box, { target: { value: '数据' } })
    expect(fake.api.searchHistory).toHaveBeenCalledTimes(2)
    expect(fake.api.searchHistory).toHaveBeenNthCalledWith(1, firstPage({ query: '数' }))
    expect(fake.api.searchHistory).toHaveBeenNthCalledWith(2, firstPage({ query: '数据' }))
    const [first, second] = vi.mocked(fake.api.searchHistory).mock.calls
    expect(first[0].typing).toBe(second[0].typing)
    expect(within(dialog).getByRole('status').textContent).toBe('Searching…')

    // The newer answer comes first; the older one, arriving late, is never painted over it.
    await act(async () => answers[1](ok({ results: RESULTS, next: null })))
    expect(hits(dialog)).toHaveLength(4)
    await act(async () => answers[0](ok({ results: RESULTS.slice(0, 1), next: null })))
    expect(hits(dialog)).toHaveLength(4)
    const results = dialog.querySelector('.search-results')!
    expect(results.getAttribute('data-results-for')).toBe('数据')
    expect(results.getAttribute('aria-busy')).toBe('false')

    // While the next keystroke's search runs, the results shown stay, and so does their count
    // (the live region does not say "Searching" per key); main's "superseded" changes nothing.
    fireEvent.change(box, { target: { value: '数据 x' } })
    fireEvent.change(box, { target: { value: '数据 xy' } })
    expect(hits(dialog)).toHaveLength(4)
    expect(results.getAttribute('aria-busy')).toBe('true')
    expect(within(dialog).getByRole('status').textContent).toBe('4 results')
    expect(document.activeElement).toBe(box)
    await act(async () => answers[2](ok({ results: [], next: null, superseded: true })))
    expect(results.getAttribute('aria-busy')).toBe('true')
    await act(async () => answers[3](ok({ results: RESULTS.slice(2), next: null })))
    expect(hits(dialog)).toHaveLength(2)
    expect(results.getAttribute('data-results-for')).toBe('数据 xy')
    expect(within(dialog).getByRole('status').textContent).toBe('2 results')

    // Esc closes; Ctrl+K opens it again with the same results.
    fireEvent.keyDown(box, { key: 'Escape' })
    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull()
    expect(hits(openSearch())).toHaveLength(2)
  })

  it('searches what an input method commits, not the letters it composes', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: RESULTS, next: null }))
    await renderApp(fake)
    const dialog = openSearch()
    const box = within(dialog).getByRole('searchbox')
    fireEvent.compositionStart(box)
    fireEvent.change(box, { target: { value: 's' } })
    fireEvent.change(box, { target: { value: 'shuju' } })
    expect(box).toHaveProperty('value', 'shuju')
    fireEvent.change(box, { target: { value: '数据' } })
    expect(fake.api.searchHistory).not.toHaveBeenCalled()
    await act(async () => fireEvent.compositionEnd(box))
    expect(fake.api.searchHistory).toHaveBeenCalledTimes(1)
    expect(fake.api.searchHistory).toHaveBeenCalledWith(firstPage({ query: '数据' }))
    expect(hits(dialog)).toHaveLength(4)
    // Typed without an input method, every change searches again.
    await act(async () => fireEvent.change(box, { target: { value: '数据 p' } }))
    expect(fake.api.searchHistory).toHaveBeenCalledTimes(2)
  })

  it('groups results by conversation, newest first, with the matches in <mark>', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: RESULTS, next: null }))
    await renderApp(fake)
    const dialog = openSearch()
    vi.useFakeTimers()
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: '数据' } })
    await act(async () => vi.advanceTimersByTime(0))

    // One group per conversation, headed by its title, in the order of their newest hit.
    const groups = within(dialog).getAllByRole('group')
    expect(groups).toHaveLength(2)
    expect(within(dialog).getByRole('group', { name: '数据 pipeline' })).toBe(groups[0])
    expect(within(dialog).getByRole('group', { name: 'Paris trip' })).toBe(groups[1])
    const first = within(groups[0]).getAllByRole('option')
    expect(first).toHaveLength(3)
    expect(first.map((o) => o.querySelector('.search-hit-kind')!.textContent)).toEqual([
      'Title',
      'Assistant',
      'Thinking'
    ])
    expect([...first[1].querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['数据'])
    expect(first[1].querySelector('.search-hit-snippet')!.textContent).toBe('我们的数据模型很大')
    const second = within(groups[1]).getByRole('option')
    expect(second.querySelector('.search-hit-kind')!.textContent).toBe('You')
    expect([...second.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['café'])
    // The date is shown.
    expect(second.querySelector('time')!.getAttribute('dateTime')).toBe('2024-03-05T09:30:00.000Z')
    expect(within(dialog).getByRole('status').textContent).toBe('4 results')
  })

  it('an emptied query clears the results at once and a late answer is dropped', async () => {
    const fake = createFakeApi()
    let answer: (value: ReturnType<typeof ok>) => void = () => {}
    vi.mocked(fake.api.searchHistory)
      .mockResolvedValueOnce(ok({ results: RESULTS, next: null }))
      .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve as never)))
    await renderApp(fake)
    const dialog = openSearch()
    const box = within(dialog).getByRole('searchbox')
    vi.useFakeTimers()
    fireEvent.change(box, { target: { value: 'cafe' } })
    await act(async () => vi.advanceTimersByTime(0))
    expect(hits(dialog)).toHaveLength(4)

    fireEvent.change(box, { target: { value: 'cafes' } })
    await act(async () => vi.advanceTimersByTime(0))
    fireEvent.change(box, { target: { value: '' } })
    // No waiting for a debounce: gone now.
    expect(hits(dialog)).toHaveLength(0)
    await act(async () => answer(ok({ results: RESULTS, next: null })))
    expect(hits(dialog)).toHaveLength(0)
    await act(async () => vi.advanceTimersByTime(1000))
    expect(fake.api.searchHistory).toHaveBeenCalledTimes(2)
  })

  it('filters by model and by a date range whose To includes the whole day', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: [], next: null }))
    await renderApp(fake)
    const dialog = openSearch()
    const model = within(dialog).getByRole('combobox', {
      name: 'Model filter'
    }) as HTMLSelectElement
    expect(model.options[0].textContent).toBe('All models')
    expect([...model.options].some((o) => o.value === 'glm-4-7-251222')).toBe(true)
    // Friendly names in the list; the id only in the option's tooltip.
    const glm = [...model.options].find((o) => o.value === 'glm-4-7-251222')
    expect(glm?.textContent).toBe('GLM 4.7')
    expect(glm?.title).toBe('glm-4-7-251222')

    vi.useFakeTimers()
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'plan' } })
    await act(async () => vi.advanceTimersByTime(0))
    await act(async () => fireEvent.change(model, { target: { value: 'glm-4-7-251222' } }))
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(
      firstPage({ query: 'plan', model: 'glm-4-7-251222' })
    )
    await act(async () =>
      fireEvent.change(within(dialog).getByLabelText('From'), { target: { value: '2024-03-01' } })
    )
    await act(async () =>
      fireEvent.change(within(dialog).getByLabelText('To'), { target: { value: '2024-03-05' } })
    )
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(
      firstPage({
        query: 'plan',
        model: 'glm-4-7-251222',
        from: new Date(2024, 2, 1).getTime(),
        to: new Date(2024, 2, 6).getTime()
      })
    )
    // "No results" names the filters, and clears them in one click.
    expect(within(dialog).getByRole('status').textContent).toBe(
      'No results for “plan” with model GLM 4.7, from 2024-03-01, until 2024-03-05'
    )
    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Clear the filters' }))
    )
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(firstPage({ query: 'plan' }))
    expect(within(dialog).getByRole('status').textContent).toBe('No results for “plan”')
  })

  it('filters by who wrote it, what it carries and pinned chats, and names them', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: [], next: null }))
    await renderApp(fake)
    const dialog = openSearch()
    await act(async () =>
      fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: 'plan' } })
    )
    const role = within(dialog).getByRole('combobox', { name: 'Who wrote it' })
    await act(async () => fireEvent.change(role, { target: { value: 'user' } }))
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(
      firstPage({ query: 'plan', role: 'user' })
    )
    const has = within(dialog).getByRole('combobox', { name: 'Attachments' })
    await act(async () => fireEvent.change(has, { target: { value: 'file' } }))
    await act(async () => fireEvent.click(within(dialog).getByLabelText('Pinned chats only')))
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(
      firstPage({ query: 'plan', role: 'user', pinned: true, has: 'file' })
    )
    expect(within(dialog).getByRole('status').textContent).toBe(
      'No results for “plan” written by you, in pinned chats, with files'
    )
    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Clear the filters' }))
    )
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith(firstPage({ query: 'plan' }))
  })

  it('loads the next page with the cursor', async () => {
    const fake = createFakeApi()
    const cursor = { key: 40, rank: 0 as const, conversationId: 7 }
    vi.mocked(fake.api.searchHistory)
      .mockResolvedValueOnce(ok({ results: RESULTS.slice(0, 2), next: cursor }))
      .mockResolvedValueOnce(ok({ results: RESULTS.slice(2), next: null }))
    await renderApp(fake)
    const dialog = openSearch()
    vi.useFakeTimers()
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: '数据' } })
    await act(async () => vi.advanceTimersByTime(0))
    expect(within(dialog).getByRole('status').textContent).toBe('2+ results')
    await act(async () =>
      fireEvent.click(within(dialog).getByRole('button', { name: 'Load more results' }))
    )
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith({
      query: '数据',
      before: cursor,
      typing: expect.stringMatching(/^search-/)
    })
    expect(hits(dialog)).toHaveLength(4)
    expect(within(dialog).queryByRole('button', { name: 'Load more results' })).toBeNull()
  })

  it('arrows move through the results in shown order; Enter opens the message marked', async () => {
    const conversation = makeConversation({ id: 5, title: 'Paris trip' })
    const fake = createFakeApi({ conversations: [conversation] })
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: RESULTS, next: null }))
    vi.mocked(fake.api.getConversation).mockResolvedValue(
      ok({
        conversation,
        messages: [
          ...Array.from({ length: 30 }, (_, i) =>
            makeMessage({ id: i + 1, conversationId: 5, content: `Filler ${i}` })
          ),
          makeMessage({
            id: 50,
            conversationId: 5,
            role: 'user',
            content: 'Meet me at the café near the office. The Café opens at 8.'
          }),
          makeMessage({ id: 51, conversationId: 5, content: 'Sure.' })
        ],
        hasOlder: false,
        hasNewer: false
      })
    )
    await renderApp(fake)
    const dialog = openSearch()
    const box = within(dialog).getByRole('searchbox')
    vi.useFakeTimers()
    fireEvent.change(box, { target: { value: 'cafe' } })
    await act(async () => vi.advanceTimersByTime(0))
    vi.useRealTimers()

    const options = hits(dialog)
    expect(options[0].getAttribute('aria-selected')).toBe('true')
    // Shown order: the 数据 group's three, then Paris trip.
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    expect(box.getAttribute('aria-activedescendant')).toBe(options[3].id)
    expect(options[3].getAttribute('aria-selected')).toBe('true')
    fireEvent.keyDown(box, { key: 'ArrowUp' })
    fireEvent.keyDown(box, { key: 'ArrowDown' })
    await act(async () => fireEvent.keyDown(box, { key: 'Enter' }))

    expect(screen.queryByRole('dialog', { name: 'Search' })).toBeNull()
    expect(fake.api.getConversation).toHaveBeenCalledWith({ id: 5, around: 50 })
    const target = await screen.findByRole('article', { current: true })
    expect(target.getAttribute('data-highlighted')).toBe('true')
    expect(target.textContent).toContain('Meet me at the café')
    // Every occurrence of the matched text, in any case, is marked.
    expect([...target.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['café', 'Café'])
    expect(
      screen.getAllByRole('article').filter((a) => a.getAttribute('aria-current'))
    ).toHaveLength(1)
  })

  it('a title hit opens the conversation without marking a message', async () => {
    const fake = createFakeApi({
      conversations: [makeConversation({ id: 7, title: '数据 pipeline' })]
    })
    vi.mocked(fake.api.searchHistory).mockResolvedValue(ok({ results: RESULTS, next: null }))
    vi.mocked(fake.api.getConversation).mockResolvedValue(
      ok({
        conversation: makeConversation({ id: 7, title: '数据 pipeline' }),
        messages: [makeMessage({ id: 70, conversationId: 7, content: '我们的数据模型很大' })],
        hasOlder: false,
        hasNewer: false
      })
    )
    await renderApp(fake)
    const dialog = openSearch()
    vi.useFakeTimers()
    fireEvent.change(within(dialog).getByRole('searchbox'), { target: { value: '数据' } })
    await act(async () => vi.advanceTimersByTime(0))
    vi.useRealTimers()
    await act(async () => fireEvent.click(hits(dialog)[0]))
    expect(fake.api.getConversation).toHaveBeenCalledWith({ id: 7 })
    await screen.findByRole('article', { name: 'Assistant' })
    expect(screen.queryByRole('article', { current: true })).toBeNull()
    expect(document.querySelector('.message-scroll mark')).toBeNull()
  })
})

describe('marks in rendered messages', () => {
  it('wraps CJK and accented matches in Markdown text, keeps them through the sanitizer', () => {
    render(
      <MarkdownView
        text={'## 数据\n\n我们的**数据**模型, a Café and CAFÉ, `code 数据`'}
        marks={['数据', 'Café']}
      />
    )
    const marks = [...document.querySelectorAll('mark.search-mark')].map((m) => m.textContent)
    expect(marks).toEqual(['数据', '数据', 'Café', 'CAFÉ', '数据'])
    expect(document.querySelector('strong mark')?.textContent).toBe('数据')
  })

  it('adds no marks without terms, and raw <mark> from a model stays text', () => {
    render(<MarkdownView text={'Plain <mark>raw</mark> text'} />)
    expect(document.querySelector('mark')).toBeNull()
    expect(document.body.textContent).toContain('<mark>raw</mark>')
  })
})

describe('search helpers', () => {
  it('groups hits by conversation in order of their newest hit', () => {
    const groups = groupByConversation(RESULTS)
    expect(groups.map((g) => [g.conversationId, g.results.map((r) => r.messageId)])).toEqual([
      [7, [null, 70, 40]],
      [5, [50]]
    ])
  })

  it('takes the matched strings of a snippet, longest first, and splits text at them', () => {
    expect(
      matchedTerms([
        { text: '数据', match: true },
        { text: ' and ', match: false },
        { text: '数据模型', match: true },
        { text: '数据', match: true }
      ])
    ).toEqual(['数据模型', '数据'])
    expect(splitByTerms('error\n  handling (a+b)', ['error handling', 'a+b'])).toEqual([
      { text: 'error\n  handling', match: true },
      { text: ' (', match: false },
      { text: 'a+b', match: true },
      { text: ')', match: false }
    ])
  })

  it('drops Markdown syntax from an answer snippet but never touches a match', () => {
    expect(
      readableSnippet([
        { text: '## 清洗步骤 我们的**', match: false },
        { text: '数据', match: true },
        { text: '**模型 and `a > b` stays, 2*3', match: false }
      ])
    ).toEqual([
      { text: '清洗步骤 我们的', match: false },
      { text: '数据', match: true },
      { text: '模型 and a > b stays, 2*3', match: false }
    ])
    expect(readableSnippet([{ text: '**', match: true }])).toEqual([{ text: '**', match: true }])
  })

  it('turns yyyy-mm-dd into local day bounds', () => {
    expect(dayStart('2024-12-31')).toBe(new Date(2024, 11, 31).getTime())
    expect(dayEnd('2024-12-31')).toBe(new Date(2025, 0, 1).getTime())
    expect(dayStart('')).toBeNull()
  })
})
