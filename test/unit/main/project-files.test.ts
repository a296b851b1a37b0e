// A project's files through the IPC boundary's validation (dispatch), on a real SQLite file and
// attachment store, with the fake provider recording each request body: read as the composer
// reads documents (same refusals), sent in the system message after the instructions in every
// request of every chat in the project, counted against the model's context, carried by export
// files, and their stored file deleted when no project or message uses it any more.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Project } from '../../../src/shared/projects'
import type { ExportedFile, Message, SendResult } from '../../../src/shared/types'
import type { Core } from '../../../src/main/core'
import { AttachmentStore } from '../../../src/main/attachments/store'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, coreOn, type ConnectedCore } from '../../fixtures/core'
import { requestsTo } from '../../fixtures/requests'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore

beforeEach(async () => {
  connected = await connectedCore('project-files-')
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const MODEL = 'doubao-seed-1-6-251015'
const text = (value: string) => new TextEncoder().encode(value)
// The first bytes of a PNG: an image, not a document.
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])

const { call, refusal, send } = requestsTo(() => core, MODEL)

const lastBody = () => provider.chatRequests().at(-1)!.body
const stored = (sha256: string) => new AttachmentStore(connected.dataDir).has(sha256)

const GUIDE = '# Style guide\n\nWrite numbers as digits.'
const GUIDE_PART = `<file name="guide.md">\n${GUIDE}\n</file>`
const GLOSSARY_PART = '<file name="glossary.html">\n**Widget**: a small part\n</file>'

/** A project with instructions and two files: the Markdown style guide, then the HTML glossary. */
async function projectWithFiles(): Promise<Project> {
  const project = await call<Project>('createProject', {
    name: 'Docs',
    instructions: 'You edit manuals.'
  })
  await call('addProjectFile', { projectId: project.id, name: 'guide.md', data: text(GUIDE) })
  return call<Project>('addProjectFile', {
    projectId: project.id,
    name: 'glossary.html',
    data: text('<p><b>Widget</b>: a small part</p>')
  })
}

