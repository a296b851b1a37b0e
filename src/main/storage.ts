// A data folder the app cannot write to (read-only disk, permissions, an immutable folder) or
// that is full: told apart from other failures so the user reads what to do, not an errno.
import { AppError } from './errors'

const UNWRITABLE_ERRNO = new Set(['EACCES', 'EPERM', 'EROFS'])
const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT'])

/** 'unwritable' or 'full' when `error` says the disk refused a write; null for anything else. */
export function storageProblem(error: unknown): 'unwritable' | 'full' | null {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string') return null
  if (
    UNWRITABLE_ERRNO.has(code) ||
    code.startsWith('SQLITE_READONLY') ||
    code.startsWith('SQLITE_CANTOPEN')
  ) {
    return 'unwritable'
  }
  if (FULL_ERRNO.has(code) || code === 'SQLITE_FULL') return 'full'
  return null
}

/** What to tell the user about a data folder that cannot be written, naming the folder. */
export function storageMessage(problem: 'unwritable' | 'full', folder: string): string {
  return problem === 'full'
    ? `The disk holding the data folder ${folder} is full. Free some space, then try again.`
    : `Seed Chat cannot write to its data folder ${folder}. Make it writable (permissions, a read-only disk), then try again.`
}

/** The AppError for a refused write into `folder`, or `error` itself when it is something else. */
export function storageError(error: unknown, folder: string): unknown {
  const problem = storageProblem(error)
  if (!problem) return error
  return new AppError(
    problem === 'full' ? 'storage_full' : 'storage_unwritable',
    storageMessage(problem, folder),
    {
      params: { folder }
    }
  )
}
