// Attachment files in the app's data directory, content-addressed: one copy per content, named by
// its sha256. `<dataDir>/attachments/<first 2 hex>/<sha256>` is the original as dropped; beside it
// `<sha256>.thumb` (WebP thumbnail) and `<sha256>.part-<detail>` (the image as last prepared for
// that pixel budget; a hard link to the original when it went out untouched).
import { createHash, randomUUID } from 'node:crypto'
import { copyFile, link, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { isReallyInside } from '../containment'
import { tempDirOf } from './temp'

/** What is kept per content. */
export type StoredVariant = 'original' | 'thumb' | 'part-high' | 'part-xhigh'
export const STORED_VARIANTS: readonly StoredVariant[] = [
  'original',
  'thumb',
  'part-high',
  'part-xhigh'
]

const SHA256 = /^[0-9a-f]{64}$/

/** True for a lowercase hex sha256, the only names the store accepts. */
export function isSha256(value: string): boolean {
  return SHA256.test(value)
}

/** sha256 (hex) of some bytes. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

export class AttachmentStore {
  /** `<dataDir>/attachments`. */
  readonly root: string
  /** `<dataDir>/tmp`: temporary copies made while attaching, swept at start. */
  readonly tempDir: string

  constructor(dataDir: string) {
    this.root = join(dataDir, 'attachments')
    this.tempDir = tempDirOf(dataDir)
  }

  /** Where one variant of a content lives (whether or not it exists). Throws on a bad hash. */
  pathOf(sha256: string, variant: StoredVariant = 'original'): string {
    if (!isSha256(sha256)) throw new Error(`not a sha256: ${sha256.slice(0, 80)}`)
    const name = variant === 'original' ? sha256 : `${sha256}.${variant}`
    return join(this.root, sha256.slice(0, 2), name)
  }

  /** Stores an original; returns its hash. Writing what is already there does nothing. */
  async put(bytes: Uint8Array): Promise<{ sha256: string; created: boolean }> {
    const sha256 = sha256Of(bytes)
    const created = await this.writeOnce(this.pathOf(sha256), bytes)
    return { sha256, created }
  }

  /** Stores a derived file (thumbnail, prepared part) of the content `sha256`. */
  async putVariant(
    sha256: string,
    variant: Exclude<StoredVariant, 'original'>,
    bytes: Uint8Array
  ): Promise<void> {
    await this.writeOnce(this.pathOf(sha256, variant), bytes)
  }

  /** Makes a variant the very same file as the original (hard link; a copy where links fail). */
  async linkVariantToOriginal(
    sha256: string,
    variant: Exclude<StoredVariant, 'original'>
  ): Promise<void> {
    const target = this.pathOf(sha256, variant)
    if (await exists(target)) return
    const temp = tempBeside(target)
    try {
      await link(this.pathOf(sha256), temp)
    } catch {
      await copyFile(this.pathOf(sha256), temp)
    }
    await rename(temp, target)
  }

  /** The bytes of a variant, or null when it is not stored (or the hash is malformed). */
  async read(sha256: string, variant: StoredVariant = 'original'): Promise<Buffer | null> {
    if (!isSha256(sha256)) return null
    const path = this.pathOf(sha256, variant)
    try {
      // A symbolic link planted in the store must not serve a file from outside it.
      if (!(await isReallyInside(this.root, path))) return null
      return await readFile(path)
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  /** Size in bytes of a stored variant, or null. */
  async size(sha256: string, variant: StoredVariant = 'original'): Promise<number | null> {
    if (!isSha256(sha256)) return null
    try {
      return (await stat(this.pathOf(sha256, variant))).size
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  /** Whether the original of `sha256` is stored. */
  async has(sha256: string): Promise<boolean> {
    return isSha256(sha256) && (await exists(this.pathOf(sha256)))
  }

  /** Removes a content: the original and everything derived from it. */
  async remove(sha256: string): Promise<void> {
    await Promise.all(STORED_VARIANTS.map((v) => rm(this.pathOf(sha256, v), { force: true })))
  }

  /**
   * Removes every stored content whose hash is not in `keep`, plus temporary files left by a
   * crash. Files younger than `minAgeMs` are spared: they may belong to a message being written
   * right now. Returns the hashes removed.
   */
  async removeUnused(
    keep: ReadonlySet<string>,
    options: { minAgeMs?: number; now?: number } = {}
  ): Promise<string[]> {
    const minAgeMs = options.minAgeMs ?? 60 * 60 * 1000
    const now = options.now ?? Date.now()
    const removed = new Set<string>()
    for (const shard of await readdir(this.root).catch(() => [] as string[])) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue
      const folder = join(this.root, shard)
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        const sha256 = name.slice(0, 64)
        const isTemp = name.startsWith('.tmp-')
        if (!isTemp && (!isSha256(sha256) || keep.has(sha256))) continue
        const info = await stat(join(folder, name)).catch(() => null)
        if (!info || now - info.mtimeMs < minAgeMs) continue
        await rm(join(folder, name), { force: true })
        if (!isTemp) removed.add(sha256)
      }
    }
    return [...removed]
  }

  /** Writes through a temporary file and a rename, so a reader never sees half a file. */
  private async writeOnce(path: string, bytes: Uint8Array): Promise<boolean> {
    if (await exists(path)) return false
    await mkdir(dirname(path), { recursive: true })
    const temp = tempBeside(path)
    const handle = await open(temp, 'wx')
    try {
      await handle.writeFile(bytes)
      await handle.sync()
    } catch (error) {
      await handle.close()
      await rm(temp, { force: true })
      throw error
    }
    await handle.close()
    await rename(temp, path)
    return true
  }
}

/** A temporary name in the same folder (rename is atomic only within one file system). */
function tempBeside(path: string): string {
  return join(dirname(path), `.tmp-${randomUUID()}`)
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (error) {
    if (isMissing(error)) return false
    throw error
  }
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'ENOENT'
}
