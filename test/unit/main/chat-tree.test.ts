// History as a tree, through the core against the fake provider (real HTTP, real SQLite, real
// keychain): regenerate keeps versions, edit and resend branches, Continue appends to the same
// reply, a message is deleted with what followed it, a search hit on another branch opens it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONTINUE_PROMPT } from '../../../src/main/chat/request'
import type { Core } from '../../../src/main/core'
import { currentPath, getMessage, listMessages } from '../../../src/main/history/messages'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, type ConnectedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore

beforeEach(async () => {
  connected = await connectedCore('chat-tree-')
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const MODEL = 'doubao-seed-1-6-251015'

async function send(text: string, conversationId: number | null = null) {
  const sent = await core.handlers.sendMessage({
    conversationId,
    model: MODEL,
    attachments: [],
    text
  })
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  return sent
}

/** The conversation as shown: [role, content] along the current path. */
const shown = (conversationId: number) =>
  currentPath(core.services.db, conversationId).map((m) => [m.role, m.content])
const lastBody = () => provider.chatRequests().at(-1)!.body

/** A conversation of two turns: Q1 → A1, Q2 → A2. */
async function twoTurns() {
  provider.enqueue({ kind: 'reply', content: 'A1' }, { kind: 'reply', content: 'A2' })
  const first = await send('Q1')
  const second = await send('Q2', first.conversation.id)
  return { conversationId: first.conversation.id, first, second }
}

describe('regenerate', () => {
  it('adds a version beside a reply that succeeded, keeps the old one, and the shown one is the context', async () => {
    const { conversationId, first } = await twoTurns()
    // Regenerate the first reply: a new branch from Q1.
    provider.enqueue({ kind: 'reply', content: 'A1 again' })
    const again = await core.handlers.regenerateReply({ messageId: first.assistantMessage.id })
    await core.services.chat.whenIdle(again.id)
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Q1' }])
    expect(again.parentId).toBe(first.userMessage.id)
    expect(again.versions).toEqual([first.assistantMessage.id, again.id])
    expect(shown(conversationId)).toEqual([
      ['user', 'Q1'],
      ['assistant', 'A1 again']
    ])
    // Every version is kept.
    expect(listMessages(core.services.db, conversationId).map((m) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A2',
      'A1 again'
    ])

    // The next question goes after the version shown, and that version is its context.
    provider.enqueue({ kind: 'reply', content: 'A3' })
    await send('Q3', conversationId)
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1 again' },
      { role: 'user', content: 'Q3' }
    ])

    // Switching back to the first version shows its branch again, down to its newest leaf.
    const change = await core.handlers.showVersion({ messageId: first.assistantMessage.id })
    expect(change.from).toBe(first.assistantMessage.id)
    expect(change.messages.map((m) => m.content)).toEqual(['A1', 'Q2', 'A2'])
    expect(change.messages[0].versions).toEqual([first.assistantMessage.id, again.id])
    expect(shown(conversationId).map(([, content]) => content)).toEqual(['Q1', 'A1', 'Q2', 'A2'])
    provider.enqueue({ kind: 'reply', content: 'A4' })
    await send('Q4', conversationId)
    expect(lastBody().messages.map((m: { content: string }) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A2',
      'Q4'
    ])
  })

  it('regenerates the last reply in place on the path, and Retry still replaces a failed one', async () => {
    const { conversationId, second } = await twoTurns()
    provider.enqueue({ kind: 'reply', content: 'A2 bis' })
    const again = await core.handlers.regenerateReply({ messageId: second.assistantMessage.id })
    await core.services.chat.whenIdle(again.id)
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2' }
    ])
    expect(shown(conversationId).at(-1)).toEqual(['assistant', 'A2 bis'])
    expect(getMessage(core.services.db, again.id)!.versions).toEqual([
      second.assistantMessage.id,
      again.id
    ])
    await expect(
      core.handlers.regenerateReply({ messageId: second.userMessage.id })
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('edit and resend', () => {
  it('branches at the question: the edit is a sibling with a new reply, the old branch stays reachable', async () => {
    const { conversationId, first, second } = await twoTurns()
    provider.enqueue({ kind: 'reply', content: 'A2 edited' })
    const edited = await core.handlers.editMessage({
      messageId: second.userMessage.id,
      text: 'Q2 edited'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Q1' },
      { role: 'assistant', content: 'A1' },
      { role: 'user', content: 'Q2 edited' }
    ])
    expect(edited.userMessage.parentId).toBe(first.assistantMessage.id)
    expect(edited.userMessage.versions).toEqual([second.userMessage.id, edited.userMessage.id])
    expect(shown(conversationId)).toEqual([
      ['user', 'Q1'],
      ['assistant', 'A1'],
      ['user', 'Q2 edited'],
      ['assistant', 'A2 edited']
    ])
    const back = await core.handlers.showVersion({ messageId: second.userMessage.id })
    expect(back.messages.map((m) => m.content)).toEqual(['Q2', 'A2'])
    expect(shown(conversationId).map(([, content]) => content)).toEqual(['Q1', 'A1', 'Q2', 'A2'])
  })

  it('editing the first question makes a second root; an empty edit is refused', async () => {
    const { conversationId, first } = await twoTurns()
    provider.enqueue({ kind: 'reply', content: 'Other start' })
    const edited = await core.handlers.editMessage({
      messageId: first.userMessage.id,
      text: 'Q1 bis'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Q1 bis' }])
    expect(edited.userMessage.parentId).toBeNull()
    expect(shown(conversationId)).toEqual([
      ['user', 'Q1 bis'],
      ['assistant', 'Other start']
    ])
    await expect(
      core.handlers.editMessage({ messageId: first.userMessage.id, text: '  ' })
    ).rejects.toMatchObject({
      code: 'invalid_input'
    })
    await expect(
      core.handlers.editMessage({ messageId: first.assistantMessage.id, text: 'x' })
    ).rejects.toMatchObject({
      code: 'not_found'
    })
  })
})

describe('continue', () => {
  it('appends the continuation to the same reply, asked as a plain follow-up turn', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'The first half, ',
      finishReason: 'length',
      usage: { prompt_tokens: 10, completion_tokens: 5, reasoning_tokens: 0 }
    })
    const sent = await send('Tell me everything')
    const cut = getMessage(core.services.db, sent.assistantMessage.id)!
    expect(cut).toMatchObject({ status: 'done', finishReason: 'length' })

    provider.enqueue({
      kind: 'reply',
      content: 'and the second half.',
      usage: { prompt_tokens: 20, completion_tokens: 6, reasoning_tokens: 0 }
    })
    const continued = await core.handlers.continueReply({ messageId: cut.id })
    expect(continued).toMatchObject({
      id: cut.id,
      status: 'streaming',
      finishReason: null,
      content: 'The first half, '
    })
    await core.services.chat.whenIdle(cut.id)
    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Tell me everything' },
      { role: 'assistant', content: 'The first half, ' },
      { role: 'user', content: CONTINUE_PROMPT }
    ])
    expect(CONTINUE_PROMPT).toBe('Continue exactly where you left off.')
    const whole = getMessage(core.services.db, cut.id)!
    expect(whole).toMatchObject({
      content: 'The first half, and the second half.',
      status: 'done',
      finishReason: 'stop',
      usage: { promptTokens: 20, completionTokens: 11, reasoningTokens: 0 }
    })
    // Still one reply: the continuation wrote no row.
    expect(listMessages(core.services.db, sent.conversation.id)).toHaveLength(2)
    // A reply that ended normally has nothing to continue.
    await expect(core.handlers.continueReply({ messageId: cut.id })).rejects.toMatchObject({
      code: 'invalid_input'
    })
  })

  it('continues a stopped reply too', async () => {
    provider.enqueue({ kind: 'reply', content: 'x'.repeat(400), chunkSize: 2, delayMs: 5 })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'long'
    })
    await expect
      .poll(() => getMessage(core.services.db, sent.assistantMessage.id)!.content.length)
      .toBeGreaterThan(0)
    await core.handlers.stopReply({ messageId: sent.assistantMessage.id })
    const stopped = getMessage(core.services.db, sent.assistantMessage.id)!
    expect(stopped.status).toBe('stopped')
    provider.enqueue({ kind: 'reply', content: 'END' })
    await core.handlers.continueReply({ messageId: stopped.id })
    await core.services.chat.whenIdle(stopped.id)
    expect(getMessage(core.services.db, stopped.id)).toMatchObject({
      status: 'done',
      content: `${stopped.content}END`
    })
  })

  it('counts the whole reply after continuing a stopped one, not only the continuation', async () => {
    // A stop leaves no usage (the API sends it at the end): what was written is estimated.
    provider.enqueue({ kind: 'reply', content: 'x'.repeat(400), chunkSize: 2, delayMs: 5 })
    const sent = await core.handlers.sendMessage({
      conversationId: null,
      model: MODEL,
      attachments: [],
      text: 'long'
    })
    await expect
      .poll(() => getMessage(core.services.db, sent.assistantMessage.id)!.content.length)
      .toBeGreaterThan(40)
    await core.handlers.stopReply({ messageId: sent.assistantMessage.id })
    const stopped = getMessage(core.services.db, sent.assistantMessage.id)!
    expect(stopped.usage).toBeNull()
    provider.enqueue({
      kind: 'reply',
      content: 'END',
      usage: { prompt_tokens: 150, completion_tokens: 9, reasoning_tokens: 0 }
    })
    await core.handlers.continueReply({ messageId: stopped.id })
    await core.services.chat.whenIdle(stopped.id)
    const whole = getMessage(core.services.db, stopped.id)!
    expect(whole.usage).toEqual({
      promptTokens: 150,
      completionTokens: Math.ceil(stopped.content.length / 4) + 9,
      reasoningTokens: 0
    })
  })
})

