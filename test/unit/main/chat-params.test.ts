// Every request parameter on the wire: the fake provider records each body and the tests assert
// its exact top-level fields. Real HTTP, a real SQLite file and the real keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SendResult } from '../../../src/shared/types'
import type { ChatParams } from '../../../src/shared/params'
import type { Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { getMessage, listMessages } from '../../../src/main/history/messages'
import type { FakeProvider } from '../../fake-provider/server'
import { connectedCore, type ConnectedCore } from '../../fixtures/core'

let provider: FakeProvider
let core: Core
let connected: ConnectedCore

beforeEach(async () => {
  connected = await connectedCore('chat-params-', { chat: { stallTimeoutMs: 2_000 } })
  ;({ core, provider } = connected)
})
afterEach(() => connected.close())

const MODEL = 'doubao-seed-1-6-251015'
const BASE_FIELDS = ['messages', 'model', 'stream', 'stream_options']

/** Sends through dispatch (the IPC boundary's validation) and waits for the reply to end. */
async function send(args: {
  text: string
  conversationId?: number | null
  model?: string
  params?: unknown
}) {
  const result = await dispatch(core.handlers, 'sendMessage', {
    conversationId: args.conversationId ?? null,
    model: args.model ?? MODEL,
    text: args.text,
    attachments: [],
    ...(args.params !== undefined ? { params: args.params } : {})
  })
  if (!result.ok) return result
  const sent = result.value as SendResult
  await core.services.chat.whenIdle(sent.assistantMessage.id)
  return { ok: true as const, sent, reply: getMessage(core.services.db, sent.assistantMessage.id)! }
}

async function sendOk(args: Parameters<typeof send>[0]) {
  const result = await send(args)
  if (!result.ok) throw new Error(`send failed: ${JSON.stringify(result.error)}`)
  return result as Extract<Awaited<ReturnType<typeof send>>, { sent: unknown }>
}

const lastBody = () => provider.chatRequests().at(-1)!.body

describe('parameters on the wire', () => {
  it('defaults send nothing: exactly model, messages, stream, stream_options', async () => {
    await sendOk({ text: 'Hi' })
    expect(Object.keys(lastBody()).sort()).toEqual(BASE_FIELDS)
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Hi' }])
  })

  const controls: [string, ChatParams, Record<string, unknown>][] = [
    ['temperature', { temperature: 0.3 }, { temperature: 0.3 }],
    ['temperature 0', { temperature: 0 }, { temperature: 0 }],
    ['top_p', { topP: 0.85 }, { top_p: 0.85 }],
    ['max_tokens', { maxTokens: 512 }, { max_tokens: 512 }],
    ['stop as an array', { stop: ['END', '###'] }, { stop: ['END', '###'] }],
    ['thinking off', { thinking: 'disabled' }, { thinking: { type: 'disabled' } }],
    ['thinking on', { thinking: 'enabled' }, { thinking: { type: 'enabled' } }],
    ['reasoning_effort', { reasoningEffort: 'high' }, { reasoning_effort: 'high' }],
    [
      'thinking off with minimal effort',
      { thinking: 'disabled', reasoningEffort: 'minimal' },
      { thinking: { type: 'disabled' }, reasoning_effort: 'minimal' }
    ],
    [
      'every field at once',
      {
        temperature: 1.5,
        topP: 0.5,
        maxTokens: 100,
        stop: ['x'],
        thinking: 'enabled',
        reasoningEffort: 'low'
      },
      {
        temperature: 1.5,
        top_p: 0.5,
        max_tokens: 100,
        stop: ['x'],
        thinking: { type: 'enabled' },
        reasoning_effort: 'low'
      }
    ]
  ]

  it.each(controls)(
    '%s: the body has exactly that field more, with its value',
    async (_name, params, fields) => {
      const { reply, sent } = await sendOk({ text: 'Hi', params })
      const body = lastBody()
      expect(Object.keys(body).sort()).toEqual([...BASE_FIELDS, ...Object.keys(fields)].sort())
      for (const [field, value] of Object.entries(fields)) expect(body[field]).toEqual(value)
      expect(body.messages).toEqual([{ role: 'user', content: 'Hi' }])
      // The conversation keeps them, and the reply records what it was made with.
      expect(sent.conversation.params).toEqual(params)
      expect(reply.params).toEqual(params)
      expect(sent.assistantMessage.params).toEqual(params)
    }
  )

  it('the system prompt goes first as a system message, and adds no other field', async () => {
    await sendOk({
      text: 'Hi',
      params: { systemPrompt: 'You translate between Chinese and English.' }
    })
    const body = lastBody()
    expect(Object.keys(body).sort()).toEqual(BASE_FIELDS)
    expect(body.messages).toEqual([
      { role: 'system', content: 'You translate between Chinese and English.' },
      { role: 'user', content: 'Hi' }
    ])
  })

  it('historyTurns sends only the last N questions with their answers, and adds no field', async () => {
    const first = await sendOk({ text: 'Q1' })
    const id = first.sent.conversation.id
    await sendOk({ text: 'Q2', conversationId: id })
    await sendOk({ text: 'Q3', conversationId: id })
    await sendOk({
      text: 'Q4',
      conversationId: id,
      params: { historyTurns: 2, systemPrompt: 'Be brief.' }
    })
    const body = lastBody()
    expect(Object.keys(body).sort()).toEqual(BASE_FIELDS)
    const answer = 'Hello! This is the fake provider.'
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Q2' },
      { role: 'assistant', content: answer },
      { role: 'user', content: 'Q3' },
      { role: 'assistant', content: answer },
      { role: 'user', content: 'Q4' }
    ])
    // Everything is still in the history; only the request was trimmed.
    expect(listMessages(core.services.db, id)).toHaveLength(8)
  })

  it("a new chat starts from Settings' default parameters; given params win over them", async () => {
    await core.handlers.updateSettings({
      defaultParams: { temperature: 0.2, systemPrompt: 'Default prompt.' }
    })
    const plain = await sendOk({ text: 'Hi' })
    expect(lastBody().temperature).toBe(0.2)
    expect(lastBody().messages[0]).toEqual({ role: 'system', content: 'Default prompt.' })
    expect(plain.sent.conversation.params).toEqual({
      temperature: 0.2,
      systemPrompt: 'Default prompt.'
    })

    await sendOk({ text: 'Hi', params: { topP: 0.9 } })
    expect(Object.keys(lastBody()).sort()).toEqual([...BASE_FIELDS, 'top_p'])
    expect(lastBody().messages).toEqual([{ role: 'user', content: 'Hi' }])
  })

  it("an existing conversation keeps its params (Settings' defaults do not apply); sendMessage.params replaces them first", async () => {
    const first = await sendOk({ text: 'Q1', params: { temperature: 0.7 } })
    const id = first.sent.conversation.id
    await core.handlers.updateSettings({ defaultParams: { maxTokens: 5 } })
    await sendOk({ text: 'Q2', conversationId: id })
    expect(Object.keys(lastBody()).sort()).toEqual([...BASE_FIELDS, 'temperature'])

    const replaced = await sendOk({ text: 'Q3', conversationId: id, params: { stop: ['.'] } })
    expect(Object.keys(lastBody()).sort()).toEqual([...BASE_FIELDS, 'stop'].sort())
    expect(replaced.sent.conversation.params).toEqual({ stop: ['.'] })
    const replies = listMessages(core.services.db, id).filter((m) => m.role === 'assistant')
    expect(replies.map((m) => m.params)).toEqual([
      { temperature: 0.7 },
      { temperature: 0.7 },
      { stop: ['.'] }
    ])
    expect(
      listMessages(core.services.db, id)
        .filter((m) => m.role === 'user')
        .map((m) => m.params)
    ).toEqual([null, null, null])
  })

  it('setConversationParams changes what the next request carries', async () => {
    const first = await sendOk({ text: 'Q1' })
    const id = first.sent.conversation.id
    const set = await dispatch(core.handlers, 'setConversationParams', {
      id,
      params: { maxTokens: 64, thinking: 'disabled' }
    })
    expect(set.ok).toBe(true)
    await sendOk({ text: 'Q2', conversationId: id })
    expect(lastBody()).toMatchObject({ max_tokens: 64, thinking: { type: 'disabled' } })
    expect(Object.keys(lastBody()).sort()).toEqual(
      [...BASE_FIELDS, 'max_tokens', 'thinking'].sort()
    )
  })

  it("retry uses the conversation's current params and records them on the new reply", async () => {
    provider.enqueue({
      kind: 'error',
      status: 500,
      error: { message: 'boom', type: 'InternalServiceError', code: 'InternalServiceError' }
    })
    const first = await sendOk({ text: 'Q1', params: { temperature: 1 } })
    expect(first.reply.status).toBe('error')
    await core.handlers.setConversationParams({
      id: first.sent.conversation.id,
      params: { topP: 0.1 }
    })
    const reply = await core.handlers.retryReply({ messageId: first.reply.id })
    await core.services.chat.whenIdle(reply.id)
    expect(Object.keys(lastBody()).sort()).toEqual([...BASE_FIELDS, 'top_p'])
    expect(getMessage(core.services.db, reply.id)).toMatchObject({
      status: 'done',
      params: { topP: 0.1 }
    })
  })

  it('max_tokens cuts the reply: finish_reason length is recorded', async () => {
    provider.enqueue({ kind: 'reply', content: 'one two three four five six' })
    const { reply } = await sendOk({ text: 'Count', params: { maxTokens: 2 } })
    expect(reply).toMatchObject({
      status: 'done',
      content: 'one two ',
      finishReason: 'length',
      params: { maxTokens: 2 }
    })
  })
})

