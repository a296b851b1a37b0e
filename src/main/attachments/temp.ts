// Temporary files (a copy of a pasted video for ffmpeg to read) live in `<dataDir>/tmp`, never in
// the system temp folder: a crash can leave one behind, and the next start sweeps it there.
// Each name carries the writer's process id, so a sweep spares files of an app still running.
import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** `<dataDir>/tmp`. */
export function tempDirOf(dataDir: string): string {
  return join(dataDir, 'tmp')
}

/** Writes `bytes` to a new file in `dir` and returns its path; remove it when done. */
export async function writeTempFile(
  dir: string,
  prefix: string,
  bytes: Uint8Array
): Promise<string> {
  await mkdir(dir, { recursive: true })
  const file = join(dir, `${prefix}-${process.pid}-${randomUUID()}`)
  await writeFile(file, bytes, { flag: 'wx' })
  return file
}

/**
 * Removes what crashed runs left in `dir`: files written by a process that is gone, and anything
 * older than a day (the process id may have been reused since). Returns the names removed.
 */
export async function sweepTempFiles(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = []
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    const pid = Number(/-(\d+)-[0-9a-f-]{36}$/.exec(name)?.[1] ?? NaN)
    const info = await stat(join(dir, name)).catch(() => null)
    if (!info) continue
    const stale = now - info.mtimeMs > 24 * 60 * 60 * 1000
    if (!stale && Number.isInteger(pid) && isRunning(pid)) continue
    await rm(join(dir, name), { recursive: true, force: true })
    removed.push(name)
  }
  return removed
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