describe('reasoning time', () => {
  it('records how long the model reasoned before answering, and nothing when it did not', async () => {
    provider.enqueue({
      kind: 'reply',
      reasoning: 'abcdefgh',
      content: 'ok',
      chunkSize: 2,
      delayMs: 40
    })
    const sent = await send('think')
    const reply = getMessage(core.services.db, sent.assistantMessage.id)!
    // Four reasoning chunks 40 ms apart, then the answer.
    expect(reply.reasoningMs).toBeGreaterThanOrEqual(100)
    // Milliseconds, not seconds or microseconds (a bound a busy machine cannot miss).
    expect(reply.reasoningMs).toBeLessThan(60_000)
    provider.enqueue({ kind: 'reply', content: 'quick' })
    const plain = await send('no thinking', sent.conversation.id)
    expect(getMessage(core.services.db, plain.assistantMessage.id)!.reasoningMs).toBeNull()
  })
})

describe('delete a message', () => {
  it('a reply takes its version only; the other version is shown', async () => {
    const { conversationId, second } = await twoTurns()
    provider.enqueue({ kind: 'reply', content: 'A2 bis' })
    const again = await core.handlers.regenerateReply({ messageId: second.assistantMessage.id })
    await core.services.chat.whenIdle(again.id)
    const change = await core.handlers.deleteMessage({ messageId: again.id })
    expect(change).toMatchObject({ from: again.id, hasMore: false })
    expect(change.messages.map((m) => [m.content, m.versions])).toEqual([
      ['A2', [second.assistantMessage.id]]
    ])
    expect(shown(conversationId).map(([, content]) => content)).toEqual(['Q1', 'A1', 'Q2', 'A2'])
  })

  it('a question takes its replies and everything after it', async () => {
    const { conversationId, first, second } = await twoTurns()
    const change = await core.handlers.deleteMessage({ messageId: second.userMessage.id })
    expect(change.messages).toEqual([])
    expect(shown(conversationId).map(([, content]) => content)).toEqual(['Q1', 'A1'])
    expect(listMessages(core.services.db, conversationId)).toHaveLength(2)
    // The next question follows what is left.
    provider.enqueue({ kind: 'reply', content: 'A3' })
    await send('Q3', conversationId)
    expect(lastBody().messages.map((m: { content: string }) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q3'
    ])
    // Deleting the first question empties the conversation.
    await core.handlers.deleteMessage({ messageId: first.userMessage.id })
    expect(listMessages(core.services.db, conversationId)).toEqual([])
    const opened = await core.handlers.getConversation({ id: conversationId })
    expect(opened.messages).toEqual([])
    await expect(
      core.handlers.deleteMessage({ messageId: first.userMessage.id })
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('a question whose only reply was deleted', () => {
  it('gets a new reply through regenerateReply on the question; only while it has none', async () => {
    const { conversationId, second } = await twoTurns()
    await core.handlers.deleteMessage({ messageId: second.assistantMessage.id })
    expect(shown(conversationId).map(([, content]) => content)).toEqual(['Q1', 'A1', 'Q2'])
    provider.enqueue({ kind: 'reply', content: 'A2 again' })
    const reply = await core.handlers.regenerateReply({ messageId: second.userMessage.id })
    expect(reply).toMatchObject({ role: 'assistant', parentId: second.userMessage.id })
    await core.services.chat.whenIdle(reply.id)
    expect(shown(conversationId).map(([, content]) => content)).toEqual([
      'Q1',
      'A1',
      'Q2',
      'A2 again'
    ])
    expect(lastBody().messages.map((m: { content: string }) => m.content)).toEqual([
      'Q1',
      'A1',
      'Q2'
    ])
    // Answered now: a question is not a reply (Regenerate on the reply is the way).
    await expect(
      core.handlers.regenerateReply({ messageId: second.userMessage.id })
    ).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('search hits on another branch', () => {
  it('opening a hit that is not on the path shown switches to its newest branch', async () => {
    provider.enqueue(
      { kind: 'reply', content: 'Paris is the capital.' },
      { kind: 'reply', content: 'About 2 million.' }
    )
    const first = await send('Capital of France?')
    await send('How many people live there?', first.conversation.id)
    provider.enqueue({ kind: 'reply', content: 'Berlin, since 1990.' })
    const edited = await core.handlers.editMessage({
      messageId: first.userMessage.id,
      text: 'Capital of Germany?'
    })
    await core.services.chat.whenIdle(edited.assistantMessage.id)
    expect(shown(first.conversation.id).map(([, content]) => content)).toEqual([
      'Capital of Germany?',
      'Berlin, since 1990.'
    ])

    const hit = (await core.handlers.searchHistory({ query: 'Paris' })).results.find(
      (r) => r.messageId !== null
    )!
    expect(hit.messageId).toBe(first.assistantMessage.id)
    const opened = await core.handlers.getConversation({
      id: first.conversation.id,
      around: hit.messageId!
    })
    expect(opened.messages.map((m) => m.content)).toEqual([
      'Capital of France?',
      'Paris is the capital.',
      'How many people live there?',
      'About 2 million.'
    ])
    expect(opened.messages[0].versions).toEqual([first.userMessage.id, edited.userMessage.id])
    // The switch sticks: the next reply's context is that branch.
    provider.enqueue({ kind: 'reply', content: 'Yes.' })
    await send('Is it big?', first.conversation.id)
    expect(lastBody().messages.map((m: { content: string }) => m.content)).toEqual([
      'Capital of France?',
      'Paris is the capital.',
      'How many people live there?',
      'About 2 million.',
      'Is it big?'
    ])
  })
})

describe('export and import carry the tree', () => {
  it('round-trips parents and the current leaf; an export made before trees imports as linear', async () => {
    const { conversationId, second } = await twoTurns()
    provider.enqueue({ kind: 'reply', content: 'A2 bis' })
    const again = await core.handlers.regenerateReply({ messageId: second.assistantMessage.id })
    await core.services.chat.whenIdle(again.id)
    await core.handlers.showVersion({ messageId: second.assistantMessage.id })

    const json = await core.handlers.exportConversation({ id: conversationId, format: 'json' })
    const file = JSON.parse(json.text)
    const [exported] = file.conversations
    const uidOf = (content: string) =>
      exported.messages.find((m: { content: string }) => m.content === content).uid
    expect(exported.currentLeafUid).toBe(uidOf('A2'))
    expect(
      exported.messages.map((m: { content: string; parentUid: string | null }) => [
        m.content,
        m.parentUid
      ])
    ).toEqual([
      ['Q1', null],
      ['A1', uidOf('Q1')],
      ['Q2', uidOf('A1')],
      ['A2', uidOf('Q2')],
      ['A2 bis', uidOf('Q2')]
    ])
    // Markdown, for people, is the conversation as shown.
    const markdown = (
      await core.handlers.exportConversation({ id: conversationId, format: 'markdown' })
    ).text
    expect(markdown).toContain('A2')
    expect(markdown).not.toContain('A2 bis')

    // Into an empty history: the same tree, the same branch shown.
    await core.handlers.deleteConversation({ id: conversationId })
    await core.handlers.importHistory({ text: json.text })
    const [imported] = (await core.handlers.listConversations({})).conversations
    const page = await core.handlers.getConversation({ id: imported.id })
    expect(page.messages.map((m) => [m.content, m.versions.length])).toEqual([
      ['Q1', 1],
      ['A1', 1],
      ['Q2', 1],
      ['A2', 2]
    ])

    // An old export (no parentUid, no currentLeafUid) is a line, shown to its last message.
    const old = structuredClone(file)
    old.conversations[0].uid = 'old-conversation'
    old.conversations[0].messages = old.conversations[0].messages.map(
      ({
        parentUid: _p,
        reasoningMs: _r,
        uid,
        ...message
      }: {
        parentUid: unknown
        reasoningMs: unknown
        uid: string
      }) => ({
        ...message,
        uid: `old-${uid}`
      })
    )
    delete old.conversations[0].currentLeafUid
    await core.handlers.importHistory({ text: JSON.stringify(old) })
    const oldId = (await core.handlers.listConversations({})).conversations.find(
      (c) => c.title === imported.title && c.id !== imported.id
    )!.id
    expect(shown(oldId).map(([, content]) => content)).toEqual(['Q1', 'A1', 'Q2', 'A2', 'A2 bis'])
  })
})
