// A disk that fills while a reply streams, on any machine: the core runs in a child process
// (tsx) under `ulimit -f`, so no file it writes may grow past the limit. The kernel refuses the
// write (EFBIG; Node ignores SIGXFSZ), SQLite reports a disk I/O error. The process must live on:
// the reply ends with the storage error and its whole text, an idle write answers the same code,
// and the next start finds the reply interrupted with the text saved up to the refusal.
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { EventPayloads } from '../../../src/shared/contract'
import type { Result } from '../../../src/shared/errors'
import { createCore } from '../../../src/main/core'
import { getMessage } from '../../../src/main/history/messages'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { memorySecrets } from '../../fixtures/secrets'
import { tempDir } from '../../fixtures/temp'

const SCRIPT = join(__dirname, '../../fixtures/storage/reply-on-full-disk.ts')
/** KiB any one file may reach: room for the history and a short reply, not for a long one. */
const FILE_LIMIT_KIB = 1024
const LONG_STORY = 'A long story that does not fit. '.repeat(45_000)

const providers: FakeProvider[] = []
afterEach(async () => {
  for (const provider of providers.splice(0)) await provider.close()
})

interface ChildOutcome {
  code: number | null
  signal: NodeJS.Signals | null
  lines: Array<{
    replyEnded?: EventPayloads['replyEnded']
    idleSend?: Result<unknown>
    closed?: boolean
  }>
  stderr: string
}

function runLimited(args: string[]): Promise<ChildOutcome> {
  const child = spawn(
    'bash',
    [
      '-c',
      `ulimit -f ${FILE_LIMIT_KIB} && exec "$0" "$@"`,
      process.execPath,
      '--import',
      'tsx',
      SCRIPT,
      ...args
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (data) => (stdout += data))
  child.stderr.on('data', (data) => (stderr += data))
  return new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stderr,
        lines: stdout
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line))
      })
    )
  )
}

describe('a file-size limit reached while a reply streams (ulimit -f)', () => {
  it('keeps the process alive, ends the reply with the storage error and its text, and recovers it at the next start', async () => {
    const provider = await startFakeProvider()
    providers.push(provider)
    provider.enqueue({ kind: 'reply', content: LONG_STORY, chunkSize: 50_000 })
    const dataDir = tempDir('storage-ulimit-')

    const outcome = await runLimited([dataDir, provider.baseURL, provider.apiKey])
    expect({ code: outcome.code, signal: outcome.signal }, outcome.stderr).toEqual({
      code: 0,
      signal: null
    })
    const ended = outcome.lines.find((line) => line.replyEnded)?.replyEnded?.message
    expect(ended).toMatchObject({
      status: 'error',
      error: { code: 'storage_unwritable', params: { folder: dataDir } }
    })
    expect(ended!.content).toBe(LONG_STORY)
    expect(ended!.error!.message).toContain(dataDir)
    expect(outcome.lines.find((line) => line.idleSend)?.idleSend).toMatchObject({
      ok: false,
      error: { code: 'storage_unwritable', params: { folder: dataDir } }
    })
    expect(outcome.lines.at(-1)).toEqual({ closed: true })
    expect(outcome.stderr).not.toMatch(/Uncaught|Unhandled/i)

    // Without the limit: the reply left 'streaming' is recovered as interrupted, with what was
    // saved before the refusal (a start of the story, never more than it).
    const core = await createCore({ dataDir, secrets: memorySecrets(), emit: () => undefined })
    try {
      const saved = getMessage(core.services.db, ended!.id)!
      expect(saved.status).toBe('interrupted')
      expect(LONG_STORY.startsWith(saved.content)).toBe(true)
      expect(saved.content.length).toBeLessThan(LONG_STORY.length)
    } finally {
      await core.close()
    }
  })
})
