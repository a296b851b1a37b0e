// After a crash: a minidump newer than the last start, or a history the last run left open.
// Planted files stand for Crashpad's dumps; the crash reporter itself is Electron's (read, not run).
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  checkLastRun,
  dumpsSince,
  LAST_START_FILE,
  readLastStart
} from '../../../src/main/log/crash'
import { tempDir } from '../../fixtures/temp'

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 0, 1)

/** Plants a dump at `path` with its modification time at `at`. */
function plantDump(path: string, at: number): void {
  mkdirSync(join(path, '..'), { recursive: true })
  writeFileSync(path, 'MDMP')
  utimesSync(path, at / 1000, at / 1000)
}

function folders() {
  const root = tempDir('seed-crash-')
  return { dumpsFolder: join(root, 'Crashpad'), logsFolder: join(root, 'logs') }
}

describe('the crash check', () => {
  it('on a first start: no notice, and the start is recorded', () => {
    const { dumpsFolder, logsFolder } = folders()
    plantDump(join(dumpsFolder, 'completed', 'old.dmp'), T0 - HOUR)
    expect(checkLastRun({ dumpsFolder, logsFolder, lastShutdown: undefined }, T0)).toBeNull()
    expect(readLastStart(logsFolder)).toBe(T0)
    expect(readFileSync(join(logsFolder, LAST_START_FILE), 'utf8')).toBe(String(T0))
  })

  it('after a clean run: no notice, old dumps are not news', () => {
    const { dumpsFolder, logsFolder } = folders()
    checkLastRun({ dumpsFolder, logsFolder, lastShutdown: undefined }, T0)
    plantDump(join(dumpsFolder, 'completed', 'before.dmp'), T0 - HOUR)
    expect(checkLastRun({ dumpsFolder, logsFolder, lastShutdown: 'closed' }, T0 + HOUR)).toBeNull()
  })

  it('a dump newer than the last start: the last run crashed', () => {
    const { dumpsFolder, logsFolder } = folders()
    checkLastRun({ dumpsFolder, logsFolder, lastShutdown: undefined }, T0)
    plantDump(join(dumpsFolder, 'completed', 'a.dmp'), T0 + 10_000)
    plantDump(join(dumpsFolder, 'pending', 'b.dmp'), T0 + 20_000)
    plantDump(join(dumpsFolder, 'completed', 'not-a-dump.txt'), T0 + 20_000)
    const notice = checkLastRun({ dumpsFolder, logsFolder, lastShutdown: 'closed' }, T0 + HOUR)
    expect(notice).toEqual({ reason: 'crash', dumps: 2, dumpsFolder, logsFolder })
    // Shown once: the next start compares with this one.
    expect(
      checkLastRun({ dumpsFolder, logsFolder, lastShutdown: 'closed' }, T0 + 2 * HOUR)
    ).toBeNull()
  })

  it('a history left open: the last run ended uncleanly', () => {
    const { dumpsFolder, logsFolder } = folders()
    checkLastRun({ dumpsFolder, logsFolder, lastShutdown: undefined }, T0)
    expect(checkLastRun({ dumpsFolder, logsFolder, lastShutdown: 'open' }, T0 + HOUR)).toEqual({
      reason: 'unclean',
      dumps: 0,
      dumpsFolder,
      logsFolder
    })
    // 'check' is a clean close that found damage: the history's own notice says so.
    expect(
      checkLastRun({ dumpsFolder, logsFolder, lastShutdown: 'check' }, T0 + 2 * HOUR)
    ).toBeNull()
  })

  it('finds dumps a few levels down and none in a missing folder', () => {
    const { dumpsFolder } = folders()
    expect(dumpsSince(dumpsFolder, null)).toEqual([])
    plantDump(join(dumpsFolder, 'reports', 'x', 'deep.dmp'), T0)
    plantDump(join(dumpsFolder, 'a', 'b', 'c', 'too-deep.dmp'), T0)
    expect(dumpsSince(dumpsFolder, null).map((path) => path.slice(dumpsFolder.length))).toEqual([
      '/reports/x/deep.dmp'
    ])
  })
})
