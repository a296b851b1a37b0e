import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import OpenAI from 'openai'
import {
  ACCOUNT_OVERDUE_ERROR,
  CAPTIVE_PORTAL_PAGE,
  completionChunk,
  DEFAULT_API_KEY,
  eventStream,
  SEED_MODELS,
  startFakeProvider,
  type FakeProvider,
  type Json,
  type Script
} from '../fake-provider/server'

const KEY = DEFAULT_API_KEY
const MODEL = 'doubao-seed-1-6-251015'

let provider: FakeProvider

beforeAll(async () => {
  provider = await startFakeProvider()
})
afterAll(async () => {
  await provider.close()
})
beforeEach(() => {
  provider.requests.length = 0
})

function post(
  body: unknown,
  init: { key?: string | null; signal?: AbortSignal; raw?: string; p?: FakeProvider } = {}
) {
  const p = init.p ?? provider
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-test': 'yes' }
  const key = init.key === undefined ? KEY : init.key
  if (key !== null) headers.authorization = `Bearer ${key}`
  return fetch(`${p.baseURL}/chat/completions`, {
    method: 'POST',
    headers,
    body: init.raw ?? JSON.stringify(body),
    signal: init.signal
  })
}

const user = (content: unknown) => ({ model: MODEL, messages: [{ role: 'user', content }] })

/** The `data:` payloads of an SSE body, in order. */
function dataLines(text: string): string[] {
  return text
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      expect(block.startsWith('data: ')).toBe(true)
      return block.slice('data: '.length)
    })
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms))])
}

/** Waits until `cond` holds, checking every few milliseconds; the test's timeout ends a wait that never ends. */
async function until(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 5))
}

