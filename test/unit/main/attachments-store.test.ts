import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { removeOrphans, sweepUnreferenced } from '../../../src/main/attachments/cleanup'
import { buildRequestMessages, type HistoryTurn } from '../../../src/main/attachments/context'
import { ingestAttachment, type IngestedAttachment } from '../../../src/main/attachments/ingest'
import type { ContentPart } from '../../../src/main/attachments/parts'
import { serveAttachment } from '../../../src/main/attachments/protocol'
import {
  attachToMessage,
  conversationHashes,
  listAttachments,
  listConversationAttachments,
  referencedHashes
} from '../../../src/main/attachments/records'
import { AttachmentStore, sha256Of } from '../../../src/main/attachments/store'
import * as conversations from '../../../src/main/history/conversations'
import type { HistoryDatabase } from '../../../src/main/db/database'
import * as messages from '../../../src/main/history/messages'
import { findModel } from '../../../src/shared/models'
import {
  heicContainer,
  makeIcon,
  makeVideo,
  screenshotPng,
  solidImage
} from '../../fixtures/attachments/generate'
import { freshDatabase, reopenDatabase } from '../../fixtures/history'

const seed16 = findModel('doubao-seed-1-6-251015')!
const seed20 = findModel('doubao-seed-2.0-pro')!
const glm = findModel('glm-4-7-251222')!

/** A history database and an attachment store in one data folder; given a folder, opens it again. */
function fresh(dataDir?: string) {
  const { db, dir } =
    dataDir === undefined
      ? freshDatabase('attachments-store-')
      : { db: reopenDatabase(join(dataDir, 'history.sqlite')), dir: dataDir }
  return { db, dataDir: dir, store: new AttachmentStore(dir) }
}