describe('project files', () => {
  it('are read as documents, listed in order with their tokens; the rest is refused with the reason', async () => {
    const project = await projectWithFiles()
    expect(project.files.map((f) => [f.name, f.pages, f.bytes])).toEqual([
      ['guide.md', null, GUIDE.length],
      ['glossary.html', null, 34]
    ])
    expect(project.files.every((f) => f.tokens > 0 && /^[0-9a-f]{64}$/.test(f.sha256))).toBe(true)
    // The same file twice is there once.
    const again = await call<Project>('addProjectFile', {
      projectId: project.id,
      name: 'guide.md',
      data: text(GUIDE)
    })
    expect(again.files).toHaveLength(2)
    expect((await call<Project[]>('listProjects', undefined))[0].files).toEqual(again.files)

    expect(
      await refusal('addProjectFile', { projectId: project.id, name: 'photo.png', data: PNG })
    ).toMatchObject({
      code: 'attachment_refused',
      reason: 'document_unreadable',
      params: { name: 'photo.png', reason: 'not text' }
    })
    expect(
      await refusal('addProjectFile', { projectId: project.id, name: 'empty.txt', data: text(' ') })
    ).toMatchObject({ reason: 'document_no_text', params: { name: 'empty.txt' } })
    expect(
      (await refusal('addProjectFile', { projectId: 4242, name: 'a.txt', data: text('a') })).code
    ).toBe('not_found')
    expect(
      (await refusal('addProjectFile', { projectId: project.id, name: 'a.txt', data: 'a' })).code
    ).toBe('invalid_input')
    expect((await call<Project[]>('listProjects', undefined))[0].files).toHaveLength(2)
  })

  it('go in the system message after the instructions, in every request of every chat in the project', async () => {
    const project = await projectWithFiles()
    const system = `You edit manuals.\n\n${GUIDE_PART}\n\n${GLOSSARY_PART}`
    const first = await send({ text: 'Check chapter 1', projectId: project.id })
    expect(lastBody().messages).toEqual([
      { role: 'system', content: system },
      { role: 'user', content: 'Check chapter 1' }
    ])
    const followUp = await send({ text: 'And chapter 2', conversationId: first.conversation.id })
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: system })
    expect(lastBody().messages).toHaveLength(4)
    const regenerated = await call<Message>('regenerateReply', {
      messageId: followUp.assistantMessage.id
    })
    await core.services.chat.whenIdle(regenerated.id)
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: system })
    const edited = await call<SendResult>('editMessage', {
      messageId: followUp.userMessage.id,
      text: 'And chapter 3'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: system })
    expect(lastBody().messages.at(-1)).toEqual({ role: 'user', content: 'And chapter 3' })

    // A chat moved in gets them; the chat's own system prompt goes between instructions and files.
    const other = await send({ text: 'Outside' })
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Outside' }])
    await call('setConversationParams', {
      id: other.conversation.id,
      params: { systemPrompt: 'Be brief.' }
    })
    await call('setConversationProject', { id: other.conversation.id, projectId: project.id })
    await send({ text: 'Inside', conversationId: other.conversation.id })
    expect(lastBody().messages[0]).toEqual({
      role: 'system',
      content: `You edit manuals.\n\nBe brief.\n\n${GUIDE_PART}\n\n${GLOSSARY_PART}`
    })

    // Without instructions the files go alone; a removed file no longer goes.
    await call('updateProject', { id: project.id, instructions: '' })
    const guide = project.files[0].sha256
    await call('removeProjectFile', { projectId: project.id, sha256: guide })
    await send({ text: 'Once more', conversationId: first.conversation.id })
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: GLOSSARY_PART })
  })

  it('count against the context: a project whose files do not fit sends nothing', async () => {
    const project = await call<Project>('createProject', { name: 'Huge' })
    // About 300,000 tokens (a token per four ASCII characters), past the model's 256K.
    const huge = await call<Project>('addProjectFile', {
      projectId: project.id,
      name: 'huge.txt',
      data: text('word '.repeat(240_000))
    })
    expect(huge.files[0].tokens).toBeGreaterThan(256_000)
    const before = provider.chatRequests().length
    const error = await refusal('sendMessage', {
      conversationId: null,
      model: MODEL,
      text: 'Summarize',
      projectId: project.id
    })
    expect(error).toMatchObject({
      code: 'attachment_refused',
      reason: 'document_too_long',
      params: { limit: expect.any(Number), model: MODEL }
    })
    expect(Number(error.params?.tokens)).toBeGreaterThan(Number(error.params?.limit))
    expect(provider.chatRequests()).toHaveLength(before)
  })

  it('stay stored while a project uses them, and go with the last project', async () => {
    const project = await projectWithFiles()
    const [guide, glossary] = project.files.map((f) => f.sha256)
    expect(await stored(guide)).toBe(true)
    await call('removeProjectFile', { projectId: project.id, sha256: guide })
    expect(await stored(guide)).toBe(false)
    // A file another project also holds stays until that one lets it go too.
    const second = await call<Project>('createProject', { name: 'Second' })
    await call('addProjectFile', {
      projectId: second.id,
      name: 'glossary.html',
      data: text('<p><b>Widget</b>: a small part</p>')
    })
    await call('deleteProject', { id: project.id, chats: 'move_out' })
    expect(await stored(glossary)).toBe(true)
    await call('deleteProject', { id: second.id, chats: 'delete' })
    expect(await stored(glossary)).toBe(false)
  })

  it('travel in export files: the imported project sends them too', async () => {
    const project = await projectWithFiles()
    await send({ text: 'Hello', projectId: project.id })
    const exported = await call<ExportedFile>('exportHistory', undefined)
    const other = await coreOn(provider, 'project-files-import-')
    try {
      await call('importHistory', { text: exported.text }, other.core)
      await call('importHistory', { text: exported.text }, other.core)
      const [imported] = await call<Project[]>('listProjects', undefined, other.core)
      expect(imported.files).toEqual(project.files)
      const sent = await call<SendResult>(
        'sendMessage',
        { conversationId: null, model: MODEL, text: 'There', projectId: imported.id },
        other.core
      )
      await other.core.services.chat.whenIdle(sent.assistantMessage.id)
      expect(lastBody().messages[0]).toEqual({
        role: 'system',
        content: `You edit manuals.\n\n${GUIDE_PART}\n\n${GLOSSARY_PART}`
      })
    } finally {
      await other.close()
    }
  })
})