describe('refused before anything is sent', () => {
  const schemaRefusals: [string, unknown][] = [
    ['temperature above 2', { temperature: 2.5 }],
    ['temperature below 0', { temperature: -1 }],
    ['top_p above 1', { topP: 1.01 }],
    ['max_tokens 0', { maxTokens: 0 }],
    ['max_tokens not whole', { maxTokens: 10.5 }],
    ['five stop sequences', { stop: ['a', 'b', 'c', 'd', 'e'] }],
    ['an empty stop sequence', { stop: [''] }],
    ['an unknown thinking mode', { thinking: 'auto' }],
    ['an unknown reasoning effort', { reasoningEffort: 'extreme' }],
    ['an empty system prompt', { systemPrompt: '   ' }],
    ['historyTurns 0', { historyTurns: 0 }],
    ['an unknown parameter', { frequencyPenalty: 1 }]
  ]

  it.each(schemaRefusals)(
    '%s: invalid_input at dispatch, nothing sent, nothing stored',
    async (_name, params) => {
      const result = await send({ text: 'Hi', params })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('invalid_input')
      expect(provider.chatRequests()).toHaveLength(0)
      expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    }
  )

  const modelRefusals: [string, string, ChatParams, string, string][] = [
    [
      'reasoning_effort on glm',
      'glm-4-7-251222',
      { reasoningEffort: 'low' },
      'reasoningEffort',
      'effort_not_supported'
    ],
    [
      'reasoning_effort on 1-6-flash',
      'doubao-seed-1-6-flash-250828',
      { reasoningEffort: 'minimal' },
      'reasoningEffort',
      'effort_not_supported'
    ],
    [
      'effort high with thinking off',
      MODEL,
      { thinking: 'disabled', reasoningEffort: 'high' },
      'reasoningEffort',
      'effort_needs_minimal_without_thinking'
    ]
  ]

  it.each(modelRefusals)(
    '%s: unsupported_param naming the field, nothing sent, nothing stored',
    async (_name, model, params, field, reason) => {
      const result = await send({ text: 'Hi', model, params })
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error).toMatchObject({
          code: 'unsupported_param',
          reason,
          params: { field, model }
        })
        expect(result.error.message.length).toBeGreaterThan(0)
      }
      expect(provider.chatRequests()).toHaveLength(0)
      expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    }
  )

  it('a conversation whose params the new model refuses: refused, its messages and params untouched', async () => {
    const first = await sendOk({ text: 'Q1', params: { reasoningEffort: 'medium' } })
    const id = first.sent.conversation.id
    const result = await send({ text: 'Q2', conversationId: id, model: 'glm-4-7-251222' })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('unsupported_param')
    expect(provider.chatRequests()).toHaveLength(1)
    expect(listMessages(core.services.db, id)).toHaveLength(2)
    const after = await core.handlers.getConversation({ id })
    expect(after.conversation).toMatchObject({
      model: MODEL,
      params: { reasoningEffort: 'medium' }
    })
  })

  it('OutofContextError comes back as context_too_long with the server message', async () => {
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: {
        message: 'Total tokens of image and text exceed max message tokens.',
        type: 'BadRequest',
        code: 'OutofContextError'
      }
    })
    const { reply } = await sendOk({ text: 'A very long question' })
    expect(reply.status).toBe('error')
    expect(reply.error).toMatchObject({ code: 'context_too_long', status: 400 })
    expect(reply.error?.message).toContain('exceed max message tokens')
  })
})
