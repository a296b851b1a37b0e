// Images for models that cannot see them, through the core: the text recognized in a rendered
// screenshot (English and Chinese, real PaddleOCR) goes in a text part and no image part reaches
// the fake provider; an image without text is refused with a reason; corrected and inferred
// capabilities decide what is sent.
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import * as messages from '../../../src/main/history/messages'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { SEED_MODELS, startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { makeVideo, solidImage } from '../../fixtures/attachments/generate'
import { textImage } from '../../fixtures/attachments/textImage'
import { tempDir } from '../../fixtures/temp'

// Text recognition loads its models once per worker (about a second on this machine).
vi.setConfig({ testTimeout: 60_000 })

const GLM = 'glm-4-7-251222'
const SEED = 'doubao-seed-1-6-251015'
const LINES = ['Connection timeout ERR 4021', '数据库连接超时']

let provider: FakeProvider
let core: Core
let service: string

async function open(chat: { imagesAsText?: boolean } = {}): Promise<void> {
  core = await createCore({
    dataDir: tempDir('image-text-'),
    secrets: createKeytarStore(service),
    chat: { maxRetries: 0, ...chat },
    emit: () => undefined
  })
  await core.handlers.updateSettings({ baseURL: provider.baseURL })
  await core.handlers.setKey({ key: provider.apiKey })
}

beforeEach(async () => {
  service = `seed-chat-test-${randomUUID()}`
  provider = await startFakeProvider({
    models: [...SEED_MODELS, 'doubao-seed-2.1-pro', 'mystery-model-7b']
  })
  await open()
})
afterEach(async () => {
  await core.close()
  await provider.close()
  await createKeytarStore(service).delete()
})

/** Attaches `bytes` for `model`, sends it with a question, and returns the body the provider got. */
async function ask(model: string, bytes: Buffer, name = 'shot.png') {
  const draft = await core.handlers.addAttachment({ name, data: new Uint8Array(bytes), model })
  const sent = await core.handlers.sendMessage({
    conversationId: null,
    model,
    text: 'What does it say?',
    attachments: [{ sha256: draft.sha256, name: draft.name }]
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  const body = provider.chatRequests().at(-1)!.body as {
    messages: Array<{ content: Array<{ type: string; text?: string }> }>
  }
  return { draft, sent, body, json: JSON.stringify(body) }
}

describe('an image for a model that cannot see it', () => {
  it('goes to GLM 4.7 as its recognized text, English and Chinese, with no image part', async () => {
    const { draft, sent, body, json } = await ask(GLM, await textImage(LINES))
    expect(draft.imageText).toBe(LINES.join('\n'))
    expect(body.messages[0].content).toEqual([
      { type: 'text', text: `[Text in image “shot.png”]\n${LINES.join('\n')}` },
      { type: 'text', text: 'What does it say?' }
    ])
    expect(json).not.toContain('image_url')
    expect(json).not.toContain('data:image')
    // The question keeps the user's words only; the image stays an attachment of it.
    const stored = messages.getMessage(core.services.db, sent.userMessage.id)!
    expect(stored.content).toBe('What does it say?')
    expect(sent.userMessage.attachments.map((a) => [a.name, a.kind])).toEqual([
      ['shot.png', 'image']
    ])
    // A later turn sends it as text again, and the reply is there.
    const next = await core.handlers.sendMessage({
      conversationId: sent.conversation.id,
      model: GLM,
      text: 'And in English?',
      attachments: []
    })
    await core.services.chat.whenIdle(next.assistantMessage.id)
    const later = JSON.stringify(provider.chatRequests().at(-1)!.body)
    expect(later).toContain('数据库连接超时')
    expect(later).not.toContain('image_url')
    expect(next.leftOut).toEqual([])
  })

  it('is refused when it holds no text, saying why and what to do', async () => {
    await expect(
      core.handlers.addAttachment({
        name: 'blank.png',
        data: new Uint8Array(await solidImage(400, 300)),
        model: GLM
      })
    ).rejects.toMatchObject({
      code: 'attachment_refused',
      reason: 'image_no_text',
      message: expect.stringContaining(
        'No text was found in “blank.png”, and GLM 4.7 cannot see images.'
      ),
      params: { name: 'blank.png', model: GLM }
    })
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('a video is still refused for GLM 4.7', async () => {
    const mp4 = readFileSync(await makeVideo(tempDir('image-text-video-'), 'mp4'))
    await expect(
      core.handlers.addAttachment({ name: 'clip.mp4', data: new Uint8Array(mp4), model: GLM })
    ).rejects.toMatchObject({ code: 'attachment_refused', reason: 'model_no_video' })
  })
})

describe('what a model accepts decides what is sent', () => {
  it('an unknown Seed id sees the image; an unknown id of no family gets the text', async () => {
    const png = await textImage(LINES)
    const seed = await ask('doubao-seed-2.1-pro', png)
    expect(seed.draft.imageText).toBeUndefined()
    expect(seed.body.messages[0].content.map((part) => part.type)).toEqual(['image_url', 'text'])
    const other = await ask('mystery-model-7b', png)
    expect(other.body.messages[0].content[0].text).toContain('Connection timeout')
    expect(other.json).not.toContain('image_url')
  })

  it("the user's correction overrides the catalog, and a reset goes back to it", async () => {
    const png = await textImage(LINES)
    await core.handlers.updateSettings({ modelCapabilities: { [GLM]: { image: true } } })
    const corrected = await ask(GLM, png)
    expect(corrected.body.messages[0].content.map((part) => part.type)).toEqual([
      'image_url',
      'text'
    ])
    // And the other way: a model that sees, corrected to text only, gets the text.
    await core.handlers.updateSettings({ modelCapabilities: { [SEED]: { image: false } } })
    const blind = await ask(SEED, png)
    expect(blind.json).not.toContain('image_url')
    expect(blind.body.messages[0].content[0].text).toContain('数据库连接超时')
    // That patch replaced the corrections: GLM is back to the catalog's text-only.
    const reset = await ask(GLM, png)
    expect(reset.json).not.toContain('image_url')
  })

  it('sends the text to any model when asked to (the CLI’s --ocr)', async () => {
    await core.close()
    await open({ imagesAsText: true })
    const { draft, json } = await ask(SEED, await textImage(LINES))
    expect(draft.imageText).toBe(LINES.join('\n'))
    expect(json).toContain('Connection timeout ERR 4021')
    expect(json).not.toContain('image_url')
  })
})
