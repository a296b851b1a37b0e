// The IPC boundary: every payload is validated in main; a bad one gets an error result, and the
// process keeps serving.
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

let core: Core
const service = `seed-chat-test-${randomUUID()}`
beforeAll(async () => {
  core = await createCore({
    dataDir: tempDir('dispatch-'),
    secrets: createKeytarStore(service),
    emit: () => undefined
  })
})
afterAll(async () => {
  await core.close()
  await createKeytarStore(service).delete()
})

describe('dispatch', () => {
  it.each([
    ['an unknown request', 'runShell', { command: 'rm -rf /' }],
    ['a missing argument object', 'getConversation', undefined],
    ['a string id', 'getConversation', { id: '1' }],
    ['a negative id', 'deleteConversation', { id: -3 }],
    ['a fractional id', 'stopReply', { messageId: 1.5 }],
    ['an extra field', 'getConversation', { id: 1, sql: 'DROP TABLE messages' }],
    [
      'an empty message',
      'sendMessage',
      { conversationId: null, model: 'glm-4-7-251222', text: '   ' }
    ],
    ['a model id with spaces', 'sendMessage', { conversationId: null, model: 'a b', text: 'hi' }],
    ['a file: base URL', 'updateSettings', { baseURL: 'file:///etc/passwd' }],
    [
      'a plain-http base URL off this machine',
      'updateSettings',
      { baseURL: 'http://www.anyfast.ai/v1' }
    ],
    [
      'the saved key sent to a base URL the renderer names',
      'testConnection',
      { baseURL: 'https://evil.example/v1' }
    ],
    ['an unknown language', 'updateSettings', { language: 'klingon' }],
    ['a key with a newline', 'setKey', { key: 'sk-abc\ndef' }],
    ['arguments where none are taken', 'getKeyStatus', { leak: true }],
    ['an array', 'listConversations', [1, 2, 3]],
    ['null', 'setConversationModel', null]
  ])('refuses %s with invalid_input', async (_what, name, args) => {
    const result = await dispatch(core.handlers, name, args)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid_input')
      expect(result.error.message.length).toBeGreaterThan(0)
    }
  })

  it.each([
    ['updateSettings', new Date(), 'a Date'],
    ['testConnection', new Map([['key', 'x']]), 'a Map'],
    ['listConversations', new Set([1]), 'a Set'],
    ['listConversations', new Error('boom'), 'an Error'],
    ['updateSettings', /x/, 'a RegExp'],
    ['listConversations', { before: new Date() }, 'a Date'],
    ['updateSettings', { presets: [new Map()] }, 'a Map']
  ])('refuses a payload for %s that is not plain data (%s)', async (name, args, what) => {
    const result = await dispatch(core.handlers, name, args)
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: `The payload must be plain data, not ${what}.` }
    })
  })

  it('takes plain objects, including ones without a prototype', async () => {
    const args = Object.assign(Object.create(null), { limit: 5 })
    expect(await dispatch(core.handlers, 'listConversations', args)).toMatchObject({ ok: true })
  })

  it('keeps serving after malformed calls', async () => {
    await dispatch(core.handlers, 'getConversation', { id: 'nope' })
    const result = await dispatch(core.handlers, 'getSettings', undefined)
    expect(result).toEqual({
      ok: true,
      value: {
        baseURL: 'https://www.anyfast.ai/v1',
        language: 'system',
        theme: 'system',
        fontSize: 'default',
        defaultParams: {},
        presets: [],
        checkForUpdates: true,
        askShortcut: 'Alt+Shift+Space',
        captureShortcut: 'Alt+Shift+S',
        keepInTray: false,
        modelCapabilities: {}
      }
    })
  })

  it('turns a handler failure into an error result', async () => {
    const result = await dispatch(core.handlers, 'getConversation', { id: 999 })
    expect(result).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'That conversation no longer exists.' }
    })
  })

  it('strips a trailing slash from the base URL', async () => {
    const result = await dispatch(core.handlers, 'updateSettings', {
      baseURL: 'http://127.0.0.1:9/v1/'
    })
    expect(result).toMatchObject({ ok: true, value: { baseURL: 'http://127.0.0.1:9/v1' } })
  })
})
