// Crashes leave nothing behind: a process killed with SIGKILL while it attaches a video or streams
// a reply, then the data folder opened again. The killed process is a real Node child (tsx)
// running the app's own modules; ffmpeg is the bundled binary.
import { spawn, type ChildProcess } from 'node:child_process'
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore } from '../../../src/main/core'
import Database from 'better-sqlite3'
import { HISTORY_FILE } from '../../../src/main/core'
import { getMessage } from '../../../src/main/history/messages'
import { randomUUID } from 'node:crypto'
import { runFfmpeg } from '../../../src/main/attachments/ffmpeg'
import { makeVideo } from '../../fixtures/attachments/generate'
import { startFakeProvider } from '../../fake-provider/server'
import { tempDir } from '../../fixtures/temp'
import { memorySecrets } from '../../fixtures/secrets'

const FIXTURES = join(__dirname, '../../fixtures/crash')
const hasProc = existsSync('/proc/self/cmdline')

const children: ChildProcess[] = []
const strays = new Set<number>()
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL')
  for (const pid of strays) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  strays.clear()
})

/** Starts a fixture script under tsx, with `TMPDIR` pointing at `systemTemp`. */
function runScript(name: string, args: string[], systemTemp: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, name), ...args], {
    env: { ...process.env, TMPDIR: systemTemp, TMP: systemTemp, TEMP: systemTemp },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  children.push(child)
  return child
}

/** Processes (pid, argv) whose command line mentions `text`, from /proc. */
function processesMentioning(text: string, minPid = 0): Array<{ pid: number; argv: string[] }> {
  const found: Array<{ pid: number; argv: string[] }> = []
  for (const name of readdirSync('/proc')) {
    const pid = Number(name)
    if (!Number.isInteger(pid) || pid < minPid || pid === process.pid) continue
    let argv: string[]
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
    } catch {
      continue
    }
    if (argv.some((arg) => arg.includes(text))) found.push({ pid, argv })
  }
  return found
}

const isFfmpeg = (argv: string[]) => /(^|\/)ffmpeg$/.test(argv[0])