function accepted<T>(
  result: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }
): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}: ${result.error.message}`)
  return result.value
}

function userMessage(db: HistoryDatabase, conversationId: number, content: string) {
  return messages.insertMessage(db, {
    conversationId,
    role: 'user',
    content,
    status: 'done',
    model: null,
    now: Date.now()
  })
}

const record = ({
  frames: _f,
  placeholderThumbnail: _p,
  part: _part,
  ...stored
}: IngestedAttachment) => stored

describe('content-addressed store', () => {
  it('keeps one copy per content under <first 2 hex>/<sha256>, written once', async () => {
    const { store, dataDir } = fresh()
    const bytes = await solidImage(32, 32)
    const first = await store.put(bytes)
    const second = await store.put(Buffer.from(bytes))
    expect(first).toEqual({ sha256: sha256Of(bytes), created: true })
    expect(second).toEqual({ sha256: first.sha256, created: false })
    const folder = join(dataDir, 'attachments', first.sha256.slice(0, 2))
    expect(readdirSync(folder)).toEqual([first.sha256])
    expect(readFileSync(join(folder, first.sha256)).equals(bytes)).toBe(true)
    expect(await store.read('../../etc/passwd')).toBeNull()
    expect(() => store.pathOf('../x')).toThrow()
  })

  it('dedups the same screenshot dropped twice under different names', async () => {
    const { store, dataDir } = fresh()
    const bytes = await screenshotPng(400, 300)
    const a = accepted(await ingestAttachment(store, { name: 'a.png', bytes }, seed16))
    const b = accepted(await ingestAttachment(store, { name: 'copy of a.jpg', bytes }, seed16))
    expect(a.sha256).toBe(b.sha256)
    expect(b.name).toBe('copy of a.jpg')
    const files = readdirSync(join(dataDir, 'attachments', a.sha256.slice(0, 2))).sort()
    expect(files).toEqual([a.sha256, `${a.sha256}.part-high`, `${a.sha256}.thumb`])
  })

  it('removes files no message uses once their conversations are deleted, and keeps shared ones', async () => {
    const { db, store } = fresh()
    const shared = accepted(
      await ingestAttachment(
        store,
        { name: 'shared.png', bytes: await solidImage(40, 40, 'png', '#ff0000') },
        seed16
      )
    )
    const own = accepted(
      await ingestAttachment(
        store,
        { name: 'own.png', bytes: await solidImage(40, 40, 'png', '#00ff00') },
        seed16
      )
    )
    const draft = accepted(
      await ingestAttachment(
        store,
        { name: 'draft.png', bytes: await solidImage(40, 40, 'png', '#0000ff') },
        seed16
      )
    )
    const first = conversations.createConversation(db, { title: 'one', model: seed16.id, now: 1 })
    const second = conversations.createConversation(db, { title: 'two', model: seed16.id, now: 2 })
    attachToMessage(db, userMessage(db, first.id, 'both').id, [record(shared), record(own)])
    attachToMessage(db, userMessage(db, second.id, 'shared').id, [record(shared)])

    const hashes = conversationHashes(db, first.id)
    expect(hashes.sort()).toEqual([shared.sha256, own.sha256].sort())
    conversations.deleteConversation(db, first.id)
    expect(await removeOrphans(db, store, hashes, new Set([draft.sha256]))).toEqual([own.sha256])
    expect(await store.has(own.sha256)).toBe(false)
    expect(await store.read(own.sha256, 'thumb')).toBeNull()
    expect(await store.has(shared.sha256)).toBe(true)

    const secondHashes = conversationHashes(db, second.id)
    conversations.deleteConversation(db, second.id)
    expect(await removeOrphans(db, store, secondHashes, new Set([draft.sha256]))).toEqual([
      shared.sha256
    ])
    expect(await store.has(shared.sha256)).toBe(false)
    expect(await store.has(draft.sha256)).toBe(true) // still in the composer
    expect(referencedHashes(db).size).toBe(0)
  })

  it('sweeps unreferenced files older than the grace period, and stale temporary files', async () => {
    const { db, store } = fresh()
    const kept = accepted(
      await ingestAttachment(store, { name: 'kept.png', bytes: await solidImage(30, 30) }, seed16)
    )
    const stray = accepted(
      await ingestAttachment(
        store,
        { name: 'stray.png', bytes: await solidImage(30, 30, 'png', '#123456') },
        seed16
      )
    )
    const conversation = conversations.createConversation(db, {
      title: 't',
      model: seed16.id,
      now: 1
    })
    attachToMessage(db, userMessage(db, conversation.id, 'hi').id, [record(kept)])
    const temp = join(store.root, stray.sha256.slice(0, 2), '.tmp-leftover')
    writeFileSync(temp, 'half a file')

    expect(await sweepUnreferenced(db, store)).toEqual([]) // everything is recent
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000)
    for (const path of [
      store.pathOf(stray.sha256),
      store.pathOf(stray.sha256, 'thumb'),
      store.pathOf(stray.sha256, 'part-high'),
      temp
    ]) {
      utimesSync(path, old, old)
    }
    expect(await sweepUnreferenced(db, store)).toEqual([stray.sha256])
    expect(existsSync(temp)).toBe(false)
    expect(await store.has(stray.sha256)).toBe(false)
    expect(await store.has(kept.sha256)).toBe(true)
  })
})

describe('the attachment protocol', () => {
  it('serves thumbnails and originals of stored hashes only', async () => {
    const { store } = fresh()
    const image = accepted(
      await ingestAttachment(
        store,
        { name: 'shot.png', bytes: await screenshotPng(600, 400) },
        seed16
      )
    )
    const thumb = await serveAttachment(store, `/${image.sha256}/thumb`)
    expect(thumb?.mime).toBe('image/webp')
    const meta = await sharp(thumb!.bytes).metadata()
    expect(Math.max(meta.width!, meta.height!)).toBe(256)
    const original = await serveAttachment(store, `/${image.sha256}/original`)
    expect(original?.mime).toBe('image/png')
    expect(original?.bytes.length).toBe(image.bytes)

    const unknown = 'f'.repeat(64)
    for (const path of [
      `/${unknown}/thumb`,
      `/${image.sha256.toUpperCase()}/thumb`,
      `/${image.sha256}/part-high`,
      `/${image.sha256}/../../history.sqlite`,
      `/../${image.sha256}/original`,
      `/${image.sha256}`,
      '/',
      ''
    ]) {
      expect(await serveAttachment(store, path)).toBeNull()
    }
    expect(await serveAttachment(store, `/${image.sha256}/thumb`, () => false)).toBeNull()
  })

  it('refuses symbolic links planted in the store that lead out of it', async () => {
    const { store, dataDir } = fresh()
    const outside = join(dataDir, 'outside.png')
    writeFileSync(outside, await screenshotPng(64, 64))
    // A link in place of an original, a link in place of a thumbnail, and a linked 2-hex folder.
    const [a, b, c] = ['a', 'b', 'c'].map((letter) => letter.repeat(64))
    for (const sha of [a, b]) mkdirSync(dirname(store.pathOf(sha)), { recursive: true })
    symlinkSync(outside, store.pathOf(a))
    symlinkSync(outside, store.pathOf(b, 'thumb'))
    const elsewhere = join(dataDir, 'elsewhere')
    mkdirSync(elsewhere)
    writeFileSync(join(elsewhere, c), readFileSync(outside))
    symlinkSync(elsewhere, dirname(store.pathOf(c)))
    for (const path of [`/${a}/original`, `/${b}/thumb`, `/${c}/original`]) {
      expect(await serveAttachment(store, path), path).toBeNull()
    }
    expect(await store.read(a)).toBeNull()
  })
})

describe('attach, send, restart, continue', () => {
  it('stores a video with its poster and the MIME the API wants', async () => {
    const { store, dataDir } = fresh()
    const path = await makeVideo(dataDir, 'mov', { seconds: 2 })
    const video = accepted(
      await ingestAttachment(store, { name: 'clip.mov', path }, seed20, { fps: 2 })
    )
    expect(video).toMatchObject({
      kind: 'video',
      mime: 'video/mov',
      fps: 2,
      width: 64,
      height: 48,
      placeholderThumbnail: false
    })
    expect(video.frames).toMatchObject({ frames: 16, limitedBy: 'minimum' })
    expect((await serveAttachment(store, `/${video.sha256}/original`))?.mime).toBe(
      'video/quicktime'
    )
    expect(
      await ingestAttachment(store, { name: 'clip.mov', path }, seed20, { fps: 0.1 })
    ).toMatchObject({ ok: false, error: { code: 'bad_fps' } })
    expect(await ingestAttachment(store, { name: 'clip.mov', path }, glm)).toMatchObject({
      ok: false,
      error: { code: 'model_no_video' }
    })
  })

  it('stores a HEIC it cannot decode with a placeholder thumbnail', async () => {
    const { store } = fresh()
    const heic = accepted(
      await ingestAttachment(
        store,
        { name: 'IMG_0001.HEIC', bytes: heicContainer(4032, 3024) },
        seed16
      )
    )
    expect(heic).toMatchObject({
      mime: 'image/heic',
      placeholderThumbnail: true,
      part: { mime: 'image/heic', passedThrough: true }
    })
    expect((await serveAttachment(store, `/${heic.sha256}/thumb`))?.mime).toBe('image/webp')
  })

  it('sends an ICO as it is (image/ico) and draws its thumbnail through ffmpeg', async () => {
    const { store, dataDir } = fresh()
    const icon = accepted(
      await ingestAttachment(store, { name: 'app.ico', bytes: await makeIcon(dataDir) }, seed16)
    )
    expect(icon).toMatchObject({
      mime: 'image/ico',
      width: 32,
      height: 32,
      placeholderThumbnail: false,
      part: { passedThrough: true }
    })
    expect((await serveAttachment(store, `/${icon.sha256}/original`))?.mime).toBe('image/x-icon')
    const thumb = await sharp((await store.read(icon.sha256, 'thumb'))!).metadata()
    expect([thumb.format, thumb.width]).toEqual(['webp', 32])
  })

  it('refuses a file that is no image at attach time and stores nothing', async () => {
    const { store, dataDir } = fresh()
    const file = join(dataDir, 'notes.png')
    writeFileSync(file, 'plain text pretending to be a PNG')
    expect(await ingestAttachment(store, { name: 'notes.png', path: file }, seed16)).toMatchObject({
      ok: false,
      error: { code: 'unknown_format' }
    })
    expect(existsSync(store.root)).toBe(false)
  })

  it('continues a conversation with images after a restart, at the new model’s budget', async () => {
    const first = fresh()
    const screenshot = await screenshotPng(3000, 2000)
    const video = readFileSync(await makeVideo(first.dataDir, 'mp4', { seconds: 2 }))
    const image = accepted(
      await ingestAttachment(first.store, { name: 'screen.png', bytes: screenshot }, seed16)
    )
    const clip = accepted(
      await ingestAttachment(first.store, { name: 'clip.mp4', bytes: video }, seed16, { fps: 0.5 })
    )
    const conversation = conversations.createConversation(first.db, {
      title: 't',
      model: seed16.id,
      now: 1
    })
    const question = userMessage(first.db, conversation.id, 'What does this show?')
    attachToMessage(first.db, question.id, [record(image), record(clip)])
    messages.insertMessage(first.db, {
      conversationId: conversation.id,
      role: 'assistant',
      content: 'A code editor.',
      status: 'done',
      model: seed16.id,
      now: 2
    })
    first.db.close()

    // "Restart": a new database handle and a new store on the same data directory.
    const again = fresh(first.dataDir)
    const followUp = userMessage(again.db, conversation.id, 'And the line numbers?')
    const stored = listConversationAttachments(again.db, conversation.id)
    expect(stored.get(question.id)?.map((a) => [a.name, a.kind, a.mime, a.fps])).toEqual([
      ['screen.png', 'image', 'image/png', null],
      ['clip.mp4', 'video', 'video/mp4', 0.5]
    ])
    expect(listAttachments(again.db, [question.id, followUp.id]).get(followUp.id)).toBeUndefined()
    const turns: HistoryTurn[] = messages.listMessages(again.db, conversation.id).map((m) => ({
      messageId: m.id,
      role: m.role,
      text: m.content,
      attachments: stored.get(m.id) ?? []
    }))

    const built = accepted(await buildRequestMessages(again.store, turns, seed20))
    expect(built.leftOut).toEqual([])
    const [imagePart, videoPart, textPart] = built.messages[0].content as ContentPart[]
    expect(textPart).toEqual({ type: 'text', text: 'What does this show?' })
    expect(videoPart).toMatchObject({ type: 'video_url', video_url: { fps: 0.5 } })
    expect(
      videoPart.type === 'video_url' && videoPart.video_url.url.startsWith('data:video/mp4;base64,')
    ).toBe(true)
    // On 2.0 the 6 MP screenshot fits the 9 MP budget: the original goes out untouched.
    expect(imagePart.type === 'image_url' && imagePart.image_url).toEqual({
      url: `data:image/png;base64,${screenshot.toString('base64')}`,
      detail: 'xhigh'
    })
    expect(built.messages[2]).toEqual({ role: 'user', content: 'And the line numbers?' })
    expect(statSync(again.store.pathOf(image.sha256, 'part-xhigh')).ino).toBe(
      statSync(again.store.pathOf(image.sha256)).ino
    )

    // Switching to GLM: the earlier attachments are left out and reported, the text goes.
    const toGlm = accepted(await buildRequestMessages(again.store, turns, glm))
    expect(toGlm.leftOut.map((a) => [a.name, a.reason])).toEqual([
      ['screen.png', 'model'],
      ['clip.mp4', 'model']
    ])
    expect(toGlm.messages[0].content).toEqual([
      {
        type: 'text',
        text: '[Image “screen.png” was attached here but is left out of this request.]'
      },
      {
        type: 'text',
        text: '[Video “clip.mp4” was attached here but is left out of this request.]'
      },
      { type: 'text', text: 'What does this show?' }
    ])
    // ... but a new message with an image is refused for GLM, not sent without it.
    const withImage = turns.map((t, i) =>
      i === turns.length - 1 ? { ...t, attachments: stored.get(question.id)!.slice(0, 1) } : t
    )
    expect(await buildRequestMessages(again.store, withImage, glm)).toMatchObject({
      ok: false,
      error: { code: 'model_no_image' }
    })

    // A tight body limit drops the oldest attachment first and says so.
    const tight = accepted(
      await buildRequestMessages(again.store, turns, seed20, { maxBodyBytes: 1_000_000 })
    )
    expect(tight.leftOut.map((a) => [a.name, a.reason])).toEqual([['screen.png', 'request_size']])
    expect(tight.bodyBytes).toBeLessThanOrEqual(1_000_000)
    expect(
      Buffer.byteLength(JSON.stringify({ model: seed20.id, messages: tight.messages }))
    ).toBeLessThanOrEqual(tight.bodyBytes)
  }, 30_000)
})
