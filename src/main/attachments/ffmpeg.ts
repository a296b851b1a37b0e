// The bundled static ffmpeg (npm @ffmpeg-installer/ffmpeg): poster frames, video durations the
// container parser could not read, and decoding BMP/ICO, which sharp's prebuilt libvips lacks.
import { spawn } from 'node:child_process'

let overridePath: string | null = null
let resolvedPath: Promise<string> | null = null

/** Uses this ffmpeg binary instead of the bundled one (tests, or a packaged app's own layout). */
export function setFfmpegPath(path: string | null): void {
  overridePath = path
}

/**
 * The bundled binary's path. Loaded lazily so a platform without the binary fails only when a
 * video is attached. In a packaged app the binary must be unpacked from the asar archive
 * (electron-builder `asarUnpack`), hence the path rewrite.
 */
export async function ffmpegPath(): Promise<string> {
  if (overridePath) return overridePath
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

/** Runs ffmpeg with the given arguments; optional bytes on stdin; killed after `timeoutMs`. */
export async function runFfmpeg(
  args: readonly string[],
  options: { input?: Uint8Array; timeoutMs?: number } = {}
): Promise<FfmpegOutput> {
  const binary = await ffmpegPath()
  return new Promise((resolve, reject) => {
    const child = spawn(binary, ['-hide_banner', '-nostdin', ...args], {
      stdio: [options.input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      windowsHide: true
    })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000)
    child.stdout?.on('data', (chunk: Buffer) => stdout.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8') })
    })
    if (options.input && child.stdin) {
      // ffmpeg may stop reading early (it has what it needs); that is not an error.
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}
