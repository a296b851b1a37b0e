// Errors the UI words in its own language: schema refusals, network failures and the import check
// carry a reason (issue 15, bug 8); main's English message stays for the logs, without glue.
import { randomUUID } from 'node:crypto'
import { APIConnectionError } from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { toAppError } from '../../../src/main/chat/apiErrors'
import { createCore, type Core } from '../../../src/main/core'
import { dispatch } from '../../../src/main/dispatch'
import type { AppError } from '../../../src/main/errors'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { tempDir } from '../../fixtures/temp'

let core: Core
const service = `seed-chat-test-${randomUUID()}`
beforeAll(async () => {
  core = await createCore({
    dataDir: tempDir('reasons-'),
    secrets: createKeytarStore(service),
    emit: () => undefined
  })
})
afterAll(async () => {
  await core.close()
  await createKeytarStore(service).delete()
})

describe('schema refusals carry a reason', () => {
  it('the https rule for the base URL', async () => {
    const result = await dispatch(core.handlers, 'updateSettings', {
      baseURL: 'http://example.com/v1'
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'base_url_https' }
    })
  })

  it('a new base URL without its key', async () => {
    const result = await dispatch(core.handlers, 'testConnection', {
      baseURL: 'https://example.com/v1'
    })
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'base_url_needs_key' }
    })
  })

  it('a file that is not an export, and one that is not JSON', async () => {
    expect(
      await dispatch(core.handlers, 'importHistory', { text: '{"format": "other"}' })
    ).toMatchObject({ ok: false, error: { code: 'import_failed', reason: 'not_export' } })
    expect(await dispatch(core.handlers, 'importHistory', { text: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'import_failed', reason: 'not_json', message: 'The file is not JSON.' }
    })
  })
})

function socketError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code })
}

describe('network errors', () => {
  it('joins "Connection error." and its cause without glue, and names the cause', () => {
    const refused = new APIConnectionError({
      cause: new TypeError('fetch failed', {
        cause: socketError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED')
      })
    })
    const mapped = toAppError(refused, false, 'sk-x') as AppError
    expect(mapped.code).toBe('network')
    expect(mapped.message).toBe('Connection error: fetch failed')
    expect(mapped.reason).toBe('connection_refused')

    const plain = toAppError(
      new APIConnectionError({ cause: new TypeError('fetch failed') }),
      false,
      'sk-x'
    ) as AppError
    expect(plain.message).toBe('Connection error: fetch failed')
    expect(plain.reason).toBe('unreachable')
  })

  it('a stream cut by the server is connection_closed', () => {
    const cut = new TypeError('terminated', {
      cause: socketError('other side closed', 'UND_ERR_SOCKET')
    })
    const mapped = toAppError(cut, true, 'sk-x') as AppError
    expect(mapped.code).toBe('stream_interrupted')
    expect(mapped.message).toBe('terminated: other side closed')
    expect(mapped.reason).toBe('connection_closed')
  })
})
