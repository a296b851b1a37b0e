// Projects through the IPC boundary's validation (dispatch), on a real SQLite file, with the fake
// provider recording each request body: their instructions go first as the system prompt, a new
// chat in one starts with its default parameters, and deleting one moves its chats out or
// deletes them, as the user chose.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Project } from '../../../src/shared/projects'
import type { SearchPage } from '../../../src/shared/search'
import type { Conversation, ExportedFile } from '../../../src/shared/types'
import type { Core } from '../../../src/main/core'
import { getConversation } from '../../../src/main/history/conversations'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, coreOn, type ConnectedCore } from '../../fixtures/core'
import { requestsTo } from '../../fixtures/requests'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore

beforeEach(async () => {
  connected = await connectedCore('projects-')
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const MODEL = 'doubao-seed-1-6-251015'

const { call, refusal, send } = requestsTo(() => core, MODEL)

const lastBody = () => provider.chatRequests().at(-1)!.body
const names = async () => (await call<Project[]>('listProjects', undefined)).map((p) => p.name)

describe('projects', () => {
  it('are created, renamed, edited and reordered; bad fields are refused with the reason', async () => {
    const work = await call<Project>('createProject', { name: '  Work  ' })
    expect(work).toMatchObject({
      name: 'Work',
      instructions: '',
      defaultModel: null,
      defaultParams: {},
      conversationCount: 0
    })
    const home = await call<Project>('createProject', {
      name: '家',
      instructions: 'Answer in Chinese.',
      defaultModel: MODEL,
      defaultParams: { temperature: 0.2 }
    })
    expect(await names()).toEqual(['Work', '家'])

    const edited = await call<Project>('updateProject', {
      id: work.id,
      name: 'Office',
      instructions: 'Be brief.',
      defaultParams: { maxTokens: 300 }
    })
    expect(edited).toMatchObject({
      name: 'Office',
      instructions: 'Be brief.',
      defaultModel: null,
      defaultParams: { maxTokens: 300 }
    })
    // Only what is given changes; null clears the default model.
    expect(await call<Project>('updateProject', { id: home.id, defaultModel: null })).toMatchObject(
      {
        name: '家',
        instructions: 'Answer in Chinese.',
        defaultModel: null,
        defaultParams: { temperature: 0.2 }
      }
    )

    await call('reorderProjects', { ids: [home.id] })
    expect(await names()).toEqual(['家', 'Office'])
    const third = await call<Project>('createProject', { name: 'Third' })
    expect(await names()).toEqual(['家', 'Office', 'Third'])
    await call('reorderProjects', { ids: [third.id, work.id, home.id] })
    expect(await names()).toEqual(['Third', 'Office', '家'])

    expect((await refusal('createProject', { name: '   ' })).message).toMatch(
      /project name is empty/
    )
    expect((await refusal('createProject', { name: 'x'.repeat(101) })).message).toMatch(
      /longer than 100/
    )
    expect(
      (await refusal('updateProject', { id: work.id, defaultParams: { temperature: 3 } })).message
    ).toMatch(/temperature is 0 to 2/)
    expect((await refusal('updateProject', { id: 999_999, name: 'Gone' })).code).toBe('not_found')
    expect(await names()).toEqual(['Third', 'Office', '家'])
  })

  it("send their instructions first, then the chat's own system prompt, in every request", async () => {
    const project = await call<Project>('createProject', {
      name: 'Reports',
      instructions: 'You write for engineers.',
      defaultParams: { systemPrompt: 'Use metric units.', temperature: 0.4 }
    })
    const first = await send({ text: 'Hello', projectId: project.id })
    expect(first.conversation.projectId).toBe(project.id)
    // The project's default parameters became the new chat's.
    expect(first.conversation.params).toEqual({
      systemPrompt: 'Use metric units.',
      temperature: 0.4
    })
    expect(lastBody().messages).toEqual([
      { role: 'system', content: 'You write for engineers.\n\nUse metric units.' },
      { role: 'user', content: 'Hello' }
    ])
    expect(lastBody().temperature).toBe(0.4)

    // Later turns, regenerations and edits carry the instructions as they are now.
    await call('updateProject', { id: project.id, instructions: 'You write for lawyers.' })
    await send({ text: 'Again', conversationId: first.conversation.id })
    expect(lastBody().messages[0]).toEqual({
      role: 'system',
      content: 'You write for lawyers.\n\nUse metric units.'
    })
    const regenerated = await call<{ id: number }>('regenerateReply', {
      messageId: first.assistantMessage.id
    })
    await core.services.chat.whenIdle(regenerated.id)
    expect(lastBody().messages[0].content).toBe('You write for lawyers.\n\nUse metric units.')

    // A chat without a system prompt of its own gets the instructions alone; moved out, nothing.
    const plain = await send({ text: 'Plain' })
    expect(plain.conversation.projectId).toBeNull()
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Plain' }])
    await call('setConversationProject', { id: plain.conversation.id, projectId: project.id })
    await send({ text: 'Inside', conversationId: plain.conversation.id })
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: 'You write for lawyers.' })
    await call('setConversationProject', { id: plain.conversation.id, projectId: null })
    await send({ text: 'Outside', conversationId: plain.conversation.id })
    expect(lastBody().messages[0].role).toBe('user')
  })

  it('refuse a new chat in a project that is gone, sending nothing', async () => {
    const before = provider.chatRequests().length
    const error = await refusal('sendMessage', {
      conversationId: null,
      model: MODEL,
      text: 'Hi',
      projectId: 4242
    })
    expect(error).toMatchObject({ code: 'not_found', message: 'That project no longer exists.' })
    expect(provider.chatRequests()).toHaveLength(before)
  })

  it('list their chats apart: the main list holds only chats outside any project', async () => {
    const project = await call<Project>('createProject', { name: 'P' })
    const inside = await send({ text: 'In the project', projectId: project.id })
    const outside = await send({ text: 'Outside' })
    const page = (args: object) =>
      call<{ conversations: Conversation[] }>('listConversations', args).then((p) =>
        p.conversations.map((c) => c.title)
      )
    expect(await page({})).toEqual(['Outside'])
    expect(await page({ projectId: project.id })).toEqual(['In the project'])
    await call('setConversationPinned', { id: inside.conversation.id, pinned: true })
    expect(await page({})).toEqual(['Outside'])
    expect(await page({ projectId: project.id })).toEqual(['In the project'])
    expect((await call<Project[]>('listProjects', undefined))[0].conversationCount).toBe(1)
    expect(
      (await refusal('setConversationProject', { id: outside.conversation.id, projectId: 9 })).code
    ).toBe('not_found')
  })

  it('deleted, move their chats out or delete them with it, as the user chose', async () => {
    const keep = await call<Project>('createProject', { name: 'Keep chats' })
    const drop = await call<Project>('createProject', { name: 'Drop chats' })
    const kept = await send({ text: 'Kept', projectId: keep.id })
    const dropped = await send({ text: 'Dropped', projectId: drop.id })
    const outside = await send({ text: 'Outside' })

    await call('deleteProject', { id: keep.id, chats: 'move_out' })
    const db = core.services.db
    expect(getConversation(db, kept.conversation.id)).toMatchObject({ projectId: null })
    expect(await names()).toEqual(['Drop chats'])

    await call('deleteProject', { id: drop.id, chats: 'delete' })
    expect(getConversation(db, dropped.conversation.id)).toBeUndefined()
    expect(
      db
        .prepare('SELECT count(*) FROM messages WHERE conversation_id = ?')
        .pluck()
        .get(dropped.conversation.id)
    ).toBe(0)
    expect(getConversation(db, outside.conversation.id)).toBeDefined()
    expect(await names()).toEqual([])
    expect((await refusal('deleteProject', { id: drop.id, chats: 'move_out' })).code).toBe(
      'not_found'
    )
    expect((await refusal('deleteProject', { id: keep.id, chats: 'sometimes' })).code).toBe(
      'invalid_input'
    )
  })

  it('travel in export files with their chats, added once however often imported', async () => {
    const project = await call<Project>('createProject', {
      name: 'Trips',
      instructions: 'Plan cheaply.',
      defaultModel: MODEL,
      defaultParams: { temperature: 0.7 }
    })
    const inside = await send({ text: 'Lisbon in May', projectId: project.id })
    await send({ text: 'Unrelated question' })
    const whole = await call<ExportedFile>('exportHistory', undefined)
    const one = await call<ExportedFile>('exportConversation', {
      id: inside.conversation.id,
      format: 'json'
    })

    const other = await coreOn(provider, 'projects-import-')
    try {
      const there = (name: string, args: unknown) => call<unknown>(name, args, other.core)
      // The one conversation's file brings its project along.
      await there('importHistory', { text: one.text })
      await there('importHistory', { text: whole.text })
      await there('importHistory', { text: whole.text })
      const projects = (await there('listProjects', undefined)) as Project[]
      expect(projects).toHaveLength(1)
      expect(projects[0]).toMatchObject({
        name: 'Trips',
        instructions: 'Plan cheaply.',
        defaultModel: MODEL,
        defaultParams: { temperature: 0.7 },
        conversationCount: 1
      })
      const titles = async (args: object) =>
        (
          (await there('listConversations', args)) as { conversations: Conversation[] }
        ).conversations.map((c) => c.title)
      expect(await titles({ projectId: projects[0].id })).toEqual(['Lisbon in May'])
      expect(await titles({})).toEqual(['Unrelated question'])
      // And its search filter finds it there.
      const found = (await there('searchHistory', {
        query: 'Lisbon',
        project: projects[0].id
      })) as SearchPage
      expect(found.results.length).toBeGreaterThan(0)
    } finally {
      await other.close()
    }
  })

  it('filter search: only hits in chats of that project', async () => {
    const project = await call<Project>('createProject', { name: 'Garden' })
    const inside = await send({ text: 'Tomato seedlings', projectId: project.id })
    await send({ text: 'Tomato soup recipe' })
    const all = await call<SearchPage>('searchHistory', { query: 'tomato' })
    expect(new Set(all.results.map((hit) => hit.conversationId)).size).toBe(2)
    const filtered = await call<SearchPage>('searchHistory', {
      query: 'tomato',
      project: project.id
    })
    expect(filtered.results.map((hit) => [hit.conversationId, hit.field])).toEqual(
      expect.arrayContaining([
        [inside.conversation.id, 'title'],
        [inside.conversation.id, 'content']
      ])
    )
    expect(filtered.results.every((hit) => hit.conversationId === inside.conversation.id)).toBe(
      true
    )
  })
})
