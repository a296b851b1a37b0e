// Files no message uses any more are deleted: right after a conversation is deleted, and in a
// sweep at startup for whatever a crash or an unsent draft left behind.
import type Database from 'better-sqlite3'
import { referencedHashes, unreferencedHashes } from './records'
import type { AttachmentStore } from './store'

/**
 * Removes the files of `candidates` (read with `conversationHashes` before the delete) that no
 * message references any more and that are not in `keep` (attachments of unsent drafts).
 * Returns the hashes removed.
 */
export async function removeOrphans(
  db: Database.Database,
  store: AttachmentStore,
  candidates: Iterable<string>,
  keep: ReadonlySet<string> = new Set()
): Promise<string[]> {
  const orphans = unreferencedHashes(db, candidates).filter((sha256) => !keep.has(sha256))
  for (const sha256 of orphans) await store.remove(sha256)
  return orphans
}

/** Removes every stored file that no message references, sparing `keep` and recent files. */
export async function sweepUnreferenced(
  db: Database.Database,
  store: AttachmentStore,
  options: { keep?: ReadonlySet<string>; minAgeMs?: number } = {}
): Promise<string[]> {
  const keep = new Set([...referencedHashes(db), ...(options.keep ?? [])])
  return store.removeUnused(keep, { minAgeMs: options.minAgeMs })
}
