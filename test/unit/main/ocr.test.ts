// Offline text recognition (PaddleOCR in a worker thread) on screenshots rendered here, English
// and Chinese (Noto CJK): the words come back, an image is read once, search finds a conversation
// by a word only its image holds, and reading the history's images resumes after a restart.
import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { attachToMessage } from '../../../src/main/attachments/records'
import { AttachmentStore } from '../../../src/main/attachments/store'
import { createCore, type Core } from '../../../src/main/core'
import type { HistoryDatabase } from '../../../src/main/db/database'
import { searchMessages } from '../../../src/main/history/search'
import { ImageTextService, type Recognize } from '../../../src/main/ocr/imageText'
import { RecognitionWorker } from '../../../src/main/ocr/worker'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { freshDatabase, reopenDatabase, seedConversation } from '../../fixtures/history'
import { renderScreenshot } from '../../fixtures/screenshots'
import { tempDir } from '../../fixtures/temp'

const ENGLISH = [
  'Connection refused by upstream gateway',
  'Retry after checking the proxy settings'
]
const CHINESE = ['数据库连接超时，请稍后重试', '无法保存设置']

const worker = new RecognitionWorker()
afterAll(() => worker.close())

/** A recognizer through the shared worker that counts the images it was given. */
function counting(): { recognize: Recognize; calls: () => number } {
  let calls = 0
  return {
    recognize: (bytes, priority) => {
      calls++
      return worker.recognize(bytes, priority)
    },
    calls: () => calls
  }
}

const screenshot = (lines: readonly string[]) =>
  renderScreenshot({ width: 1280, height: 720, lines, fontSize: 24 })

/** A conversation whose only message carries the image; returns the message id. */
function messageWithImage(db: HistoryDatabase, sha256: string, name: string): number {
  const { messages } = seedConversation(db, { messages: [{ content: 'what is this?' }] })
  const [record] = attachToMessage(db, messages[0].id, [
    {
      sha256,
      kind: 'image',
      name,
      mime: 'image/png',
      bytes: 1,
      width: 1280,
      height: 720,
      durationSeconds: null,
      fps: null
    }
  ])
  return record.messageId
}

describe('text recognition in a worker thread', () => {
  it('reads English and Chinese screenshots', async () => {
    const [english, chinese] = await Promise.all([screenshot(ENGLISH), screenshot(CHINESE)])
    const englishLines = (await worker.recognize(english)).map((line) => line.text)
    const chineseLines = (await worker.recognize(chinese)).map((line) => line.text)
    expect(englishLines).toEqual(ENGLISH)
    expect(chineseLines.join('\n')).toContain('数据库连接超时')
    expect(chineseLines.join('\n')).toContain('无法保存设置')
  })

  it('reads a 4K screenshot (scaled down first) and a photo stored sideways (EXIF orientation)', async () => {
    const large = await renderScreenshot({
      width: 3840,
      height: 2160,
      lines: ENGLISH,
      fontSize: 36
    })
    expect((await worker.recognize(large)).map((line) => line.text)).toEqual(ENGLISH)
    // Pixels turned a quarter left, with the EXIF tag that says to turn them back right.
    const sideways = await sharp(await screenshot(CHINESE))
      .rotate(-90)
      .jpeg({ quality: 95 })
      .withMetadata({ orientation: 6 })
      .toBuffer()
    expect((await sharp(sideways).metadata()).orientation).toBe(6)
    const text = (await worker.recognize(sideways)).map((line) => line.text).join('\n')
    expect(text).toContain('数据库连接超时')
  })

  it('finishes the image being read before it stops (terminating inside the engine aborts the process)', async () => {
    const own = new RecognitionWorker()
    const png = await screenshot(['Closing now'])
    // While the engine loads, then while it reads.
    for (let round = 0; round < 2; round++) {
      const reading = own.recognize(png)
      const waiting = own.recognize(png)
      waiting.catch(() => undefined)
      await new Promise((resolve) => setTimeout(resolve, 50))
      if (round === 1) {
        await own.close()
        await expect(waiting).rejects.toThrow('Text recognition has stopped.')
      }
      expect((await reading).map((line) => line.text)).toEqual(['Closing now'])
      if (round === 0) await waiting
    }
    await expect(own.recognize(png)).rejects.toThrow('Text recognition has stopped.')
  })

  it('fails an image it cannot decode, and reads the next one', async () => {
    await expect(worker.recognize(new Uint8Array([1, 2, 3]))).rejects.toThrow()
    expect(
      (await worker.recognize(await screenshot(['Still reading']))).map((l) => l.text)
    ).toEqual(['Still reading'])
  })
})