describe('GET /v1/models', () => {
  it('lists the ten seed models with a valid key', async () => {
    const res = await fetch(`${provider.baseURL}/models`, {
      headers: { authorization: `Bearer ${KEY}` }
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body: Json = await res.json()
    expect(body.object).toBe('list')
    expect(body.data.map((m: { id: string }) => m.id)).toEqual([...SEED_MODELS])
    expect(body.data).toHaveLength(10)
    expect(body.data[0]).toEqual({
      id: 'doubao-seed-2.0-pro',
      object: 'model',
      created: expect.any(Number),
      owned_by: 'volcengine'
    })
    expect(provider.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/models'])
    expect(provider.chatRequests()).toEqual([])
  })

  it('answers 401 without or with a wrong key', async () => {
    const expected = {
      error: {
        message: 'The API key in the request is missing or invalid.',
        type: 'Unauthorized',
        code: 'AuthenticationError'
      }
    }
    const none = await fetch(`${provider.baseURL}/models`)
    expect(none.status).toBe(401)
    expect(await none.json()).toEqual(expected)
    const wrong = await fetch(`${provider.baseURL}/models`, {
      headers: { authorization: 'Bearer sk-wrong' }
    })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual(expected)
    const chat = await post(user('hi'), { key: 'sk-wrong' })
    expect(chat.status).toBe(401)
    expect(await chat.json()).toEqual(expected)
  })

  it('serves a custom model list', async () => {
    provider.models = ['only-model']
    try {
      const res = await fetch(`${provider.baseURL}/models`, {
        headers: { authorization: `Bearer ${KEY}` }
      })
      expect(((await res.json()) as Json).data.map((m: { id: string }) => m.id)).toEqual([
        'only-model'
      ])
      expect((await post(user('hi'))).status).toBe(404)
      expect((await post({ ...user('hi'), model: 'only-model' })).status).toBe(200)
    } finally {
      provider.models = [...SEED_MODELS]
    }
  })

  it('answers 404 JSON on unknown paths', async () => {
    const res = await fetch(`${provider.baseURL}/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${KEY}` }
    })
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({
      error: {
        message: 'The requested path /v1/embeddings was not found.',
        type: 'NotFound',
        code: 'NotFound'
      }
    })
  })
})

describe('streaming', () => {
  it('streams role, reasoning then content, finish reason, usage and [DONE]', async () => {
    provider.enqueue({
      kind: 'reply',
      reasoning: 'Think hard.',
      content: 'Hello world',
      chunkSize: 4,
      usage: { prompt_tokens: 11, completion_tokens: 7, reasoning_tokens: 3 }
    })
    const res = await post({ ...user('hi'), stream: true, stream_options: { include_usage: true } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/event-stream')
    const lines = dataLines(await res.text())
    expect(lines.at(-1)).toBe('[DONE]')
    const chunks = lines.slice(0, -1).map((l) => JSON.parse(l))
    const id = chunks[0].id
    expect(id).toMatch(/^chatcmpl-[0-9a-f]+$/)
    for (const c of chunks) {
      expect(c).toMatchObject({
        id,
        object: 'chat.completion.chunk',
        model: MODEL,
        created: expect.any(Number)
      })
    }
    expect(chunks.map((c) => c.choices[0]?.delta ?? null)).toEqual([
      { role: 'assistant', content: '', reasoning_content: 'Thin' },
      { content: '', reasoning_content: 'k ha' },
      { content: '', reasoning_content: 'rd.' },
      { content: 'Hell' },
      { content: 'o wo' },
      { content: 'rld' },
      {},
      null
    ])
    expect(chunks.slice(0, 6).every((c) => c.choices[0].finish_reason === null)).toBe(true)
    expect(chunks[6].choices).toEqual([{ index: 0, delta: {}, finish_reason: 'stop' }])
    expect(chunks[7].choices).toEqual([])
    expect(chunks[7].usage).toEqual({
      prompt_tokens: 11,
      completion_tokens: 7,
      total_tokens: 18,
      completion_tokens_details: { reasoning_tokens: 3 }
    })
  })

  it('sends no usage chunk without include_usage, nor with usage: false', async () => {
    provider.enqueue({ kind: 'reply', content: 'abc', finishReason: 'length' })
    let lines = dataLines(await (await post({ ...user('hi'), stream: true })).text())
    expect(lines).toHaveLength(3)
    expect(JSON.parse(lines[0]!).choices[0].delta).toEqual({ role: 'assistant', content: 'abc' })
    expect(JSON.parse(lines[1]!).choices[0]).toEqual({
      index: 0,
      delta: {},
      finish_reason: 'length'
    })
    expect(lines[2]).toBe('[DONE]')

    provider.enqueue({ kind: 'reply', content: 'abc', usage: false })
    lines = dataLines(
      await (
        await post({ ...user('hi'), stream: true, stream_options: { include_usage: true } })
      ).text()
    )
    expect(lines).toHaveLength(3)
    expect(lines.some((l) => l.includes('usage'))).toBe(false)
  })

  it('estimates usage from the request and reply when not scripted', async () => {
    provider.enqueue({ kind: 'reply', reasoning: '12345678', content: '123456789' })
    const lines = dataLines(
      await (
        await post({ ...user('12345678'), stream: true, stream_options: { include_usage: true } })
      ).text()
    )
    // prompt: ceil(8/4) + 4 per message; reasoning ceil(8/4)=2; completion ceil(9/4)=3 + 2
    expect(JSON.parse(lines.at(-2)!).usage).toEqual({
      prompt_tokens: 6,
      completion_tokens: 5,
      total_tokens: 11,
      completion_tokens_details: { reasoning_tokens: 2 }
    })
  })

  it('splits by code points, never inside a surrogate pair', async () => {
    provider.enqueue({ kind: 'reply', content: 'a😀b🎉', chunkSize: 1 })
    const lines = dataLines(await (await post({ ...user('hi'), stream: true })).text())
    const pieces = lines.slice(0, -2).map((l) => JSON.parse(l).choices[0].delta.content)
    expect(pieces).toEqual(['a', '😀', 'b', '🎉'])
  })

  it('waits delayMs between chunks', async () => {
    provider.enqueue({ kind: 'reply', content: 'abcd', chunkSize: 1, delayMs: 40 })
    const t0 = Date.now()
    await (await post({ ...user('hi'), stream: true })).text()
    // 3 gaps between the 4 content chunks + 1 before the finish chunk
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150)
  })

  it('takes enqueued scripts in order, then the default script', async () => {
    provider.enqueue({ kind: 'reply', content: 'one' }, { kind: 'reply', content: 'two' })
    const contents: string[] = []
    for (let i = 0; i < 3; i++) {
      const body: Json = await (await post(user('hi'))).json()
      contents.push(body.choices[0].message.content)
    }
    expect(contents).toEqual(['one', 'two', 'Hello! This is the fake provider.'])
  })

  it('works with the openai SDK', async () => {
    const client = new OpenAI({ apiKey: KEY, baseURL: provider.baseURL, maxRetries: 0 })
    provider.enqueue({
      kind: 'reply',
      reasoning: 'Hmm, 2+2.',
      content: 'It is **4**.',
      chunkSize: 2
    })
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'What is 2+2?' }],
      stream: true,
      stream_options: { include_usage: true }
    })
    let reasoning = ''
    let content = ''
    let finish: string | null = null
    let usage: unknown
    for await (const chunk of stream) {
      const choice = chunk.choices[0]
      if (choice) {
        const delta = choice.delta as { content?: string | null; reasoning_content?: string }
        reasoning += delta.reasoning_content ?? ''
        content += delta.content ?? ''
        finish = choice.finish_reason ?? finish
      }
      if (chunk.usage) usage = chunk.usage
    }
    expect(reasoning).toBe('Hmm, 2+2.')
    expect(content).toBe('It is **4**.')
    expect(finish).toBe('stop')
    expect(usage).toMatchObject({ completion_tokens_details: { reasoning_tokens: 3 } })

    provider.enqueue({
      kind: 'error',
      status: 429,
      error: {
        message: 'Slow down',
        type: 'TooManyRequests',
        code: 'RateLimitExceeded.EndpointRPMExceeded'
      }
    })
    const err = await client.chat.completions
      .create({ model: MODEL, messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OpenAI.APIError)
    expect(err).toMatchObject({
      status: 429,
      code: 'RateLimitExceeded.EndpointRPMExceeded',
      type: 'TooManyRequests'
    })
  })
})

