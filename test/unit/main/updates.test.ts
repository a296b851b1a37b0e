// The update state machine over a fake updater: electron-updater's autoUpdater is Electron's part
// (it needs a packaged app and a release feed), so only it is replaced here.
import { EventEmitter } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { appUpdater } from '../../../src/main/shell/updater'
import { updateHandlers } from '../../../src/main/updates/handlers'
import {
  FIRST_UPDATE_CHECK_MS,
  UPDATE_CHECK_INTERVAL_MS,
  createUpdateController,
  type UpdateController,
  type Updater
} from '../../../src/main/updates/updates'
import type { UpdateState } from '../../../src/shared/updates'

/** A fake electron-updater: its events are emitted by the test; checks and installs are counted. */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false
  autoInstallOnAppQuit = true
  checks = 0
  installs = 0
  /** What the next checkForUpdates does after 'checking-for-update'. */
  nextCheck: (updater: FakeUpdater) => void = (updater) =>
    updater.emit('update-not-available', { version: '1.0.0' })

  async checkForUpdates(): Promise<unknown> {
    this.checks++
    this.emit('checking-for-update')
    this.nextCheck(this)
    return null
  }

  quitAndInstall(): void {
    this.installs++
  }
}

const controllers: UpdateController[] = []
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.stop()
  vi.useRealTimers()
})

function setUp(options: { updater?: FakeUpdater | null; autoCheck?: boolean } = {}): {
  updater: FakeUpdater | null
  states: UpdateState[]
  controller: UpdateController
} {
  const updater = options.updater === undefined ? new FakeUpdater() : options.updater
  const states: UpdateState[] = []
  const controller = createUpdateController({
    updater,
    emit: (state) => states.push(state),
    autoCheck: async () => options.autoCheck ?? true
  })
  controllers.push(controller)
  return { updater, states, controller }
}

describe('the update state machine', () => {
  it('downloads by itself but installs nothing on a plain quit', () => {
    const { updater } = setUp()
    expect(updater!.autoDownload).toBe(true)
    expect(updater!.autoInstallOnAppQuit).toBe(false)
  })

  it('goes checking → available → downloading → downloaded, with whole percents', async () => {
    const { updater, states, controller } = setUp()
    updater!.nextCheck = (fake) => {
      fake.emit('update-available', { version: '1.2.0' })
      fake.emit('download-progress', { percent: 12.7 })
      fake.emit('download-progress', { percent: 12.9 }) // the same whole percent: not sent again
      fake.emit('download-progress', { percent: 100 })
      fake.emit('update-downloaded', { version: '1.2.0' })
    }
    await controller.check(false)
    expect(states).toEqual([
      { state: 'checking', manual: false },
      { state: 'available', version: '1.2.0' },
      { state: 'downloading', version: '1.2.0', percent: 12 },
      { state: 'downloading', version: '1.2.0', percent: 100 },
      { state: 'downloaded', version: '1.2.0' }
    ])
    expect(controller.state).toEqual({ state: 'downloaded', version: '1.2.0' })
  })

  it('says up to date after a check from the menu, and marks a background one silent', async () => {
    const { states, controller } = setUp()
    await controller.check(true)
    expect(states).toEqual([
      { state: 'checking', manual: true },
      { state: 'upToDate', manual: true }
    ])
    await controller.check(false)
    expect(states.slice(2)).toEqual([
      { state: 'checking', manual: false },
      { state: 'upToDate', manual: false }
    ])
  })

  it('reports a failed check with the step and the first line of the message', async () => {
    const { updater, states, controller } = setUp()
    updater!.nextCheck = (fake) => {
      fake.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED\n    at stack'))
    }
    await controller.check(true)
    expect(states.at(-1)).toEqual({
      state: 'error',
      step: 'check',
      message: 'net::ERR_INTERNET_DISCONNECTED',
      manual: true
    })
  })

  it('reports a check that rejects without an error event once', async () => {
    const { updater, states, controller } = setUp()
    updater!.checkForUpdates = async () => {
      throw new Error('HttpError: 404 latest.yml')
    }
    await controller.check(false)
    expect(states).toEqual([
      { state: 'checking', manual: false },
      { state: 'error', step: 'check', message: 'HttpError: 404 latest.yml', manual: false }
    ])
  })

  it('shows a failed download even when the check ran in the background', async () => {
    const { updater, states, controller } = setUp()
    updater!.nextCheck = (fake) => {
      fake.emit('update-available', { version: '1.2.0' })
      fake.emit('download-progress', { percent: 40 })
      fake.emit('error', new Error('sha512 checksum mismatch'))
    }
    await controller.check(false)
    expect(states.at(-1)).toEqual({
      state: 'error',
      step: 'download',
      message: 'sha512 checksum mismatch',
      manual: true
    })
    // After an error a new check may run.
    updater!.nextCheck = (fake) => fake.emit('update-not-available', { version: '1.0.0' })
    await controller.check(true)
    expect(states.at(-1)).toEqual({ state: 'upToDate', manual: true })
  })

  it('does not check again while a download is under way or waiting', async () => {
    const { updater, states, controller } = setUp()
    updater!.nextCheck = (fake) => fake.emit('update-available', { version: '1.2.0' })
    await controller.check(false)
    await controller.check(false)
    expect(updater!.checks).toBe(1)
    // From the menu: the state is shown again, without a second check.
    await controller.check(true)
    expect(updater!.checks).toBe(1)
    expect(states.at(-1)).toEqual({ state: 'available', version: '1.2.0' })
    expect(states.filter((state) => state.state === 'available')).toHaveLength(2)
  })

  it('installs only the downloaded version, once the user agrees', async () => {
    const { updater, states, controller } = setUp()
    await expect(controller.install('1.2.0')).rejects.toMatchObject({ code: 'not_found' })
    updater!.nextCheck = (fake) => fake.emit('update-downloaded', { version: '1.2.0' })
    await controller.check(false)
    await expect(controller.install('9.9.9')).rejects.toMatchObject({ code: 'invalid_input' })
    expect(updater!.installs).toBe(0)
    await controller.install('1.2.0')
    expect(updater!.installs).toBe(1)
    expect(states.at(-1)).toEqual({ state: 'installing', version: '1.2.0' })
  })

  it('reports an install that fails', async () => {
    const { updater, states, controller } = setUp()
    updater!.nextCheck = (fake) => fake.emit('update-downloaded', { version: '1.2.0' })
    updater!.quitAndInstall = () => {
      throw new Error('EACCES: the installer could not be started')
    }
    await controller.check(false)
    await controller.install('1.2.0')
    expect(states.at(-1)).toMatchObject({ state: 'error', step: 'install', manual: true })
  })
})