describe('image text, cached by content', () => {
  it('reads an image once, however often it is asked for or attached', async () => {
    const { db, dir } = freshDatabase('image-text-')
    const store = new AttachmentStore(dir)
    const { sha256 } = await store.put(await screenshot(ENGLISH))
    const { recognize, calls } = counting()
    const service = new ImageTextService(db, store, recognize)
    expect(service.peek(sha256)).toBeNull()
    // Asked twice at once: one reading.
    const [first, second] = await Promise.all([service.textOf(sha256), service.textOf(sha256)])
    expect(first).toBe(ENGLISH.join('\n'))
    expect(second).toBe(first)
    service.enqueue(sha256)
    // A new service on the reopened file (a restart) still knows it.
    db.close()
    const again = new ImageTextService(
      reopenDatabase(join(dir, 'history.sqlite')),
      store,
      recognize
    )
    expect(await again.textOf(sha256)).toBe(first)
    expect(again.peek(sha256)).toEqual({ status: 'done', text: first })
    expect(calls()).toBe(1)
  })

  it('remembers an image it could not read, and a file that is gone', async () => {
    const { db, dir } = freshDatabase('image-text-')
    const store = new AttachmentStore(dir)
    const { sha256 } = await store.put(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]))
    const { recognize, calls } = counting()
    const service = new ImageTextService(db, store, recognize)
    expect(await service.textOf(sha256)).toBe('')
    expect(service.peek(sha256)).toEqual({ status: 'failed', text: '' })
    expect(await service.textOf('f'.repeat(64))).toBe('')
    expect(service.peek('f'.repeat(64))).toEqual({ status: 'failed', text: '' })
    expect(calls()).toBe(1)
  })
})

describe('search sees the text in images', () => {
  it('finds a message by English and Chinese words only its image holds', async () => {
    const { db, dir } = freshDatabase('image-search-')
    const store = new AttachmentStore(dir)
    const english = (await store.put(await screenshot(ENGLISH))).sha256
    const chinese = (await store.put(await screenshot(CHINESE))).sha256
    const withEnglish = messageWithImage(db, english, 'error.png')
    const withChinese = messageWithImage(db, chinese, '截图.png')
    messageWithImage(db, english, 'same-error-again.png')
    expect(searchMessages(db, { query: 'gateway' }).results).toEqual([])
    expect(searchMessages(db, { query: '数据库连接超时' }).results).toEqual([])

    const service = new ImageTextService(db, store, counting().recognize)
    await service.backfill()
    const gateway = searchMessages(db, { query: 'upstream gateway' }).results
    expect(gateway.map((hit) => hit.messageId)).toContain(withEnglish)
    expect(gateway).toHaveLength(2) // the same image, in two conversations
    const hit = gateway.find((h) => h.messageId === withEnglish)!
    expect(hit).toMatchObject({ field: 'image', image: { sha256: english, name: 'error.png' } })
    expect(hit.snippet.filter((part) => part.match).map((part) => part.text)).toEqual([
      'upstream',
      'gateway'
    ])
    const timeout = searchMessages(db, { query: '数据库连接超时' }).results
    expect(timeout.map((h) => h.messageId)).toEqual([withChinese])
    expect(timeout[0]).toMatchObject({ field: 'image', image: { sha256: chinese } })
    // The message's own text and the image's name are still found, as before.
    expect(searchMessages(db, { query: '截图' }).results[0]).toMatchObject({ field: 'attachment' })
    expect(searchMessages(db, { query: 'what is this' }).results).toHaveLength(3)
  })
})

