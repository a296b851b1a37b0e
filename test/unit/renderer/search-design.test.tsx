// @vitest-environment jsdom
// Search results as plain text: no title hit repeating the question beside it, Markdown dropped
// and math shown as its source in code style.
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { SearchResult } from '../../../src/renderer/src/components/search/SearchResult'
import {
  groupByConversation,
  snippetRuns,
  withoutEchoedTitles
} from '../../../src/renderer/src/lib/historyView'
import type { MessageHit, SearchHit, TitleHit } from '../../../src/shared/search'

afterEach(cleanup)

function messageHit(
  id: number,
  role: 'user' | 'assistant',
  snippet: MessageHit['snippet']
): MessageHit {
  return {
    field: 'content',
    role,
    messageId: id,
    conversationId: 1,
    conversationTitle: 'What is a monad?',
    model: 'doubao-seed-1-6-251015',
    createdAt: Date.UTC(2024, 2, 5),
    archived: false,
    snippet
  }
}

function titleHit(title: string): TitleHit {
  return {
    field: 'title',
    role: null,
    messageId: null,
    conversationId: 1,
    conversationTitle: title,
    archived: false,
    model: 'doubao-seed-1-6-251015',
    createdAt: Date.UTC(2024, 2, 5),
    snippet: [
      { text: title.slice(0, 10), match: false },
      { text: title.slice(10), match: true }
    ]
  }
}

describe('title hits', () => {
  it('are dropped where the conversation’s first question says the same', () => {
    const question = messageHit(1, 'user', [
      { text: 'What is a ', match: false },
      { text: 'monad', match: true },
      { text: '?  In Haskell, please.', match: false }
    ])
    const answer = messageHit(2, 'assistant', [{ text: 'A monad is…', match: true }])
    const results: SearchHit[] = [titleHit('What is a monad?'), answer, question]
    const [group] = withoutEchoedTitles(groupByConversation(results))
    expect(group.results).toEqual([answer, question])
    // A title the question does not repeat stays, as does one with no question among the hits.
    expect(
      withoutEchoedTitles(groupByConversation([titleHit('Monads, explained'), question]))[0].results
    ).toHaveLength(2)
    expect(
      withoutEchoedTitles(groupByConversation([titleHit('What is a monad?'), answer]))[0].results
    ).toHaveLength(2)
    // A title cut short with an ellipsis still echoes its question.
    expect(
      withoutEchoedTitles(groupByConversation([titleHit('What is a mon…'), question]))[0].results
    ).toEqual([question])
  })
})

describe('snippet runs', () => {
  it('turn $…$, $$…$$, \\(…\\) and \\[…\\] into code runs of their source, matches kept', () => {
    const runs = snippetRuns([
      { text: 'so $E = mc^2$ and ', match: false },
      { text: 'energy', match: true },
      { text: ' $$\\sum_{i=1}^n i$$ then \\(x\\) costs $5 or $10.', match: false }
    ])
    expect(runs).toEqual([
      { code: false, parts: [{ text: 'so ', match: false }] },
      { code: true, parts: [{ text: 'E = mc^2', match: false }] },
      {
        code: false,
        parts: [
          { text: ' and ', match: false },
          { text: 'energy', match: true },
          { text: ' ', match: false }
        ]
      },
      { code: true, parts: [{ text: '\\sum_{i=1}^n i', match: false }] },
      { code: false, parts: [{ text: ' then ', match: false }] },
      { code: true, parts: [{ text: 'x', match: false }] },
      { code: false, parts: [{ text: ' costs $5 or $10.', match: false }] }
    ])
  })

  it('keep a match inside a formula marked', () => {
    expect(
      snippetRuns([
        { text: 'the $\\', match: false },
        { text: 'alpha', match: true },
        { text: '$ term', match: false }
      ])
    ).toEqual([
      { code: false, parts: [{ text: 'the ', match: false }] },
      {
        code: true,
        parts: [
          { text: '\\', match: false },
          { text: 'alpha', match: true }
        ]
      },
      { code: false, parts: [{ text: ' term', match: false }] }
    ])
  })
})

describe('a result', () => {
  it('shows an answer’s snippet without Markdown, its math as code', () => {
    const { container } = render(
      <SearchResult
        id="r1"
        hit={messageHit(2, 'assistant', [
          { text: '## Result **mass–', match: false },
          { text: 'energy', match: true },
          { text: '** is $E = mc^2$ here', match: false }
        ])}
        selected={false}
        onPoint={() => {}}
        onOpen={() => {}}
      />
    )
    const snippet = container.querySelector('.search-hit-snippet')!
    expect(snippet.textContent).toBe('Result mass–energy is E = mc^2 here')
    expect([...snippet.querySelectorAll('code')].map((code) => code.textContent)).toEqual([
      'E = mc^2'
    ])
    expect(snippet.querySelector('mark')?.textContent).toBe('energy')
  })
})