describe('non-stream', () => {
  it('returns a chat.completion body', async () => {
    provider.enqueue({
      kind: 'reply',
      reasoning: 'Because.',
      content: 'Answer',
      finishReason: 'content_filter',
      usage: { prompt_tokens: 100, completion_tokens: 20, reasoning_tokens: 5 }
    })
    const res = await post(user('q'))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json')
    const body: Json = await res.json()
    expect(body).toEqual({
      id: expect.stringMatching(/^chatcmpl-[0-9a-f]+$/),
      object: 'chat.completion',
      created: expect.any(Number),
      model: MODEL,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Answer', reasoning_content: 'Because.' },
          finish_reason: 'content_filter'
        }
      ],
      usage: {
        prompt_tokens: 100,
        completion_tokens: 20,
        total_tokens: 120,
        completion_tokens_details: { reasoning_tokens: 5 }
      }
    })
    expect(Math.abs(body.created - Date.now() / 1000)).toBeLessThan(5)
  })

  it('omits reasoning_content without reasoning and usage when usage is false', async () => {
    provider.enqueue({ kind: 'reply', content: 'plain', usage: false })
    const body: Json = await (await post({ ...user('q'), stream: false })).json()
    expect(body.choices[0].message).toEqual({ role: 'assistant', content: 'plain' })
    expect('usage' in body).toBe(false)
  })
})

