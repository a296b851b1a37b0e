// @vitest-environment jsdom
// The messages as one tab stop (useMessageFocus): controls that appear inside a message later (a
// streaming reply's code gets a Copy button) are parked out of the tab order unless that message
// is the tab stop, without the whole list being gone through again.
import { cleanup, render, waitFor } from '@testing-library/react'
import { useRef } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Message } from '../../../src/shared/types'
import { useMessageFocus } from '../../../src/renderer/src/components/chat/useMessageFocus'

afterEach(cleanup)

const messagesOf = (ids: number[]): Message[] => ids.map((id) => ({ id }) as Message)

function Feed({ ids }: { ids: number[] }) {
  const feed = useRef<HTMLDivElement>(null)
  useMessageFocus(feed, messagesOf(ids), () => {})
  return (
    <div ref={feed}>
      {ids.map((id, index) => (
        <div key={id} data-message-id={id} data-index={index}>
          <article>
            <button type="button">Copy {id}</button>
          </article>
        </div>
      ))}
    </div>
  )
}

const article = (container: HTMLElement, id: number): HTMLElement =>
  container.querySelector(`[data-message-id="${id}"] > article`)!

function addButton(container: HTMLElement, id: number, name: string): HTMLButtonElement {
  // As a streamed block would: a new element holding a control, inside the message's article.
  const block = document.createElement('div')
  const button = document.createElement('button')
  button.textContent = name
  block.append(button)
  article(container, id).append(block)
  return button
}

describe('useMessageFocus', () => {
  it('parks a control added to a message that is not the tab stop, and only there', async () => {
    const { container } = render(<Feed ids={[1, 2, 3]} />)
    expect(article(container, 3).getAttribute('tabindex')).toBe('0')
    expect(article(container, 1).getAttribute('tabindex')).toBe('-1')
    const inOther = addButton(container, 1, 'late')
    const inStop = addButton(container, 3, 'late')
    await waitFor(() => expect(inOther.getAttribute('tabindex')).toBe('-1'))
    expect(inOther.hasAttribute('data-roving-parked')).toBe(true)
    expect(inStop.hasAttribute('tabindex')).toBe(false)
    expect(inStop.tabIndex).toBe(0)
  })

  it('sets every tab stop again when rows change', async () => {
    const { container, rerender } = render(<Feed ids={[1, 2, 3]} />)
    const late = addButton(container, 3, 'late')
    rerender(<Feed ids={[1, 2, 3, 4]} />)
    // The new last message is the tab stop; the old one's controls, old and new, are parked.
    await waitFor(() => expect(article(container, 4).getAttribute('tabindex')).toBe('0'))
    expect(article(container, 3).getAttribute('tabindex')).toBe('-1')
    expect(late.getAttribute('tabindex')).toBe('-1')
    expect(container.querySelector('[data-message-id="3"] button')?.getAttribute('tabindex')).toBe(
      '-1'
    )
    expect(container.querySelector('[data-message-id="4"] button')?.hasAttribute('tabindex')).toBe(
      false
    )
  })
})