describe('reading the history after an upgrade', () => {
  it('resumes after a restart, reading only what is left, and reports progress', async () => {
    const { db, dir, file } = freshDatabase('image-backfill-')
    const store = new AttachmentStore(dir)
    const texts = ['First screen', 'Second screen', 'Third screen']
    for (const [index, text] of texts.entries()) {
      const { sha256 } = await store.put(await screenshot([text]))
      messageWithImage(db, sha256, `shot-${index}.png`)
    }
    const first = counting()
    const service = new ImageTextService(db, store, (bytes, priority) => {
      // The app quits while its first image is being read.
      service.stop()
      return first.recognize(bytes, priority)
    })
    expect(service.status()).toEqual({ done: 0, total: 3, running: false })
    await service.backfill()
    db.close()

    const reopened = reopenDatabase(file)
    const second = counting()
    const next = new ImageTextService(reopened, store, second.recognize)
    expect(next.status()).toEqual({ done: 0, total: 3, running: false })
    const run = next.backfill()
    expect(next.status().running).toBe(true)
    await run
    expect(next.status()).toEqual({ done: 3, total: 3, running: false })
    expect(second.calls()).toBe(3)
    // Newest first; each text found by search.
    for (const text of texts) {
      expect(searchMessages(reopened, { query: text }).results).toHaveLength(1)
    }
    // Nothing left: a third start reads nothing.
    const third = counting()
    await new ImageTextService(reopened, store, third.recognize).backfill()
    expect(third.calls()).toBe(0)
  })
})

describe('through the core', () => {
  let provider: FakeProvider
  let core: Core
  let service: string
  beforeEach(async () => {
    service = `seed-chat-test-${randomUUID()}`
    provider = await startFakeProvider()
    core = await createCore({
      dataDir: tempDir('ocr-core-'),
      secrets: createKeytarStore(service),
      chat: { maxRetries: 0 },
      emit: () => undefined,
      imageTextBackfillMs: null
    })
    await core.handlers.updateSettings({ baseURL: provider.baseURL })
    await core.handlers.setKey({ key: provider.apiKey })
  })
  afterEach(async () => {
    await core.close()
    await provider.close()
    await createKeytarStore(service).delete()
  })

  it('reads an attached image and finds its conversation by a word inside it', async () => {
    const png = await screenshot(CHINESE)
    const image = await core.handlers.addAttachment({
      name: 'shot.png',
      data: new Uint8Array(png),
      model: 'doubao-seed-1-6-251015'
    })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: 'doubao-seed-1-6-251015',
      text: 'What does this say?',
      attachments: [{ sha256: image.sha256, name: image.name }]
    })
    await core.services.chat.whenIdle(sent.assistantMessage.id)
    // Attaching queued it; this waits for that reading (or reads it, once).
    expect(await core.services.imageText.textOf(image.sha256)).toContain('数据库连接超时')
    expect(await core.handlers.getImageText({ sha256: image.sha256 })).toMatchObject({
      status: 'done'
    })
    const page = await core.handlers.searchHistory({ query: '数据库连接超时' })
    expect(page.results).toHaveLength(1)
    expect(page.results[0]).toMatchObject({
      conversationId: sent.conversation.id,
      messageId: sent.userMessage.id,
      field: 'image',
      image: { sha256: image.sha256, thumbnailUrl: `attachment://${image.sha256}/thumb` }
    })
    expect(await core.handlers.getImageTextStatus(undefined)).toEqual({
      done: 1,
      total: 1,
      running: false
    })
  })
})
