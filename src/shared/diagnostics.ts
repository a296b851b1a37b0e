// What the renderer learns about logs and crashes. No runtime import of electron, node or react.

/** Levels a renderer or preload line may have in the log file. */
export const LOG_LEVELS = ['error', 'warn', 'info'] as const

/** Where a line from outside main comes from. */
export const LOG_SCOPES = ['renderer', 'preload'] as const

/** A line longer than this is cut before it reaches the log. */
export const MAX_LOG_MESSAGE = 4_000

/** Shown once after a run that crashed: where its traces are, to attach to a report. */
export interface CrashNotice {
  /** 'crash': the last run left a crash dump; 'unclean': it ended without closing the history. */
  reason: 'crash' | 'unclean'
  /** Crash dumps written since the last start. */
  dumps: number
  /** Electron's crash dump folder (minidumps, never uploaded). */
  dumpsFolder: string
  /** The data folder's logs/ folder. */
  logsFolder: string
}
