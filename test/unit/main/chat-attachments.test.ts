// Attachments through the core: what the fake provider receives, refusals before anything is
// saved, and files removed with the last conversation that uses them.
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { makeVideo, screenshotPng, solidImage } from '../../fixtures/attachments/generate'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { tempDir } from '../../fixtures/temp'

let provider: FakeProvider
let core: Core
let service: string
let dataDir: string
const dir = tempDir('chat-attachments-')

beforeEach(async () => {
  service = `seed-chat-test-${randomUUID()}`
  provider = await startFakeProvider()
  dataDir = tempDir('core-')
  core = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    chat: { maxRetries: 0 },
    emit: () => undefined
  })
  await core.handlers.updateSettings({ baseURL: provider.baseURL })
  await core.handlers.setKey({ key: provider.apiKey })
})
afterEach(async () => {
  await core.close()
  await provider.close()
  await createKeytarStore(service).delete()
})

const VISION = 'doubao-seed-1-6-251015'
const TEXT_ONLY = 'glm-4-7-251222'

async function attach(name: string, bytes: Buffer, model = VISION) {
  return core.handlers.addAttachment({ name, data: new Uint8Array(bytes), model })
}

async function send(args: {
  conversationId?: number | null
  model?: string
  text: string
  attachments?: { sha256: string; name: string; fps?: number }[]
}) {
  const sent = await core.handlers.sendMessage({
    conversationId: args.conversationId ?? null,
    model: args.model ?? VISION,
    text: args.text,
    attachments: args.attachments ?? []
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  return sent
}

describe('attachments in requests', () => {
  it('sends the image and the video before the text, with the real MIME and fps', async () => {
    const png = await screenshotPng(640, 360)
    const mp4 = readFileSync(await makeVideo(dir, 'mp4'))
    // A PNG named .jpg is still a PNG.
    const image = await attach('photo.jpg', png)
    const video = await attach('clip.mp4', mp4)
    expect(image).toMatchObject({ kind: 'image', mime: 'image/png', width: 640, height: 360 })
    expect(video).toMatchObject({ kind: 'video', mime: 'video/mp4', durationSeconds: 2 })
    expect(video.frames).toMatchObject({ frames: 16, limitedBy: 'minimum' })

    const sent = await send({
      text: 'What happens here?',
      attachments: [
        { sha256: image.sha256, name: image.name },
        { sha256: video.sha256, name: video.name, fps: 2.5 }
      ]
    })
    const [request] = provider.chatRequests()
    const content = request.body.messages[0].content
    expect(content.map((part: { type: string }) => part.type)).toEqual([
      'image_url',
      'video_url',
      'text'
    ])
    expect(content[0].image_url.url).toBe(`data:image/png;base64,${png.toString('base64')}`)
    expect(content[1].video_url).toEqual({
      url: `data:video/mp4;base64,${mp4.toString('base64')}`,
      fps: 2.5
    })
    expect(content[2]).toEqual({ type: 'text', text: 'What happens here?' })
    expect(sent.userMessage.attachments.map((a) => [a.name, a.fps])).toEqual([
      ['photo.jpg', null],
      ['clip.mp4', 2.5]
    ])
    expect(sent.userMessage.attachments[0].thumbnailUrl).toBe(`attachment://${image.sha256}/thumb`)
    // Served to the renderer by hash, never by path.
    const thumb = await core.serveAttachment(`/${image.sha256}/thumb`)
    expect(thumb?.mime).toBe('image/webp')
    expect(await core.serveAttachment(`/../../etc/passwd`)).toBeNull()
  })

  it('refuses an image without text for a text-only model before saving anything, and never sends it', async () => {
    // Attached for a model that sees; GLM would get its text, and there is none.
    const image = await attach('blank.png', await solidImage(320, 200))
    await expect(
      core.handlers.sendMessage({
        conversationId: null,
        model: TEXT_ONLY,
        text: 'see?',
        attachments: [{ sha256: image.sha256, name: image.name }]
      })
    ).rejects.toMatchObject({ code: 'attachment_refused', reason: 'image_no_text' })
    expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('leaves earlier images without text out for a text-only model and says which', async () => {
    const image = await attach('screen.png', await solidImage(320, 200))
    const first = await send({
      text: 'look',
      attachments: [{ sha256: image.sha256, name: image.name }]
    })
    const second = await send({
      conversationId: first.conversation.id,
      model: TEXT_ONLY,
      text: 'and now?'
    })
    expect(second.leftOut).toEqual([
      expect.objectContaining({ name: 'screen.png', kind: 'image', reason: 'model' })
    ])
    const body = JSON.stringify(provider.chatRequests()[1].body)
    expect(body).not.toContain('image_url')
    expect(body).not.toContain('data:image')
  })
})

describe('attachment files', () => {
  it('keeps one copy per content and removes it with the last conversation that uses it', async () => {
    const png = await screenshotPng(320, 200, 3)
    const a = await attach('a.png', png)
    const first = await send({ text: 'one', attachments: [{ sha256: a.sha256, name: 'a.png' }] })
    const b = await attach('b.png', png)
    expect(b.sha256).toBe(a.sha256)
    const second = await send({ text: 'two', attachments: [{ sha256: b.sha256, name: 'b.png' }] })
    const stored = core.services.attachments.pathOf(a.sha256, 'original')
    expect(existsSync(stored)).toBe(true)

    await core.handlers.deleteConversation({ id: first.conversation.id })
    expect(existsSync(stored)).toBe(true)
    await core.handlers.deleteConversation({ id: second.conversation.id })
    expect(existsSync(stored)).toBe(false)
  })

  it('history keeps attachments across a restart and a conversation can go on', async () => {
    const image = await attach('screen.png', await screenshotPng(320, 200, 5))
    const first = await send({
      text: 'look',
      attachments: [{ sha256: image.sha256, name: image.name }]
    })
    await core.close()
    core = await createCore({
      dataDir,
      secrets: createKeytarStore(service),
      chat: { maxRetries: 0 },
      emit: () => undefined
    })
    const history = await core.handlers.getConversation({ id: first.conversation.id })
    expect(history.messages[0].attachments.map((a) => a.name)).toEqual(['screen.png'])
    await send({ conversationId: first.conversation.id, text: 'more?' })
    const again = provider.chatRequests()[1].body.messages[0].content
    expect(again[0].image_url.url.startsWith('data:image/png;base64,')).toBe(true)
  })
})

describe('attachments on branches', () => {
  it('an edited question keeps its images; deleting the last question that uses a file removes it', async () => {
    const png = await screenshotPng(320, 200)
    const image = await attach('chart.png', png)
    const sent = await send({
      text: 'What does this show?',
      attachments: [{ sha256: image.sha256, name: 'chart.png' }]
    })
    const edited = await core.handlers.editMessage({
      messageId: sent.userMessage.id,
      text: 'Describe the chart'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(edited.userMessage.attachments.map((a) => a.name)).toEqual(['chart.png'])
    const content = provider.chatRequests()[1].body.messages[0].content
    expect(content[0].image_url.url).toBe(`data:image/png;base64,${png.toString('base64')}`)
    expect(content.at(-1)).toEqual({ type: 'text', text: 'Describe the chart' })

    // Both versions use the file: deleting one keeps it, deleting the other removes it.
    const stored = core.services.attachments.pathOf(image.sha256, 'original')
    await core.handlers.deleteMessage({ messageId: edited.userMessage.id })
    expect(existsSync(stored)).toBe(true)
    await core.handlers.deleteMessage({ messageId: sent.userMessage.id })
    expect(existsSync(stored)).toBe(false)
  })
})
