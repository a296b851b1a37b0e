// A data folder the app cannot write to (read-only disk, permissions, an immutable folder) or
// that is full: told apart from other failures so the user reads what to do, not an errno.
import { isAbsolute, relative } from 'node:path'
import { AppError } from './errors'

const UNWRITABLE_ERRNO = new Set(['EACCES', 'EPERM', 'EROFS'])
const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT'])

/**
 * 'unwritable' or 'full' when `error` says the disk refused a write; null for anything else. With
 * `folder`, a file-system error about a path outside it (a dropped file that cannot be read) is
 * not the data folder's problem, and a mkdir inside it that finds no parent or no folder (the
 * folder is gone, a link to an unplugged drive, a read-only file system that made recursive mkdir
 * report ENOENT) is.
 */
export function storageProblem(error: unknown, folder?: string): 'unwritable' | 'full' | null {
  const { code, path, syscall } = (error ?? {}) as {
    code?: unknown
    path?: unknown
    syscall?: unknown
  }
  if (typeof code !== 'string') return null
  if (code === 'SQLITE_FULL') return 'full'
  if (/^SQLITE_(READONLY|CANTOPEN|IOERR)/.test(code)) return 'unwritable'
  if (folder !== undefined && typeof path === 'string' && !isInside(folder, path)) return null
  if (FULL_ERRNO.has(code)) return 'full'
  if (UNWRITABLE_ERRNO.has(code)) return 'unwritable'
  if ((code === 'ENOENT' || code === 'ENOTDIR') && syscall === 'mkdir' && folder !== undefined) {
    return 'unwritable'
  }
  return null
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return !rel.startsWith('..') && !isAbsolute(rel)
}

/** What to tell the user about a data folder that cannot be written, naming the folder. */
export function storageMessage(problem: 'unwritable' | 'full', folder: string): string {
  return problem === 'full'
    ? `The disk holding the data folder ${folder} is full. Free some space, then try again.`
    : `Seed Chat cannot write to its data folder ${folder}. Make it writable (permissions, a read-only disk), then try again.`
}

/** The AppError for a refused write into `folder`, or `error` itself when it is something else. */
export function storageError(error: unknown, folder: string): unknown {
  const problem = storageProblem(error, folder)
  if (!problem) return error
  return new AppError(
    problem === 'full' ? 'storage_full' : 'storage_unwritable',
    storageMessage(problem, folder),
    {
      params: { folder }
    }
  )
}
