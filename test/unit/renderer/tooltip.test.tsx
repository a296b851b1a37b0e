// @vitest-environment jsdom
// The one tooltip: a control's name and its shortcut from the shortcut table, after a short rest
// of the pointer or on keyboard focus; hidden on leave, blur, a click or Esc.
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { shortcutFor, shortcutKeys } from '../../../src/renderer/src/lib/shortcuts'
import { IconButton } from '../../../src/renderer/src/ui/IconButton'

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

function renderButton() {
  render(
    <IconButton label="Regenerate" shortcut="regenerate" onClick={() => undefined}>
      <span aria-hidden="true">↻</span>
    </IconButton>
  )
  return screen.getByRole('button', { name: 'Regenerate' })
}

describe('Tooltip', () => {
  it('shows the name and the shortcut after the pointer rests, and hides on leave', () => {
    const button = renderButton()
    fireEvent.mouseEnter(button)
    expect(screen.queryByRole('tooltip')).toBeNull()
    act(() => vi.advanceTimersByTime(600))
    const tooltip = screen.getByRole('tooltip')
    const keys = shortcutKeys(shortcutFor('regenerate'))
    expect(tooltip.textContent).toBe(`Regenerate${keys}`)
    fireEvent.mouseLeave(button)
    expect(screen.queryByRole('tooltip')).toBeNull()
  })

  it('describes the control with its shortcut for screen readers', () => {
    const button = renderButton()
    const description = document.getElementById(button.getAttribute('aria-describedby')!)
    expect(description?.textContent).toBe(shortcutKeys(shortcutFor('regenerate')))
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+G')
  })

  it('shows on keyboard focus, and Esc hides it', () => {
    const button = renderButton()
    act(() => button.focus())
    act(() => vi.advanceTimersByTime(600))
    expect(screen.getByRole('tooltip')).toBeTruthy()
    fireEvent.keyDown(window, { key: 'Escape' })
    expect(screen.queryByRole('tooltip')).toBeNull()
  })

  it('does not show for a click', () => {
    const button = renderButton()
    fireEvent.pointerDown(button)
    act(() => button.focus())
    act(() => vi.advanceTimersByTime(600))
    expect(screen.queryByRole('tooltip')).toBeNull()
  })
})
