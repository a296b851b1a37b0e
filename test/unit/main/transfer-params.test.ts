// Conversation and reply parameters travel with exports: JSON round-trips them, Markdown says them
// in people's words, and older files without them still import.
import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import * as conversations from '../../../src/main/history/conversations'
import * as messages from '../../../src/main/history/messages'
import { setReplyParams } from '../../../src/main/history/params'
import { describeParams } from '../../../src/main/history/transfer'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

const cores: Core[] = []
const services: string[] = []
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close()
  for (const service of services.splice(0)) await createKeytarStore(service).delete()
})

async function start(): Promise<Core> {
  const service = `seed-chat-test-${randomUUID()}`
  services.push(service)
  const core = await createCore({
    dataDir: tempDir('transfer-params-'),
    secrets: createKeytarStore(service),
    emit: () => undefined
  })
  cores.push(core)
  return core
}

/** A conversation with a system prompt and settings, and two replies made with different parameters. */
async function withParams(): Promise<{ core: Core; id: number }> {
  const core = await start()
  const db = core.services.db
  const conversation = conversations.createConversation(db, {
    title: 'Translate',
    model: 'doubao-seed-2.0-pro',
    now: 10
  })
  conversations.setConversationParams(db, conversation.id, {
    systemPrompt: 'Translate.\nKeep Markdown.',
    temperature: 0.3,
    thinking: 'disabled',
    historyTurns: 2
  })
  const add = (role: 'user' | 'assistant', content: string, now: number) =>
    messages.insertMessage(db, {
      conversationId: conversation.id,
      role,
      content,
      status: 'done',
      model: role === 'user' ? null : 'doubao-seed-2.0-pro',
      now
    })
  add('user', '你好', 11)
  const first = add('assistant', 'Hello', 12)
  setReplyParams(db, first.id, {
    maxTokens: 256,
    stop: ['END', '\n\n'],
    reasoningEffort: 'high',
    topP: 0.9
  })
  add('user', '谢谢', 13)
  const second = add('assistant', 'Thanks', 14)
  setReplyParams(db, second.id, {
    systemPrompt: 'Translate.\nKeep Markdown.',
    temperature: 0.3,
    thinking: 'disabled',
    historyTurns: 2
  })
  add('user', 'Old reply next', 15)
  add('assistant', 'made before parameters were recorded', 16)
  return { core, id: conversation.id }
}

describe('parameters in exports', () => {
  it('JSON: the conversation params and each reply params round-trip; importing twice adds nothing', async () => {
    const { core: source, id } = await withParams()
    const file = await source.handlers.exportHistory(undefined)
    const json = JSON.parse(file.text)
    expect(json.conversations[0].params).toEqual({
      systemPrompt: 'Translate.\nKeep Markdown.',
      temperature: 0.3,
      thinking: 'disabled',
      historyTurns: 2
    })
    expect(json.conversations[0].messages.map((m: { params: unknown }) => m.params)).toEqual([
      null,
      { maxTokens: 256, stop: ['END', '\n\n'], reasoningEffort: 'high', topP: 0.9 },
      null,
      {
        systemPrompt: 'Translate.\nKeep Markdown.',
        temperature: 0.3,
        thinking: 'disabled',
        historyTurns: 2
      },
      null,
      null
    ])

    const target = await start()
    expect(await target.handlers.importHistory({ text: file.text })).toMatchObject({
      conversationsAdded: 1,
      messagesAdded: 6
    })
    expect(await target.handlers.importHistory({ text: file.text })).toMatchObject({
      conversationsAdded: 0,
      messagesAdded: 0
    })
    const [imported] = (await target.handlers.listConversations({})).conversations
    const before = await source.handlers.getConversation({ id })
    const after = await target.handlers.getConversation({ id: imported.id })
    expect(after.conversation.params).toEqual(before.conversation.params)
    expect(after.messages.map((m) => m.params)).toEqual(before.messages.map((m) => m.params))
  })

  it('JSON of one conversation carries the same', async () => {
    const { core, id } = await withParams()
    const json = JSON.parse((await core.handlers.exportConversation({ id, format: 'json' })).text)
    expect(json.conversations[0].params.temperature).toBe(0.3)
    expect(json.conversations[0].messages[1].params.maxTokens).toBe(256)
  })

  it('an export without parameters (older app) imports with defaults; invalid ones are dropped, not fatal', async () => {
    const { core: source } = await withParams()
    const json = JSON.parse((await source.handlers.exportHistory(undefined)).text)
    delete json.conversations[0].params
    for (const message of json.conversations[0].messages) delete message.params
    const older = await start()
    expect(await older.handlers.importHistory({ text: JSON.stringify(json) })).toMatchObject({
      messagesAdded: 6
    })
    const [conversation] = (await older.handlers.listConversations({})).conversations
    expect(conversation.params).toEqual({})
    expect(
      (await older.handlers.getConversation({ id: conversation.id })).messages.every(
        (m) => m.params === null
      )
    ).toBe(true)

    const broken = JSON.parse((await source.handlers.exportHistory(undefined)).text)
    broken.conversations[0].uid = 'another'
    broken.conversations[0].params = { temperature: 7 }
    broken.conversations[0].messages.forEach((m: { uid: string; params: unknown }, i: number) => {
      m.uid = `another-${i}`
      m.params = { stop: 'not an array' }
    })
    const target = await start()
    expect(await target.handlers.importHistory({ text: JSON.stringify(broken) })).toMatchObject({
      messagesAdded: 6
    })
    const [fixed] = (await target.handlers.listConversations({})).conversations
    expect(fixed.params).toEqual({})
  })

  it("Markdown: the conversation's settings and system prompt at the top, each reply's non-default params in words", async () => {
    const { core, id } = await withParams()
    const markdown = await core.handlers.exportConversation({ id, format: 'markdown' })
    expect(markdown.text).toBe(
      [
        '# Translate',
        '',
        'Model: doubao-seed-2.0-pro',
        '',
        'Settings: temperature 0.3 · thinking off · last 2 turns of history',
        '',
        '> **System prompt**',
        '>',
        '> Translate.',
        '> Keep Markdown.',
        '',
        '## You',
        '',
        '你好',
        '',
        '## Assistant (doubao-seed-2.0-pro)',
        '',
        '_top_p 0.9 · at most 256 tokens · stops at "END", "\\n\\n" · reasoning effort high_',
        '',
        'Hello',
        '',
        '## You',
        '',
        '谢谢',
        '',
        '## Assistant (doubao-seed-2.0-pro)',
        '',
        '_temperature 0.3 · thinking off · last 2 turns of history_',
        '',
        'Thanks',
        '',
        '## You',
        '',
        'Old reply next',
        '',
        '## Assistant (doubao-seed-2.0-pro)',
        '',
        'made before parameters were recorded',
        ''
      ].join('\n')
    )
  })

  it('describeParams: nothing for defaults, a differing system prompt shortened', () => {
    expect(describeParams({})).toBe('')
    expect(describeParams({ historyTurns: 1, thinking: 'enabled' })).toBe(
      'thinking on · last turn of history'
    )
    expect(describeParams({ systemPrompt: `Be ${'very '.repeat(20)}brief.` }, 'other')).toBe(
      `system prompt “Be ${'very '.repeat(20).slice(0, 56)}…”`
    )
  })
})
