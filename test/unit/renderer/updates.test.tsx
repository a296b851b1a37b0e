// @vitest-environment jsdom
// The update banner (states main sends in updateStatus) and Settings → Updates.
import { act, cleanup, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../src/renderer/src/App'
import { createFakeApi, type FakeApi } from './fake-api'
import { createTestStore, renderWithStore } from './render'

afterEach(cleanup)

async function renderApp(fake: FakeApi = createFakeApi()) {
  const store = createTestStore(fake)
  const result = await renderWithStore(<App />, store)
  await act(() => store.getState().init())
  return { ...result, fake, user: userEvent.setup() }
}

const banner = () => screen.queryByRole('region', { name: 'App update' })

describe('the update banner', () => {
  it('is not there until main sends a state (never, where the app cannot update)', async () => {
    await renderApp()
    expect(banner()).toBeNull()
  })

  it('stays silent for a background check, and answers one from the menu', async () => {
    const { fake } = await renderApp()
    act(() => fake.emitUpdateStatus({ state: 'checking', manual: false }))
    act(() => fake.emitUpdateStatus({ state: 'upToDate', manual: false }))
    act(() => fake.emitUpdateStatus({ state: 'error', step: 'check', message: 'x', manual: false }))
    expect(banner()).toBeNull()
    act(() => fake.emitUpdateStatus({ state: 'upToDate', manual: true }))
    expect(within(banner()!).getByText('Seed Chat is up to date.')).toBeTruthy()
  })

  it('shows the download progress, then restarts to update with the version shown', async () => {
    const { fake, user } = await renderApp()
    act(() => fake.emitUpdateStatus({ state: 'downloading', version: '1.2.0', percent: 42 }))
    expect(within(banner()!).getByText('Downloading version 1.2.0… 42%')).toBeTruthy()
    const progress = within(banner()!).getByRole('progressbar', { name: 'Download progress' })
    expect(progress.getAttribute('value')).toBe('42')
    act(() => fake.emitUpdateStatus({ state: 'downloaded', version: '1.2.0' }))
    await user.click(within(banner()!).getByRole('button', { name: 'Restart to update' }))
    expect(fake.api.installUpdate).toHaveBeenCalledWith({ version: '1.2.0' })
  })

  it('shows a failed download with its message, and closes', async () => {
    const { fake, user } = await renderApp()
    act(() =>
      fake.emitUpdateStatus({
        state: 'error',
        step: 'download',
        message: 'sha512 checksum mismatch',
        manual: true
      })
    )
    expect(within(banner()!).getByText('The update could not be downloaded.')).toBeTruthy()
    expect(within(banner()!).getByText('sha512 checksum mismatch')).toBeTruthy()
    await user.click(within(banner()!).getByRole('button', { name: 'Close' }))
    expect(banner()).toBeNull()
  })
})

describe('Settings → Updates', () => {
  it('turns the automatic checks off and on', async () => {
    const { fake, user } = await renderApp()
    await user.click(screen.getByRole('button', { name: 'Settings' }))
    const dialog = screen.getByRole('dialog', { name: 'Settings' })
    const box = within(dialog).getByRole('checkbox', { name: 'Check for updates automatically' })
    expect((box as HTMLInputElement).checked).toBe(true)
    await user.click(box)
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ checkForUpdates: false })
    expect((box as HTMLInputElement).checked).toBe(false)
    await user.click(box)
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ checkForUpdates: true })
  })
})
