// What the renderer knows about an app update: one state, sent whole in the `updateStatus` event.
// Only packaged builds have an updater; elsewhere the state stays 'idle' and nothing is shown.

/**
 * idle → checking → available → downloading → downloaded → installing; checking can end in
 * upToDate, and any step in error. `manual` marks what the user asked for or is watching (a check
 * from the Help menu, a download under way): only those show "checking", "up to date" and their
 * errors; a background check that finds nothing, or fails, stays silent.
 */
export type UpdateState =
  | { state: 'idle' }
  | { state: 'checking'; manual: boolean }
  | { state: 'upToDate'; manual: boolean }
  | { state: 'available'; version: string }
  | { state: 'downloading'; version: string; percent: number }
  | { state: 'downloaded'; version: string }
  | { state: 'installing'; version: string }
  /** step: what failed; message: the updater's own words, one line. */
  | { state: 'error'; step: UpdateStep; message: string; manual: boolean }

/** The step of an update that failed. */
export type UpdateStep = 'check' | 'download' | 'install'
