// A disk that fills or turns read-only while the app runs: every write answers storage_full or
// storage_unwritable naming the data folder, a streaming reply keeps its text and ends with the
// error (the process lives on), and Save again writes it once the disk takes it. Real file
// systems: a small tmpfs filled to the last byte (root mounts it; skipped where mount is refused),
// files and folders made immutable with chattr +i (the approach of unwritable.test.ts), and a
// child process under `ulimit -f` (storage-faults-child.test.ts) that runs everywhere.
import { execFileSync } from 'node:child_process'
import { closeSync, mkdirSync, openSync, rmSync, symlinkSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import { HISTORY_FILE, createCore, type Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { getMessage } from '../../../src/main/history/messages'
import { storageProblem } from '../../../src/main/storage'
import { solidImage } from '../../fixtures/attachments/generate'
import { replyRecorder } from '../../fixtures/core'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'

const MODEL = 'doubao-seed-2.0-pro'
const cleanups: Array<() => void | Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A core on `dataDir` talking to a fresh fake provider, with its events recorded. */
async function startOn(dataDir: string): Promise<{
  core: Core
  provider: FakeProvider
  recorder: ReturnType<typeof replyRecorder>
  onDelta: (run: () => void) => void
}> {
  const provider = await startFakeProvider()
  const recorder = replyRecorder()
  let beforeFirstDelta: (() => void) | null = null
  const core = await createCore({
    dataDir,
    secrets: memorySecrets(),
    chat: { maxRetries: 0, stallTimeoutMs: 5_000, flushIntervalMs: 20 },
    emit: (name, payload) => {
      // The disk fails while the reply streams: right as its first text arrives.
      if (name === 'replyDelta' && beforeFirstDelta) {
        const run = beforeFirstDelta
        beforeFirstDelta = null
        run()
      }
      recorder.emit(name, payload)
    }
  })
  cleanups.push(() => provider.close())
  cleanups.push(() => core.close())
  await core.handlers.updateSettings({ baseURL: provider.baseURL })
  await core.handlers.setKey({ key: provider.apiKey })
  return { core, provider, recorder, onDelta: (run) => (beforeFirstDelta = run) }
}

/** Sends `text` in a new conversation and waits for its reply to end. */
async function sendAndWait(
  core: Core,
  recorder: ReturnType<typeof replyRecorder>,
  text: string,
  conversationId: number | null = null
): Promise<EventPayloads['replyEnded']['message']> {
  const sent = await core.handlers.sendMessage({
    conversationId,
    model: MODEL,
    attachments: [],
    text
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  const ended = recorder.ended.find((e) => e.message.id === sent.assistantMessage.id)
  expect(ended).toBeDefined()
  return ended!.message
}

/** A long answer in big chunks: it needs far more room than the WAL already has. */
const LONG_ANSWER = `Start. ${'A long answer that fills the disk. '.repeat(20_000)}End.`

// ---------------------------------------------------------------- a full disk (tmpfs)

const canMount = (() => {
  const probe = tempDir('storage-mount-probe-')
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' })
    execFileSync('umount', [probe], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** A data folder on a fresh 8 MB tmpfs, unmounted after the test. */
function smallDisk(): string {
  const mountPoint = tempDir('storage-tmpfs-')
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mountPoint])
  cleanups.unshift(() => {
    execFileSync('umount', [mountPoint])
  })
  const dataDir = join(mountPoint, 'data')
  mkdirSync(dataDir)
  return dataDir
}

/** Fills the disk holding `folder` to the last byte; returns the filler's path. */
function fillDisk(folder: string): string {
  const filler = join(folder, '..', 'filler')
  const fd = openSync(filler, 'w')
  const block = Buffer.alloc(64 * 1024, 1)
  try {
    for (const size of [block.length, 4096, 1]) {
      for (;;) writeSync(fd, block, 0, size)
    }
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOSPC') throw error
    try {
      for (;;) writeSync(fd, block, 0, 1)
    } catch {
      // full to the byte
    }
  } finally {
    closeSync(fd)
  }
  return filler
}

describe('a disk that fills while a reply streams', () => {
  it.skipIf(!canMount)(
    'keeps the reply in memory with storage_full, answers writes with it, and saves again once space is freed',
    async () => {
      const dataDir = smallDisk()
      const { core, provider, recorder, onDelta } = await startOn(dataDir)
      let filler = ''
      onDelta(() => {
        filler = fillDisk(dataDir)
      })
      provider.enqueue({ kind: 'reply', content: LONG_ANSWER, chunkSize: 40_000 })
      const ended = await sendAndWait(core, recorder, 'Tell me everything')

      // The reply ended with the disk's refusal, naming the folder, and its whole text.
      expect(ended.status).toBe('error')
      expect(ended.error).toMatchObject({ code: 'storage_full', params: { folder: dataDir } })
      expect(ended.error!.message).toContain(dataDir)
      expect(ended.content).toBe(LONG_ANSWER)
      expect(getMessage(core.services.db, ended.id)!.status).toBe('streaming')

      // Writes while the disk is full: the same code, never `internal`.
      const send = await dispatch(core.handlers, 'sendMessage', {
        conversationId: null,
        model: MODEL,
        attachments: [],
        text: LONG_ANSWER
      })
      expect(send).toMatchObject({
        ok: false,
        error: { code: 'storage_full', params: { folder: dataDir } }
      })
      const saveTooSoon = await dispatch(core.handlers, 'saveReplyAgain', { messageId: ended.id })
      expect(saveTooSoon).toMatchObject({ ok: false, error: { code: 'storage_full' } })

      rmSync(filler)
      const saved = await dispatch(core.handlers, 'saveReplyAgain', { messageId: ended.id })
      expect(saved).toMatchObject({
        ok: true,
        value: { id: ended.id, status: 'done', error: null, content: LONG_ANSWER }
      })
      const row = getMessage(core.services.db, ended.id)!
      expect(row).toMatchObject({ status: 'done', content: LONG_ANSWER, finishReason: 'stop' })
      // Saved once: asking again answers the saved reply.
      expect(
        await dispatch(core.handlers, 'saveReplyAgain', { messageId: ended.id })
      ).toMatchObject({ ok: true, value: { status: 'done' } })
    }
  )
})

// ---------------------------------------------------------------- a read-only disk (chattr +i)

const locked: string[] = []

/** Makes `paths` immutable (even root gets EPERM); false when chattr does not work here. */
function lock(...paths: string[]): boolean {
  for (const path of paths) {
    try {
      execFileSync('chattr', ['+i', path], { stdio: 'ignore' })
      locked.push(path)
    } catch {
      return false
    }
  }
  return true
}

function unlockAll(): void {
  for (const path of locked.splice(0).reverse()) {
    execFileSync('chattr', ['-i', path], { stdio: 'ignore' })
  }
}

const canLock = (() => {
  const probe = tempDir('storage-lock-probe-')
  if (!lock(probe)) return false
  let refused = false
  try {
    mkdirSync(join(probe, 'x'))
  } catch {
    refused = true
  }
  unlockAll()
  return refused
})()

/**
 * The history file, its WAL and the folder itself refuse writes. The shared-memory index (-shm)
 * stays writable: SQLite maps it into memory, and an immutable one would end the process with
 * SIGBUS, which no code can answer.
 */
function lockHistory(dataDir: string): void {
  const file = join(dataDir, HISTORY_FILE)
  expect(lock(file, `${file}-wal`, dataDir)).toBe(true)
}

describe('a data folder that turns read-only while the app runs', () => {
  afterEach(unlockAll)

  it.skipIf(!canLock)(
    'ends a streaming reply with storage_unwritable, answers every write with it, and saves again once writable',
    async () => {
      const dataDir = tempDir('storage-readonly-')
      const { core, provider, recorder, onDelta } = await startOn(dataDir)
      const first = await sendAndWait(core, recorder, 'First question')
      expect(first.status).toBe('done')

      onDelta(() => lockHistory(dataDir))
      provider.enqueue({ kind: 'reply', content: 'A reply the disk refuses.', chunkSize: 5 })
      const ended = await sendAndWait(core, recorder, 'Second question', first.conversationId)
      expect(ended).toMatchObject({
        status: 'error',
        content: 'A reply the disk refuses.',
        error: { code: 'storage_unwritable', params: { folder: dataDir } }
      })

      const writes: Array<[string, unknown]> = [
        ['sendMessage', { conversationId: null, model: MODEL, attachments: [], text: 'Hi' }],
        ['regenerateReply', { messageId: first.id }],
        ['editMessage', { messageId: first.parentId, text: 'Edited' }],
        ['renameConversation', { id: first.conversationId, title: 'Renamed' }],
        ['setConversationPinned', { id: first.conversationId, pinned: true }],
        ['setConversationParams', { id: first.conversationId, params: { temperature: 0.5 } }],
        ['updateSettings', { language: 'zh-CN' }],
        ['importHistory', { text: await exported(core) }],
        ['deleteMessage', { messageId: first.id }],
        ['deleteConversation', { id: first.conversationId }],
        ['saveReplyAgain', { messageId: ended.id }]
      ]
      for (const [name, args] of writes) {
        const result = await dispatch(core.handlers, name, args)
        expect({ name, result }).toMatchObject({
          name,
          result: { ok: false, error: { code: 'storage_unwritable', params: { folder: dataDir } } }
        })
      }

      unlockAll()
      const saved = await dispatch(core.handlers, 'saveReplyAgain', { messageId: ended.id })
      expect(saved).toMatchObject({ ok: true, value: { status: 'done', error: null } })
      expect(getMessage(core.services.db, ended.id)).toMatchObject({
        status: 'done',
        content: 'A reply the disk refuses.'
      })
    }
  )

  it.skipIf(!canLock)(
    'keeps a stopped reply as stopped, with the storage error beside it, until saved again',
    async () => {
      const dataDir = tempDir('storage-readonly-')
      const { core, provider, recorder, onDelta } = await startOn(dataDir)
      provider.enqueue({
        kind: 'reply',
        content: 'Partial answer',
        chunkSize: 7,
        failAfterChars: 7,
        failure: { mode: 'stall' }
      })
      let messageId = 0
      onDelta(() => {
        lockHistory(dataDir)
        void core.handlers.stopReply({ messageId })
      })
      const sent = await core.handlers.sendMessage({
        conversationId: null,
        model: MODEL,
        attachments: [],
        text: 'Question'
      })
      messageId = sent.assistantMessage.id
      await core.services.chat.whenIdle(messageId)
      const ended = recorder.ended.find((e) => e.message.id === messageId)!.message
      expect(ended).toMatchObject({
        status: 'stopped',
        content: 'Partial',
        error: { code: 'storage_unwritable' }
      })
      unlockAll()
      const saved = await dispatch(core.handlers, 'saveReplyAgain', { messageId })
      expect(saved).toMatchObject({
        ok: true,
        value: { status: 'stopped', error: null, content: 'Partial' }
      })
    }
  )

  it.skipIf(!canLock)(
    'refuses an attachment with storage_unwritable when the folder turned read-only before the first one',
    async () => {
      const dataDir = tempDir('storage-readonly-')
      const { core } = await startOn(dataDir)
      expect(lock(dataDir)).toBe(true)
      const result = await dispatch(core.handlers, 'addAttachment', {
        name: 'shot.png',
        data: new Uint8Array(await solidImage(32, 24, 'png')),
        model: MODEL
      })
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'storage_unwritable', params: { folder: dataDir } }
      })
    }
  )
})

describe('a data folder whose attachments are gone', () => {
  it('refuses an attachment with storage_unwritable when its folder leads nowhere (mkdir fails)', async () => {
    const dataDir = tempDir('storage-gone-')
    const { core } = await startOn(dataDir)
    // The attachments folder on a drive that is no longer there: a link to nowhere.
    symlinkSync(join(dataDir, 'unplugged-drive', 'attachments'), join(dataDir, 'attachments'))
    const result = await dispatch(core.handlers, 'addAttachment', {
      name: 'shot.png',
      data: new Uint8Array(await solidImage(32, 24, 'png')),
      model: MODEL
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'storage_unwritable', params: { folder: dataDir } }
    })
    expect(result.ok ? '' : result.error.message).not.toMatch(/ENOENT|ENOTDIR|mkdir/)
  })
})

describe('what counts as a refused write, by folder', () => {
  it('maps SQLite I/O errors, and file errors only inside the data folder', () => {
    const dataDir = tempDir('storage-codes-')
    expect(storageProblem({ code: 'SQLITE_IOERR_WRITE' })).toBe('unwritable')
    expect(storageProblem({ code: 'SQLITE_IOERR' })).toBe('unwritable')
    expect(storageProblem({ code: 'SQLITE_READONLY_DBMOVED' })).toBe('unwritable')
    const outside = { code: 'EACCES', syscall: 'open', path: '/home/someone/photo.png' }
    expect(storageProblem(outside, dataDir)).toBeNull()
    const inside = { code: 'ENOENT', syscall: 'mkdir', path: join(dataDir, 'attachments', 'ab') }
    expect(storageProblem(inside, dataDir)).toBe('unwritable')
    expect(storageProblem({ ...inside, code: 'ENOTDIR' }, dataDir)).toBe('unwritable')
    expect(storageProblem({ ...inside, syscall: 'open' }, dataDir)).toBeNull()
    expect(storageProblem({ code: 'ENOSPC', syscall: 'write' }, dataDir)).toBe('full')
  })
})

/** The whole history as an export, to import back (an import is a write). */
async function exported(core: Core): Promise<string> {
  return (await core.handlers.exportHistory(undefined)).text
}