describe('validation', () => {
  const PNG = `data:image/png;base64,${Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).toString('base64')}`
  const JPEG_LABELLED_PNG = PNG.replace('image/png', 'image/jpeg')
  const bad = (param: string) => ({
    status: 400,
    type: 'BadRequest',
    code: 'InvalidParameter',
    param
  })
  const img = (image_url: unknown) => user([{ type: 'image_url', image_url }])
  const vid = (video_url: unknown) => user([{ type: 'video_url', video_url }])

  const cases: Array<
    [string, unknown, { status: number; type: string; code: string; param?: string }]
  > = [
    ['model missing', { messages: [{ role: 'user', content: 'x' }] }, bad('model')],
    ['messages missing', { model: MODEL }, bad('messages')],
    ['messages empty', { model: MODEL, messages: [] }, bad('messages')],
    [
      'message without role',
      { model: MODEL, messages: [{ content: 'x' }] },
      bad('messages[0].role')
    ],
    [
      'message with unknown role',
      { model: MODEL, messages: [{ role: 'robot', content: 'x' }] },
      bad('messages[0].role')
    ],
    [
      'message without content',
      { model: MODEL, messages: [{ role: 'system', content: 's' }, { role: 'user' }] },
      bad('messages[1].content')
    ],
    [
      'max_tokens with max_completion_tokens',
      { ...user('x'), max_tokens: 10, max_completion_tokens: 10 },
      bad('max_tokens')
    ],
    ['max_tokens 0', { ...user('x'), max_tokens: 0 }, bad('max_tokens')],
    [
      'max_completion_tokens too big',
      { ...user('x'), max_completion_tokens: 65537 },
      bad('max_completion_tokens')
    ],
    ['temperature > 2', { ...user('x'), temperature: 2.01 }, bad('temperature')],
    ['temperature < 0', { ...user('x'), temperature: -0.1 }, bad('temperature')],
    ['top_p > 1', { ...user('x'), top_p: 1.5 }, bad('top_p')],
    ['stop with 5 strings', { ...user('x'), stop: ['a', 'b', 'c', 'd', 'e'] }, bad('stop')],
    ['unknown part type', user([{ type: 'audio', audio: {} }]), bad('messages[0].content[0].type')],
    ['text part without text', user([{ type: 'text' }]), bad('messages[0].content[0].text')],
    ['image_url without url', img({}), bad('messages[0].content[0].image_url.url')],
    [
      'image data URL of the wrong format',
      img({ url: JPEG_LABELLED_PNG }),
      bad('messages[0].content[0].image_url.url')
    ],
    [
      'image format not lowercase',
      img({ url: PNG.replace('image/png', 'image/PNG') }),
      bad('messages[0].content[0].image_url.url')
    ],
    [
      'video fps > 5',
      vid({ url: 'https://x/v.mp4', fps: 6 }),
      bad('messages[0].content[0].video_url.fps')
    ],
    [
      'video fps < 0.2',
      vid({ url: 'https://x/v.mp4', fps: 0.1 }),
      bad('messages[0].content[0].video_url.fps')
    ],
    [
      'webm video',
      vid({ url: 'data:video/webm;base64,AAAA' }),
      bad('messages[0].content[0].video_url.url')
    ],
    [
      'reasoning_effort on glm',
      { ...user('x'), model: 'glm-4-7-251222', reasoning_effort: 'low' },
      bad('reasoning_effort')
    ],
    [
      'reasoning_effort high with thinking disabled',
      { ...user('x'), thinking: { type: 'disabled' }, reasoning_effort: 'high' },
      bad('reasoning_effort')
    ],
    [
      'thinking auto on a seed model',
      { ...user('x'), thinking: { type: 'auto' } },
      bad('thinking.type')
    ],
    ['max_tokens not whole', { ...user('x'), max_tokens: 1.5 }, bad('max_tokens')],
    ['temperature as text', { ...user('x'), temperature: '1' }, bad('temperature')],
    ['top_p < 0', { ...user('x'), top_p: -0.01 }, bad('top_p')],
    ['stop with a number', { ...user('x'), stop: ['a', 1] }, bad('stop')],
    [
      'thinking type unknown',
      { ...user('x'), thinking: { type: 'sometimes' } },
      bad('thinking.type')
    ],
    ['thinking as a string', { ...user('x'), thinking: 'enabled' }, bad('thinking.type')],
    [
      'reasoning_effort unknown',
      { ...user('x'), reasoning_effort: 'extreme' },
      bad('reasoning_effort')
    ]
  ]

  it.each(cases)('%s', async (_name, body, expected) => {
    const res = await post(body)
    expect(res.status).toBe(expected.status)
    expect(res.headers.get('content-type')).toBe('application/json')
    const json: Json = await res.json()
    const { status: _s, ...error } = expected
    expect(json).toEqual({ error: { ...error, message: expect.any(String) } })
    if (expected.param) expect(json.error.message).toContain(`\`${expected.param}\``)
  })

  it('rejects invalid JSON', async () => {
    const res = await post(undefined, { raw: '{"model": ' })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: {
        message: 'The request body is not valid JSON.',
        type: 'BadRequest',
        code: 'InvalidParameter'
      }
    })
    expect(provider.chatRequests()[0]!.body).toBeUndefined()
  })

  it('answers 404 for an unknown model', async () => {
    const res = await post({ ...user('x'), model: 'gpt-4o' })
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual({
      error: {
        message: 'The model or endpoint gpt-4o does not exist or you do not have access to it.',
        type: 'NotFound',
        code: 'InvalidEndpointOrModel.NotFound'
      }
    })
  })

  it('accepts boundary values and every part type', async () => {
    const body = {
      model: 'doubao-seed-2.0-pro',
      messages: [
        { role: 'system', content: 'be nice' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: PNG, detail: 'high' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
            { type: 'video_url', video_url: { url: 'https://example.com/a.mp4', fps: 0.2 } },
            {
              type: 'video_url',
              video_url: { url: 'data:video/mp4;base64,AAAAIGZ0eXBpc29t', fps: 5 }
            }
          ]
        },
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'again' }
      ],
      temperature: 2,
      top_p: 0,
      stop: ['a', 'b', 'c', 'd'],
      max_completion_tokens: 65536,
      thinking: { type: 'disabled' },
      reasoning_effort: 'minimal'
    }
    const res = await post(body)
    expect(res.status).toBe(200)
    expect(provider.chatRequests()[0]!.body).toEqual(body)
  })

  it('checks auth, then the body, then the script (invalid requests do not consume scripts)', async () => {
    provider.enqueue({
      kind: 'error',
      status: 503,
      error: { message: 'busy', type: 'ServiceUnavailable', code: 'ServerOverloaded' }
    })
    expect((await post({ model: MODEL }, { key: null })).status).toBe(401)
    expect((await post({ model: MODEL })).status).toBe(400)
    const res = await post(user('x'))
    expect(res.status).toBe(503)
    expect((await post(user('x'))).status).toBe(200)
  })
})

