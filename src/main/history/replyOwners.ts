// Which process streams a reply (reply_owners, migration 8): the app and the CLI may share a data
// folder, and a start after an unclean exit must not mark another live process's reply
// interrupted. A process is known by its pid and, on Linux, its start time (a pid can be reused).
import { readFileSync } from 'node:fs'
import type { HistoryDatabase } from '../db/database'
import { prepared } from '../db/statements'

interface ProcessIdentity {
  pid: number
  /** The start time the OS gives the process (Linux: /proc/<pid>/stat), null where unknown. */
  started: string | null
}

/** The start time in clock ticks since boot (field 22 of /proc/<pid>/stat), null off Linux. */
function startTimeOf(pid: number | 'self'): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces: count after its end.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

let self: ProcessIdentity | undefined
const thisProcess = (): ProcessIdentity =>
  (self ??= { pid: process.pid, started: startTimeOf('self') })

/**
 * Whether another process that recorded `owner` still runs (the same process, not a reused pid).
 * This process's own replies never count: recovery runs when its history (re)opens, after it
 * stopped every reply it was streaming.
 */
function isAnotherLiveProcess(owner: ProcessIdentity): boolean {
  if (owner.pid === process.pid) return false
  try {
    process.kill(owner.pid, 0)
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const started = startTimeOf(owner.pid)
  return owner.started === null || started === null || started === owner.started
}

/** Records this process as the one streaming reply `messageId`. */
export function ownReply(db: HistoryDatabase, messageId: number): void {
  const me = thisProcess()
  prepared(
    db,
    'INSERT OR REPLACE INTO reply_owners (message_id, pid, process_started) VALUES (?, ?, ?)'
  ).run(messageId, me.pid, me.started)
}

/** The streaming replies that another live process (the CLI beside the app) is streaming. */
export function repliesOfLiveProcesses(db: HistoryDatabase): number[] {
  const owners = prepared<[], { message_id: number; pid: number; process_started: string | null }>(
    db,
    `SELECT o.message_id, o.pid, o.process_started FROM reply_owners o
       JOIN messages m ON m.id = o.message_id WHERE m.status = 'streaming'`
  ).all()
  return owners
    .filter((owner) => isAnotherLiveProcess({ pid: owner.pid, started: owner.process_started }))
    .map((owner) => owner.message_id)
}
