// A data folder the app cannot write to. Tests run as root here, where chmod stops nothing, so
// the folder is made immutable with `chattr +i` (ext4 and most Linux file systems; root only):
// then even root gets EPERM creating a file in it, a real refusal from the kernel. Where chattr is
// unavailable and the tests run as an ordinary user, chmod 0555 is the real refusal instead.
// SQLite's own codes (SQLITE_READONLY, SQLITE_FULL) come from real connections below.
import Database from 'better-sqlite3'
import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HISTORY_FILE, createCore, type Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { storageProblem } from '../../../src/main/storage'
import { solidImage } from '../../fixtures/attachments/generate'
import { tempDir } from '../../fixtures/temp'
import { memorySecrets } from '../../fixtures/secrets'

const locked: string[] = []
const cores: Core[] = []

/** Makes `paths` refuse writes for real; false when this machine offers no way to. */
function lock(...paths: string[]): boolean {
  for (const path of paths) {
    try {
      execFileSync('chattr', ['+i', path], { stdio: 'ignore' })
    } catch {
      chmodSync(path, 0o555)
    }
    locked.push(path)
  }
  // Prove it: a write into the first folder must fail.
  try {
    writeFileSync(join(paths[0], '.lock-test'), 'x')
    rmSync(join(paths[0], '.lock-test'))
    return false
  } catch {
    return true
  }
}

function unlockAll(): void {
  for (const path of locked.splice(0).reverse()) {
    try {
      execFileSync('chattr', ['-i', path], { stdio: 'ignore' })
    } catch {
      // not immutable
    }
    chmodSync(path, 0o755)
  }
}

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  unlockAll()
})

async function start(dataDir: string): Promise<Core> {
  const core = await createCore({ dataDir, secrets: memorySecrets(), emit: () => undefined })
  cores.push(core)
  return core
}

const canLock = (() => {
  const probe = tempDir('unwritable-probe-')
  const works = lock(probe)
  unlockAll()
  return works
})()

describe('a data folder that cannot be written', () => {
  it.skipIf(!canLock)(
    'refuses the history with the folder named instead of throwing, and opens it once writable',
    async () => {
      const dataDir = tempDir('unwritable-')
      const first = await start(dataDir)
      await first.handlers.updateSettings({ language: 'zh-CN' })
      await first.close()
      cores.length = 0

      expect(lock(dataDir, join(dataDir, HISTORY_FILE))).toBe(true)
      const core = await start(dataDir)
      const status = await core.handlers.getHistoryStatus(undefined)
      expect(status).toMatchObject({ state: 'refused', problem: 'unwritable', folder: dataDir })
      expect(status.state === 'refused' && status.detail).toContain(dataDir)
      // Requests that need the history say so, in words, as data.
      const listed = await dispatch(core.handlers, 'listConversations', {})
      expect(listed).toMatchObject({ ok: false, error: { code: 'history_unavailable' } })
      await core.close()
      cores.length = 0

      unlockAll()
      const again = await start(dataDir)
      expect(await again.handlers.getHistoryStatus(undefined)).toMatchObject({ state: 'ok' })
      expect((await again.handlers.getSettings(undefined)).language).toBe('zh-CN')
    }
  )

  it.skipIf(!canLock)('refuses a new, empty data folder that cannot be written', async () => {
    const dataDir = tempDir('unwritable-')
    expect(lock(dataDir)).toBe(true)
    const core = await start(dataDir)
    expect(await core.handlers.getHistoryStatus(undefined)).toMatchObject({
      state: 'refused',
      problem: 'unwritable',
      folder: dataDir
    })
    expect(readdirSync(dataDir)).toEqual([])
  })

  it.skipIf(!canLock)(
    'refuses an attachment with a clear code and message, not a raw errno and path',
    async () => {
      const dataDir = tempDir('unwritable-')
      const core = await start(dataDir)
      const attachments = join(dataDir, 'attachments')
      mkdirSync(attachments)
      expect(lock(attachments)).toBe(true)
      const png = await solidImage(64, 48, 'png')
      const result = await dispatch(core.handlers, 'addAttachment', {
        name: 'shot.png',
        data: new Uint8Array(png),
        model: 'doubao-seed-2.0-pro'
      })
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'storage_unwritable', params: { folder: dataDir } }
      })
      const message = result.ok ? '' : result.error.message
      expect(message).toContain(`cannot write to its data folder ${dataDir}`)
      expect(message).not.toMatch(/EACCES|EPERM|EROFS|attachments/)
    }
  )
})

describe('what counts as a refused write', () => {
  it('maps real SQLite and file-system errors', () => {
    const dir = tempDir('storage-codes-')
    const file = join(dir, 'x.sqlite')
    const db = new Database(file)
    db.exec('CREATE TABLE t (v BLOB)')
    db.close()

    const readonly = new Database(file, { readonly: true })
    const readonlyError = captured(() => readonly.prepare('INSERT INTO t VALUES (1)').run())
    readonly.close()
    expect((readonlyError as { code: string }).code).toBe('SQLITE_READONLY')
    expect(storageProblem(readonlyError)).toBe('unwritable')

    // A database that may not grow stands for a full disk: SQLite reports SQLITE_FULL either way.
    const full = new Database(file)
    full.pragma('max_page_count = 3')
    const fullError = captured(() =>
      full.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(64 * 1024))
    )
    full.close()
    expect((fullError as { code: string }).code).toBe('SQLITE_FULL')
    expect(storageProblem(fullError)).toBe('full')

    const notFound = captured(() => readdirSync(join(dir, 'missing')))
    expect(storageProblem(notFound)).toBeNull()
    expect(storageProblem(new Error('plain'))).toBeNull()
  })
})

function captured(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}
