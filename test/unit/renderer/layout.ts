// jsdom does no layout. The virtualized lists (messages, the sidebar) need a viewport to render
// rows: these give their scroll containers a height while a test file runs.
import { afterAll, beforeAll } from 'vitest'

/** Gives the message list and the sidebar's conversation list `height` pixels of viewport. */
export function stubListViewports(height = 600): void {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get(this: HTMLElement) {
        return this.classList.contains('message-scroll') ||
          this.classList.contains('conversation-nav')
          ? height
          : 0
      }
    })
  })
  afterAll(() => {
    // The real getter lives on Element.prototype; removing the override brings it back.
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
  })
}

/** Scrolls an element as a user would: its scrollTop moves and a scroll event follows. */
export function scrollTo(element: HTMLElement, top: number): void {
  element.scrollTop = top
  element.dispatchEvent(new Event('scroll'))
}