describe('max_tokens and stop', () => {
  const streamed = async (body: Record<string, unknown>) => {
    const res = await post({
      ...user('x'),
      ...body,
      stream: true,
      stream_options: { include_usage: true }
    })
    expect(res.status).toBe(200)
    const chunks = dataLines(await res.text())
      .slice(0, -1)
      .map((l) => JSON.parse(l))
    return {
      content: chunks.map((c) => c.choices[0]?.delta?.content ?? '').join(''),
      reasoning: chunks.map((c) => c.choices[0]?.delta?.reasoning_content ?? '').join(''),
      finishReason: chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason,
      usage: chunks.at(-1).usage
    }
  }

  it('max_tokens cuts the content (4 code points a token) with finish_reason length; reasoning is not cut', async () => {
    provider.enqueue({
      kind: 'reply',
      reasoning: 'Long thoughts here.',
      content: 'one two three four five',
      usage: { reasoning_tokens: 0 }
    })
    expect(await streamed({ max_tokens: 2 })).toMatchObject({
      content: 'one two ',
      reasoning: 'Long thoughts here.',
      finishReason: 'length',
      usage: { completion_tokens: 2 }
    })
  })

  it('max_tokens that the reply fits in changes nothing', async () => {
    provider.enqueue({ kind: 'reply', content: 'short' })
    expect(await streamed({ max_tokens: 2 })).toMatchObject({
      content: 'short',
      finishReason: 'stop'
    })
  })

  it('stop ends the content before the first stop sequence found, with finish_reason stop', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'alpha, beta; gamma. delta',
      finishReason: 'length'
    })
    expect(await streamed({ stop: ['.', ';'] })).toMatchObject({
      content: 'alpha, beta',
      finishReason: 'stop'
    })
    provider.enqueue({ kind: 'reply', content: 'alpha, beta; gamma' })
    expect(await streamed({ stop: 'gam' })).toMatchObject({
      content: 'alpha, beta; ',
      finishReason: 'stop'
    })
  })

  it('the non-stream answer is cut the same way', async () => {
    provider.enqueue({ kind: 'reply', content: 'one two three four five' })
    const json = (await (await post({ ...user('x'), max_tokens: 1 })).json()) as Json
    expect(json.choices[0]).toMatchObject({ message: { content: 'one ' }, finish_reason: 'length' })
  })
})