/** Waits until `probe` returns something; the test's timeout ends a wait that never ends. */
async function waitFor<T>(probe: () => T | null | undefined, intervalMs = 0): Promise<T> {
  for (;;) {
    const value = probe()
    if (value) return value
    await new Promise((done) => setTimeout(done, intervalMs))
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((done) =>
    child.exitCode !== null || child.signalCode !== null ? done() : child.once('exit', () => done())
  )

describe('killed while attaching a video', () => {
  it.skipIf(!hasProc)(
    'leaves no temp file outside the data folder, no ffmpeg running, and the next start sweeps its copy',
    async () => {
      const work = tempDir('crash-video-')
      const dataDir = join(work, 'data')
      const systemTemp = join(work, 'system-tmp')
      mkdirSync(systemTemp)
      // A 40 MB MP4: a real clip, padded with a trailing `free` box (players skip it).
      const video = await makeVideo(work, 'mp4', { seconds: 2, width: 320, height: 240, rate: 30 })
      const padding = 40 * 1024 * 1024 - statSync(video).size
      const free = Buffer.alloc(padding)
      free.writeUInt32BE(padding, 0)
      free.write('free', 4, 'latin1')
      appendFileSync(video, free)

      const child = runScript('attach-video.ts', [dataDir, video], systemTemp)
      const inData = join(dataDir, 'tmp')
      // The moment ffmpeg reads the temporary copy, stop it (a slow decode) and kill the app.
      const ffmpeg = await waitFor(() =>
        processesMentioning(inData, child.pid).find((p) => isFfmpeg(p.argv))
      )
      strays.add(ffmpeg.pid)
      process.kill(ffmpeg.pid, 'SIGSTOP')
      child.kill('SIGKILL')
      await exited(child)

      // ffmpeg dies with the app, stopped or not.
      await waitFor(
        () => processesMentioning(inData).filter((p) => isFfmpeg(p.argv)).length === 0,
        20
      )
      // tsx keeps its compile cache in the system temp folder; nothing of the app's may be there.
      expect(readdirSync(systemTemp).filter((name) => !name.startsWith('tsx-'))).toEqual([])
      const leftovers = readdirSync(inData)
      expect(leftovers).toHaveLength(1)
      expect(statSync(join(inData, leftovers[0])).size).toBe(40 * 1024 * 1024)

      const core = await createCore({ dataDir, secrets: memorySecrets(), emit: () => undefined })
      await core.close()
      expect(readdirSync(inData)).toEqual([])
    },
    60_000
  )
})

describe('killed while a reply streams', () => {
  it('keeps the saved part of the reply as interrupted, in a database that passes integrity_check', async () => {
    const work = tempDir('crash-stream-')
    const dataDir = join(work, 'data')
    const provider = await startFakeProvider()
    try {
      const answer = Array.from({ length: 400 }, (_, i) => `Sentence ${i} of a long story.`).join(
        ' '
      )
      provider.enqueue({ kind: 'reply', content: answer, chunkSize: 7, delayMs: 15 })
      const child = runScript('stream-reply.ts', [dataDir, provider.baseURL, provider.apiKey], work)
      let output = ''
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
      const { messageId } = await waitFor(
        () => (output.includes('\n') ? (JSON.parse(output) as { messageId: number }) : null),
        20
      )

      // Read the way another process would, until some of the reply is saved (and more is coming).
      const reader = new Database(join(dataDir, HISTORY_FILE), {
        readonly: true,
        fileMustExist: true
      })
      let savedBeforeKill: string
      try {
        const read = reader.prepare('SELECT content, status FROM messages WHERE id = ?')
        savedBeforeKill = await waitFor(() => {
          const row = read.get(messageId) as { content: string; status: string }
          return row.status === 'streaming' && row.content.length >= 100 ? row.content : null
        }, 10)
      } finally {
        reader.close()
      }
      child.kill('SIGKILL')
      await exited(child)
      expect(savedBeforeKill.length).toBeLessThan(answer.length)

      const core = await createCore({ dataDir, secrets: memorySecrets(), emit: () => undefined })
      try {
        expect(core.services.db.pragma('integrity_check', { simple: true })).toBe('ok')
        const reply = getMessage(core.services.db, messageId)!
        expect(reply.status).toBe('interrupted')
        expect(reply.content.startsWith(savedBeforeKill)).toBe(true)
        expect(answer.startsWith(reply.content)).toBe(true)
        expect(reply.content.length).toBeLessThan(answer.length)
        expect(
          (await core.handlers.getConversation({ id: reply.conversationId })).messages.map(
            (m) => m.status
          )
        ).toEqual(['done', 'interrupted'])
      } finally {
        await core.close()
      }
    } finally {
      await provider.close()
    }
  }, 60_000)
})

describe('ffmpeg ends with the app', () => {
  /** An ffmpeg run that would go on for ever, findable by `marker` in its command line. */
  const endless = (marker: string, timeoutMs?: number) =>
    runFfmpeg(
      [
        '-re',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=64x48:rate=25',
        '-metadata',
        `title=${marker}`,
        '-f',
        'null',
        '-'
      ],
      { timeoutMs }
    )

  it.skipIf(!hasProc)('closing the core stops a running ffmpeg', async () => {
    const core = await createCore({
      dataDir: tempDir('crash-close-'),
      secrets: memorySecrets(),
      emit: () => undefined
    })
    const marker = randomUUID()
    const run = endless(marker)
    const ffmpeg = await waitFor(
      () => processesMentioning(marker).find((p) => isFfmpeg(p.argv)),
      10
    )
    strays.add(ffmpeg.pid)
    await core.close()
    expect((await run).code).not.toBe(0)
    await waitFor(() => processesMentioning(marker).length === 0, 20)
  })

  it.skipIf(!hasProc)('a run past its time limit is killed, ffmpeg included', async () => {
    const marker = randomUUID()
    // Killed, not run for ever (the test's timeout would end that).
    const output = await endless(marker, 500)
    expect(output.code).not.toBe(0)
    await waitFor(() => processesMentioning(marker).length === 0, 20)
  })
})
