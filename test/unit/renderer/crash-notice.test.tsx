// @vitest-environment jsdom
// The note after a crash: where the dumps and logs are, how to report, dismissible; and the
// renderer's uncaught errors as lines for main's log.
import { act, cleanup, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { CrashNoticeBanner } from '../../../src/renderer/src/components/app/CrashNotice'
import { errorLine, logWindowErrors } from '../../../src/renderer/src/lib/errorLog'
import { MAX_LOG_MESSAGE } from '../../../src/shared/diagnostics'
import { createFakeApi, ok } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

describe('the crash note', () => {
  it('shows the folders and the way to report, until dismissed', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.getCrashNotice).mockResolvedValue(
      ok({ reason: 'crash', dumps: 2, dumpsFolder: '/data/Crashpad', logsFolder: '/data/logs' })
    )
    await renderWithStore(<CrashNoticeBanner />, createTestStore(fake))
    const note = await screen.findByRole('status', { name: 'After a crash' })
    expect(note.textContent).toContain('Seed Chat quit unexpectedly last time.')
    expect(note.textContent).toContain('Help → Copy Diagnostics')
    expect(note.textContent).toContain('2 crash reports')
    expect(note.textContent).toContain('/data/Crashpad')
    expect(note.textContent).toContain('/data/logs')
    await userEvent.setup().click(screen.getByRole('button', { name: 'Dismiss the crash note' }))
    expect(screen.queryByRole('status', { name: 'After a crash' })).toBeNull()
    expect(fake.api.getCrashNotice).toHaveBeenCalledTimes(1)
  })

  it('after an unclean exit names the logs only', async () => {
    const fake = createFakeApi()
    vi.mocked(fake.api.getCrashNotice).mockResolvedValue(
      ok({ reason: 'unclean', dumps: 0, dumpsFolder: '/data/Crashpad', logsFolder: '/data/logs' })
    )
    await renderWithStore(<CrashNoticeBanner />, createTestStore(fake))
    const note = await screen.findByRole('status', { name: 'After a crash' })
    expect(note.textContent).toContain('did not close properly')
    expect(note.textContent).not.toContain('/data/Crashpad')
  })

  it('shows nothing after a clean run', async () => {
    const fake = createFakeApi()
    await renderWithStore(<CrashNoticeBanner />, createTestStore(fake))
    await act(async () => {})
    expect(screen.queryByRole('status', { name: 'After a crash' })).toBeNull()
  })
})

describe("the renderer's errors", () => {
  it('go to the log through the store, cut to the contract limit', async () => {
    const fake = createFakeApi()
    const store = createTestStore(fake)
    logWindowErrors(window, store.getState().logError)
    const error = new TypeError('x is undefined')
    window.dispatchEvent(new ErrorEvent('error', { error, message: error.message }))
    expect(fake.api.log).toHaveBeenCalledWith({
      level: 'error',
      scope: 'renderer',
      message: expect.stringMatching(/^uncaught: TypeError: x is undefined\n/)
    })
    expect(errorLine('uncaught', 'y'.repeat(10_000))).toHaveLength(MAX_LOG_MESSAGE)
  })
})