describe('scripted errors', () => {
  it('returns a 429 with Retry-After', async () => {
    provider.enqueue({
      kind: 'error',
      status: 429,
      retryAfter: '2',
      error: { message: 'Rate limit exceeded', type: 'TooManyRequests', code: 'RateLimitExceeded' }
    })
    const res = await post({ ...user('x'), stream: true })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(res.headers.get('content-type')).toBe('application/json')
    expect(await res.json()).toEqual({
      error: { message: 'Rate limit exceeded', type: 'TooManyRequests', code: 'RateLimitExceeded' }
    })
    expect(provider.chatRequests()).toHaveLength(1)
  })
})

describe('broken and hostile servers', () => {
  it('keepAlive: ": ping" comments before the reply', async () => {
    provider.enqueue({ kind: 'reply', content: 'ok', keepAlive: { everyMs: 20, forMs: 100 } })
    const startedAt = Date.now()
    const text = await (await post({ ...user('x'), stream: true })).text()
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100)
    expect(text.startsWith(': ping\n\n')).toBe(true)
    expect(text.match(/^: ping$/gm)!.length).toBeGreaterThanOrEqual(3)
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true)
  })

  it('raw: any status, content type and body, in slices', async () => {
    const body = Buffer.from('x'.repeat(200_000))
    provider.enqueue({ kind: 'raw', status: 203, contentType: 'text/html', body, chunkBytes: 1000 })
    const res = await post({ ...user('x'), stream: true })
    expect(res.status).toBe(203)
    expect(res.headers.get('content-type')).toBe('text/html')
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true)
    provider.enqueue({ kind: 'raw', body: 'plain' })
    const bare = await post(user('x'))
    expect(bare.headers.get('content-type')).toBeNull()
    expect(await bare.text()).toBe('plain')
  })

  it('eventStream and completionChunk build a stream the SDK reads', async () => {
    provider.enqueue({
      kind: 'raw',
      contentType: 'text/event-stream',
      body: eventStream([
        completionChunk({ role: 'assistant', content: 'hi' }),
        completionChunk({}, 'stop')
      ])
    })
    const client = new OpenAI({ apiKey: KEY, baseURL: provider.baseURL, maxRetries: 0 })
    const chunks = []
    for await (const chunk of await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'x' }],
      stream: true
    })) {
      chunks.push(chunk.choices[0])
    }
    expect(chunks.map((c) => [c?.delta.content, c?.finish_reason])).toEqual([
      ['hi', null],
      [undefined, 'stop']
    ])
  })

  it('error scripts echo the Authorization header and the key where asked', async () => {
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: {
        message: 'bad header {authorization}',
        type: 'BadRequest',
        code: 'InvalidParameter',
        param: '{key}'
      }
    })
    const res = await post(user('x'))
    expect(await res.json()).toEqual({
      error: {
        message: `bad header Bearer ${KEY}`,
        type: 'BadRequest',
        code: 'InvalidParameter',
        param: KEY
      }
    })
  })

  it('the 401 body can echo the wrong key', async () => {
    const p = await startFakeProvider()
    try {
      p.unauthorizedError = {
        message: 'unknown key {key}',
        type: 'Unauthorized',
        code: 'AuthenticationError'
      }
      const res = await post(user('x'), { p, key: 'sk-guess' })
      expect(res.status).toBe(401)
      expect(((await res.json()) as Json).error.message).toBe('unknown key sk-guess')
    } finally {
      await p.close()
    }
  })

  it('enqueueModels: GET /models answers with the next script, then the list again', async () => {
    provider.enqueueModels(
      { kind: 'raw', contentType: 'text/html', body: CAPTIVE_PORTAL_PAGE },
      { kind: 'error', status: 403, error: ACCOUNT_OVERDUE_ERROR }
    )
    const get = () =>
      fetch(`${provider.baseURL}/models`, { headers: { authorization: `Bearer ${KEY}` } })
    const portal = await get()
    expect([portal.status, portal.headers.get('content-type'), await portal.text()]).toEqual([
      200,
      'text/html',
      CAPTIVE_PORTAL_PAGE
    ])
    const overdue = await get()
    expect([overdue.status, ((await overdue.json()) as Json).error.code]).toEqual([
      403,
      'AccountOverdueError'
    ])
    const list = await get()
    expect(((await list.json()) as Json).data).toHaveLength(SEED_MODELS.length)
  })
})

