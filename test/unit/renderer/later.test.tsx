// @vitest-environment jsdom
// ui/Later: a part whose code loads on first use shows a loading status until then, mounts once
// (its state kept when the code arrives and the parent renders again), focuses as a dialog does,
// and renders at once when preloaded.
import { act, cleanup, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState, type ComponentType } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { i18n } from '../../../src/renderer/src/i18n'
import { Dialog } from '../../../src/renderer/src/ui/Dialog'
import { later } from '../../../src/renderer/src/ui/Later'

afterEach(cleanup)

/** A dialog with a counter, so that a second mount (which resets it) shows. */
function Counter({ label }: { label: string }) {
  const [count, setCount] = useState(0)
  return (
    <Dialog labelledBy="counter-title" onClose={() => undefined}>
      <h2 id="counter-title">{label}</h2>
      <button type="button" onClick={() => setCount(count + 1)}>
        Clicked {count}
      </button>
    </Dialog>
  )
}

/** A load the test finishes when it wants, counting how often it was asked. */
function controlledLoad() {
  let finish: () => void = () => undefined
  let calls = 0
  const load = () => {
    calls++
    return new Promise<ComponentType<{ label: string }>>((resolve) => {
      finish = () => resolve(Counter)
    })
  }
  return { load, finish: () => finish(), calls: () => calls }
}

function Opener({ Part }: { Part: ComponentType<{ label: string }> }) {
  const [open, setOpen] = useState(false)
  const [label, setLabel] = useState('First')
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button" onClick={() => setLabel('Second')}>
        Rename
      </button>
      {open ? <Part label={label} /> : null}
    </>
  )
}

describe('a part loaded later', () => {
  it('shows a loading status, then the part with the focus in it, mounted once', async () => {
    await i18n.changeLanguage('en')
    const user = userEvent.setup()
    const { load, finish, calls } = controlledLoad()
    const Part = later(load)
    render(<Opener Part={Part} />)
    expect(calls()).toBe(0)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    expect(screen.getByRole('status').textContent).toBe('Loading…')
    expect(screen.queryByRole('dialog')).toBeNull()
    await act(async () => finish())
    const counter = await screen.findByRole('button', { name: 'Clicked 0' })
    expect(screen.queryByRole('status')).toBeNull()
    expect(counter).toBe(document.activeElement)
    await user.click(counter)
    // The parent renders again with the code now there: the same part, its state kept.
    await user.click(screen.getByRole('button', { name: 'Rename' }))
    expect(screen.getByRole('heading', { name: 'Second' })).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Clicked 1' })).toBeTruthy()
    expect(calls()).toBe(1)
  })

  it('renders at once when preloaded, loading its code once', async () => {
    const user = userEvent.setup()
    const { load, finish, calls } = controlledLoad()
    const Part = later(load)
    const preloaded = Part.preload()
    void Part.preload()
    finish()
    await preloaded
    render(<Opener Part={Part} />)
    await user.click(screen.getByRole('button', { name: 'Open' }))
    expect(screen.queryByRole('status')).toBeNull()
    expect(screen.getByRole('button', { name: 'Clicked 0' })).toBe(document.activeElement)
    expect(calls()).toBe(1)
  })

  it('tries a failed load again', async () => {
    let calls = 0
    const Part = later<{ label: string }>(() =>
      ++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(Counter)
    )
    await expect(Part.preload()).rejects.toThrow('offline')
    await Part.preload()
    expect(calls).toBe(2)
  })
})
