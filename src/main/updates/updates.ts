// App updates as a small state machine over an injected updater: electron-updater's autoUpdater in
// a packaged app (src/main/shell/updater.ts), a fake in tests, none in dev and the test harness.
// Downloads start by themselves; nothing is installed until the user agrees (installUpdate).
import type { UpdateState, UpdateStep } from '../../shared/updates'
import { AppError } from '../errors'

/** The part of electron-updater's AppUpdater the app uses. */
export interface Updater {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  on(event: 'checking-for-update', listener: () => void): unknown
  on(
    event: 'update-available' | 'update-not-available' | 'update-downloaded',
    listener: (info: { version: string }) => void
  ): unknown
  on(event: 'download-progress', listener: (progress: { percent: number }) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  checkForUpdates(): Promise<unknown>
  /** Quits the app and installs the downloaded update as it exits. */
  quitAndInstall(): void
}

export interface UpdateOptions {
  /** null where the app cannot update itself (not packaged: dev, tests, the Chromium harness). */
  updater: Updater | null
  /** Sends the state to the renderer (the `updateStatus` event). */
  emit(state: UpdateState): void
  /** Whether background checks are on (the checkForUpdates setting), asked before each one. */
  autoCheck(): Promise<boolean>
  /** How long after the start the first background check runs. */
  firstCheckMs?: number
  /** How often a running app checks again. */
  intervalMs?: number
}

/** The first background check waits for the start to settle: never on the start path. */
export const FIRST_UPDATE_CHECK_MS = 30_000
export const UPDATE_CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000

export interface UpdateController {
  readonly state: UpdateState
  /** Schedules the background checks (none without an updater). */
  start(): void
  /** Checks now; `manual` (Help menu) shows the answer even when there is no update. */
  check(manual: boolean): Promise<void>
  /** The user agreed: quits and installs `version`, which must be the one downloaded. */
  install(version: string): Promise<null>
  stop(): void
}

// States in which a check would only repeat what is under way or already done.
const BUSY: ReadonlySet<UpdateState['state']> = new Set([
  'checking',
  'available',
  'downloading',
  'downloaded',
  'installing'
])

/** The update state machine over `options.updater`. */
export function createUpdateController(options: UpdateOptions): UpdateController {
  const { updater } = options
  let state: UpdateState = { state: 'idle' }
  let manual = false
  let firstTimer: ReturnType<typeof setTimeout> | undefined
  let interval: ReturnType<typeof setInterval> | undefined

  const set = (next: UpdateState): void => {
    if (JSON.stringify(next) === JSON.stringify(state)) return
    state = next
    options.emit(next)
  }
  const fail = (step: UpdateStep, error: unknown): void => {
    set({ state: 'error', step, message: oneLine(error), manual: manual || step !== 'check' })
  }
  const versionOf = (): string => ('version' in state ? state.version : '')

  if (updater) {
    // Downloading is harmless (a cache folder, never the history) and spares the user a wait;
    // installing is the step that needs the user's word, so nothing installs on a plain quit.
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = false
    updater.on('checking-for-update', () => set({ state: 'checking', manual }))
    updater.on('update-not-available', () => set({ state: 'upToDate', manual }))
    updater.on('update-available', (info) => set({ state: 'available', version: info.version }))
    updater.on('download-progress', (progress) =>
      set({
        state: 'downloading',
        version: versionOf(),
        percent: Math.max(0, Math.min(100, Math.floor(progress.percent)))
      })
    )
    updater.on('update-downloaded', (info) => set({ state: 'downloaded', version: info.version }))
    updater.on('error', (error) => {
      const step: UpdateStep =
        state.state === 'installing'
          ? 'install'
          : state.state === 'available' || state.state === 'downloading'
            ? 'download'
            : 'check'
      fail(step, error)
    })
  }

  async function check(asked: boolean): Promise<void> {
    if (!updater) return
    if (BUSY.has(state.state)) {
      // Asked from the menu while a check or download is under way: show it.
      if (asked && !manual) {
        manual = true
        if (state.state === 'checking') set({ state: 'checking', manual })
        else options.emit(state)
      }
      return
    }
    manual = asked
    set({ state: 'checking', manual })
    try {
      await updater.checkForUpdates()
    } catch (error) {
      // electron-updater also emits 'error' for most failures; set() ignores the repeat.
      if (state.state === 'checking') fail('check', error)
    }
  }

  async function backgroundCheck(): Promise<void> {
    try {
      if (await options.autoCheck()) await check(false)
    } catch (error) {
      console.error('Update check failed:', error)
    }
  }

  return {
    get state() {
      return state
    },
    start() {
      if (!updater) return
      firstTimer = setTimeout(
        () => void backgroundCheck(),
        options.firstCheckMs ?? FIRST_UPDATE_CHECK_MS
      )
      interval = setInterval(
        () => void backgroundCheck(),
        options.intervalMs ?? UPDATE_CHECK_INTERVAL_MS
      )
      firstTimer.unref?.()
      interval.unref?.()
    },
    check,
    async install(version) {
      if (!updater || state.state !== 'downloaded') {
        throw new AppError('not_found', 'No update has been downloaded yet.')
      }
      if (state.version !== version) {
        throw new AppError(
          'invalid_input',
          `The downloaded update is version ${state.version}, not ${version}.`
        )
      }
      set({ state: 'installing', version })
      try {
        // The app's own quit path (before-quit) stops streaming replies and closes the history.
        updater.quitAndInstall()
      } catch (error) {
        fail('install', error)
      }
      return null
    },
    stop() {
      clearTimeout(firstTimer)
      clearInterval(interval)
    }
  }
}

/** The first line of an updater error, short enough for a banner. */
function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  const line = text.split('\n', 1)[0]?.trim() || 'Unknown error'
  return line.length > 300 ? `${line.slice(0, 299)}…` : line
}