describe('background checks', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })

  it('checks a while after the start, then every few hours', async () => {
    const { updater, controller } = setUp()
    controller.start()
    await vi.advanceTimersByTimeAsync(FIRST_UPDATE_CHECK_MS - 1)
    expect(updater!.checks).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(updater!.checks).toBe(1)
    await vi.advanceTimersByTimeAsync(UPDATE_CHECK_INTERVAL_MS)
    expect(updater!.checks).toBe(2)
  })

  it('never checks by itself when the setting is off; the menu still does', async () => {
    const { updater, states, controller } = setUp({ autoCheck: false })
    controller.start()
    await vi.advanceTimersByTimeAsync(FIRST_UPDATE_CHECK_MS + 3 * UPDATE_CHECK_INTERVAL_MS)
    expect(updater!.checks).toBe(0)
    expect(states).toEqual([])
    await controller.check(true)
    expect(updater!.checks).toBe(1)
  })

  it('has no updater outside a packaged app', () => {
    expect(appUpdater(false)).toBeNull()
  })

  it('has nothing to check without an updater (not packaged): no state is ever sent', async () => {
    const { states, controller } = setUp({ updater: null })
    controller.start()
    await vi.advanceTimersByTimeAsync(FIRST_UPDATE_CHECK_MS + UPDATE_CHECK_INTERVAL_MS)
    await controller.check(true)
    expect(states).toEqual([])
    expect(controller.state).toEqual({ state: 'idle' })
    await expect(controller.install('1.2.0')).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('installUpdate', () => {
  it('is refused where the app does not update itself', async () => {
    await expect(
      updateHandlers(undefined).installUpdate({ version: '1.2.0' })
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('passes the version to the controller', async () => {
    const install = vi.fn(async () => null)
    await updateHandlers({ install }).installUpdate({ version: '1.2.0' })
    expect(install).toHaveBeenCalledWith('1.2.0')
  })
})
