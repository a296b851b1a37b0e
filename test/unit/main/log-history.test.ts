// The history's own lines in the app's log: migrations, backups taken and restored, open or refused.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import { logHistoryStatus } from '../../../src/main/log/activity'
import { appLog, LOG_FILE, LOGS_DIR } from '../../../src/main/log/logger'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'

describe("the history's lines in the log", () => {
  it('records the migration, the daily backup, a restore and the status', async () => {
    const dataDir = tempDir('seed-log-history-')
    appLog.writeTo(dataDir)
    const core = await createCore({
      dataDir,
      secrets: memorySecrets(),
      emit: () => {},
      firstBackupMs: 0
    })
    let status = await core.handlers.getHistoryStatus(undefined)
    while (status.backups.length === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      status = await core.handlers.getHistoryStatus(undefined)
    }
    logHistoryStatus(appLog, status)
    await core.handlers.restoreBackup({ name: status.backups[0].name })
    await core.close()

    const text = readFileSync(join(dataDir, LOGS_DIR, LOG_FILE), 'utf8')
    expect(text).toMatch(/\(history\) migrated from schema 0 to \d+/)
    expect(text).toContain(`(history) backup ${status.backups[0].name} taken`)
    expect(text).toContain(`(history) opened; 1 backups, newest ${status.backups[0].name}`)
    expect(text).toContain(`(history) backup ${status.backups[0].name} restored`)
  })
})
