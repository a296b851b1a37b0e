// Whole code points only: an emoji whose two UTF-16 halves arrive in two events, with a periodic
// save between them, is saved whole (never as U+FFFD), and so is one whose UTF-8 bytes arrive in
// two network reads. The saved row is read back from the SQLite file mid-stream and at the end.
import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { HISTORY_FILE } from '../../../src/main/core'
import { connectedCore, replyRecorder, type ConnectedCore } from '../../fixtures/core'
import { completionChunk, eventStream } from '../../fake-provider/server'

let opened: ConnectedCore | null = null
afterEach(async () => {
  await opened?.close()
  opened = null
})

/** The reply's content as the file holds it, read by a connection of its own. */
function savedContent(dataDir: string, messageId: number): string {
  const db = new Database(join(dataDir, HISTORY_FILE), { readonly: true })
  try {
    return (
      db.prepare('SELECT content FROM messages WHERE id = ?').get(messageId) as {
        content: string
      }
    ).content
  } finally {
    db.close()
  }
}

/** Resolves once the periodic save has written something of the reply. */
async function firstSave(dataDir: string, messageId: number): Promise<string> {
  for (;;) {
    const content = savedContent(dataDir, messageId)
    if (content !== '') return content
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/**
 * Streams `before` then, once the test releases it, `after`; returns what was saved in between
 * and at the end, and what replyEnded carried.
 */
async function streamInTwo(
  before: Buffer,
  after: Buffer
): Promise<{ between: string; end: string; ended: string }> {
  const recorder = replyRecorder()
  opened = await connectedCore('surrogates-', { chat: { flushIntervalMs: 5 }, emit: recorder.emit })
  let release = (): void => undefined
  const until = new Promise<void>((resolve) => {
    release = resolve
  })
  opened.provider.enqueue({
    kind: 'raw',
    contentType: 'text/event-stream',
    body: Buffer.concat([before, after]),
    pause: { at: before.length, until }
  })
  const sent = await opened.core.handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-2.0-pro',
    attachments: [],
    text: 'Smile'
  })
  const id = sent.assistantMessage.id
  const between = await firstSave(opened.dataDir, id)
  release()
  await opened.core.services.chat.whenIdle(id)
  return {
    between,
    end: savedContent(opened.dataDir, id),
    ended: recorder.ended.find((e) => e.message.id === id)!.message.content
  }
}

const event = (delta: Record<string, unknown>, finish: string | null = null): string =>
  `data: ${JSON.stringify(completionChunk(delta, finish))}\n\n`

describe('a reply saved while an emoji is half arrived', () => {
  it('holds back a high surrogate until its other half arrives in the next event', async () => {
    // JSON escapes a lone surrogate as \ud83d: each event is valid JSON with half an emoji.
    const first = event({ role: 'assistant', content: 'A\ud83d' })
    const rest = `${event({ content: '\ude00B' })}${event({}, 'stop')}data: [DONE]\n\n`
    const { between, end, ended } = await streamInTwo(Buffer.from(first), Buffer.from(rest))
    expect(between).toBe('A')
    expect(end).toBe('A😀B')
    expect(ended).toBe('A😀B')
    expect(end).not.toContain('\ufffd')
  })

  it('decodes an emoji whose UTF-8 bytes arrive in two network reads', async () => {
    const body = eventStream([
      completionChunk({ role: 'assistant', content: 'A' }),
      completionChunk({ content: '😀B' }),
      completionChunk({}, 'stop')
    ])
    // Cut after the second byte of the emoji's four, after the first event was saved.
    const bytes = Buffer.from(body)
    const cut = bytes.indexOf(Buffer.from('😀')) + 2
    const { between, end, ended } = await streamInTwo(bytes.subarray(0, cut), bytes.subarray(cut))
    expect(between).toBe('A')
    expect(end).toBe('A😀B')
    expect(ended).toBe('A😀B')
  })
})