describe('failures', () => {
  const base: Script = { kind: 'reply', reasoning: 'abcdef', content: 'ghijkl', chunkSize: 4 }

  it('drop: the client sees the body error after the partial data', async () => {
    provider.enqueue({ ...base, failAfterChars: 8, failure: { mode: 'drop' } })
    const res = await post({ ...user('x'), stream: true })
    expect(res.status).toBe(200)
    const reader = res.body!.getReader()
    const decoder = new TextDecoder()
    let text = ''
    const error = await (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read()
          if (done) return null
          text += decoder.decode(value, { stream: true })
        }
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(Error)
    // exactly 8 chars were sent: 'abcd', 'ef', 'gh'
    const deltas = dataLines(text).map((l) => JSON.parse(l).choices[0].delta)
    expect(deltas.map((d) => d.reasoning_content ?? d.content)).toEqual(['abcd', 'ef', 'gh'])
    await until(() => provider.chatRequests().length === 1)
    expect(provider.chatRequests()[0]!.aborted).toBe(false)
  })

  it('malformed: a broken data line, then the end without [DONE]', async () => {
    provider.enqueue({ ...base, failAfterChars: 4, failure: { mode: 'malformed' } })
    const lines = dataLines(await (await post({ ...user('x'), stream: true })).text())
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[0]!).choices[0].delta.reasoning_content).toBe('abcd')
    expect(lines[1]).toBe('{"id": broken')
    expect(() => JSON.parse(lines[1]!)).toThrow()
  })

  it('error-event: an error line after the content, then the end', async () => {
    provider.enqueue({ ...base, failure: { mode: 'error-event' } })
    const lines = dataLines(await (await post({ ...user('x'), stream: true })).text())
    expect(
      lines
        .slice(0, -1)
        .map(
          (l) =>
            JSON.parse(l).choices[0].delta.reasoning_content ??
            JSON.parse(l).choices[0].delta.content
        )
    ).toEqual(['abcd', 'ef', 'ghij', 'kl'])
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      error: {
        message: 'The service encountered an unexpected internal error.',
        type: 'InternalServiceError',
        code: 'InternalServiceError'
      }
    })

    const custom = {
      message: 'Output blocked',
      type: 'BadRequest',
      code: 'OutputTextSensitiveContentDetected'
    }
    provider.enqueue({
      ...base,
      failAfterChars: 0,
      failure: { mode: 'error-event', error: custom }
    })
    expect(dataLines(await (await post({ ...user('x'), stream: true })).text())).toEqual([
      JSON.stringify({ error: custom })
    ])
  })

  it('stall: no more data arrives until the server closes', async () => {
    const own = await startFakeProvider()
    try {
      own.enqueue({ ...base, failAfterChars: 2, failure: { mode: 'stall' } })
      const res = await post({ ...user('x'), stream: true }, { p: own })
      const reader = res.body!.getReader()
      const first = await reader.read()
      expect(new TextDecoder().decode(first.value)).toContain('"reasoning_content":"ab"')
      expect(await withTimeout(reader.read(), 250)).toBe('timeout')
      const pending = reader.read().then(
        (r) => (r.done ? 'done' : 'data'),
        () => 'error'
      )
      await own.close()
      expect(['done', 'error']).toContain(await withTimeout(pending, 1000))
      expect(own.chatRequests()[0]!.aborted).toBe(false)
    } finally {
      await own.close()
    }
  })

  it('non-stream error-event answers 500 with the error body', async () => {
    provider.enqueue({ ...base, failure: { mode: 'error-event' } })
    const res = await post(user('x'))
    expect(res.status).toBe(500)
    expect(((await res.json()) as Json).error.code).toBe('InternalServiceError')
  })
})

