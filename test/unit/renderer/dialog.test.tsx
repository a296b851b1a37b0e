// @vitest-environment jsdom
// ui/Dialog's focus: in on open, and back where it was on close, whatever took the focus inside
// (an autoFocus field) and however the dialog closed (a click on the backdrop too).
import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { Dialog } from '../../../src/renderer/src/ui/Dialog'

afterEach(cleanup)

function Opener({ autoFocusField = false }: { autoFocusField?: boolean }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      {open ? (
        <Dialog labelledBy="title" onClose={() => setOpen(false)}>
          <h2 id="title">A dialog</h2>
          {autoFocusField ? <input aria-label="Name" autoFocus /> : null}
          <button type="button" onClick={() => setOpen(false)}>
            Close
          </button>
        </Dialog>
      ) : null}
    </>
  )
}

describe('Dialog focus', () => {
  it('gives focus back to the opener when it closes', async () => {
    const user = userEvent.setup()
    render(<Opener />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    expect(screen.getByRole('button', { name: 'Close' })).toBe(document.activeElement)
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.getByRole('button', { name: 'Open' })).toBe(document.activeElement)
  })

  it('gives focus back to the opener even when a field inside took it first', async () => {
    const user = userEvent.setup()
    render(<Opener autoFocusField />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    await user.click(screen.getByRole('button', { name: 'Close' }))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Open' })).toBe(document.activeElement)
  })

  it('closes on a press on the backdrop without letting the press take the focus away', async () => {
    const user = userEvent.setup()
    render(<Opener />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    const backdrop = screen.getByRole('dialog').parentElement!
    // false: the press's default action (moving focus to the page) was prevented.
    expect(fireEvent.mouseDown(backdrop)).toBe(false)
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(screen.getByRole('button', { name: 'Open' })).toBe(document.activeElement)
  })
})
