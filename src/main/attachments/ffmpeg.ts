// The bundled static ffmpeg (npm @ffmpeg-installer/ffmpeg): poster frames, video durations the
// container parser could not read, and decoding BMP/ICO, which sharp's prebuilt libvips lacks.
import { spawn } from 'node:child_process'

let resolvedPath: Promise<string> | null = null

/**
 * The bundled binary's path. Loaded lazily so a platform without the binary fails only when a
 * video is attached. In a packaged app the binary must be unpacked from the asar archive
 * (electron-builder `asarUnpack`), hence the path rewrite.
 */
export async function ffmpegPath(): Promise<string> {
  resolvedPath ??= import('@ffmpeg-installer/ffmpeg').then((installer) => {
    const path = (installer.default ?? installer).path
    return path.replace(`app.asar${sep()}`, `app.asar.unpacked${sep()}`)
  })
  return resolvedPath
}

const sep = (): string => (process.platform === 'win32' ? '\\' : '/')

export interface FfmpegOutput {
  code: number | null
  stdout: Buffer
  stderr: string
}

/** ffmpeg runs still going, each with the function that ends it. */
const running = new Set<() => void>()

/** Ends every ffmpeg run still going (the app is quitting). */
export function stopAllFfmpeg(): void {
  for (const stop of [...running]) stop()
}

// ffmpeg must not outlive the app, even one killed with SIGKILL (no exit handler runs then).
// Node cannot ask Linux for PR_SET_PDEATHSIG, so on POSIX ffmpeg is started by a small sh
// watchdog that holds a pipe from the app on fd 3: the kernel closes that pipe however the app
// dies, the watchdog reads end-of-file and kills ffmpeg. `-timelimit` (CPU seconds) is the
// backstop where there is no sh (Windows): an orphan ends once it has used that much CPU.
const WATCHDOG = [
  'exec 3<&0 0</dev/null',
  '"$@" 3<&- &',
  'child=$!',
  '{ while read -r _ <&3; do :; done; kill -KILL "$child"; } >/dev/null 2>&1 &',
  'watcher=$!',
  'wait "$child"',
  'code=$?',
  'kill "$watcher" 2>/dev/null',
  'exit "$code"'
].join('\n')
const useWatchdog = process.platform !== 'win32'

/**
 * Runs ffmpeg with the given arguments; optional bytes on stdin; killed after `timeoutMs`, when
 * `stopAllFfmpeg` is called, or when this process dies.
 */
export async function runFfmpeg(
  args: readonly string[],
  options: { input?: Uint8Array; timeoutMs?: number } = {}
): Promise<FfmpegOutput> {
  const binary = await ffmpegPath()
  const timeoutMs = options.timeoutMs ?? 30_000
  const ffmpegArgs = [
    '-hide_banner',
    '-nostdin',
    '-timelimit',
    String(Math.ceil(timeoutMs / 1000)),
    ...args
  ]
  // With bytes on stdin, ffmpeg's own input pipe ends when the app dies: no watchdog needed.
  const watched = useWatchdog && !options.input
  return new Promise((resolve, reject) => {
    const child = watched
      ? spawn('/bin/sh', ['-c', WATCHDOG, 'seed-chat-ffmpeg', binary, ...ffmpegArgs], {
          stdio: ['pipe', 'pipe', 'pipe'],
          windowsHide: true
        })
      : spawn(binary, ffmpegArgs, {
          stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
          windowsHide: true
        })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const stop = (): void => {
      // Closing the watchdog's pipe makes it kill ffmpeg; then the watchdog itself goes.
      if (watched) child.stdin?.destroy()
      child.kill('SIGKILL')
    }
    running.add(stop)
    const timer = setTimeout(stop, timeoutMs)
    const settle = (): void => {
      clearTimeout(timer)
      running.delete(stop)
      if (watched) child.stdin?.destroy()
    }
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      settle()
      reject(error)
    })
    child.on('close', (code) => {
      settle()
      resolve({
        code,
        stdout: Buffer.concat(stdout),
        stderr: Buffer.concat(stderr).toString('utf8')
      })
    })
    // The watchdog never reads; a write error on a pipe ffmpeg stopped reading is not an error.
    child.stdin?.on('error', () => undefined)
    if (options.input && child.stdin) child.stdin.end(options.input)
  })
}