describe('recording', () => {
  it('records method, path, lower-case headers and the parsed body', async () => {
    const body = { ...user('record me'), stream: false }
    await (await post(body)).json()
    await (
      await fetch(`${provider.baseURL}/models`, {
        headers: { Authorization: `Bearer ${KEY}`, 'X-Custom': 'Value' }
      })
    ).json()
    expect(provider.requests).toHaveLength(2)
    const [chat, models] = provider.requests
    expect(chat).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body,
      aborted: false
    })
    expect(chat!.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(chat!.headers['content-type']).toBe('application/json')
    expect(chat!.headers['x-test']).toBe('yes')
    expect(models).toMatchObject({
      method: 'GET',
      path: '/v1/models',
      body: undefined,
      aborted: false
    })
    expect(models!.headers['x-custom']).toBe('Value')
    expect(provider.chatRequests()).toEqual([chat])
  })

  it('marks a request aborted when the client aborts mid-stream', async () => {
    provider.enqueue({ kind: 'reply', content: 'x'.repeat(200), chunkSize: 1, delayMs: 10 })
    const ac = new AbortController()
    const res = await post({ ...user('x'), stream: true }, { signal: ac.signal })
    const reader = res.body!.getReader()
    await reader.read()
    await provider.waitForRequests(1)
    expect(provider.chatRequests()[0]!.aborted).toBe(false)
    ac.abort()
    await until(() => provider.chatRequests()[0]!.aborted)
    expect(provider.chatRequests()[0]!.aborted).toBe(true)
  })

  it('waitForRequests resolves on the count and rejects on timeout', async () => {
    const waiting = provider.waitForRequests(2)
    await (await post(user('1'))).json()
    await (await post(user('2'))).json()
    await expect(waiting).resolves.toBeUndefined()
    await expect(provider.waitForRequests(3, 50)).rejects.toThrow(/expected 3 chat requests, got 2/)
  })
})
