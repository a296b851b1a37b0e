// The command line as a user runs it: a child process (tsx on Node 22) against the fake provider
// over real HTTP, a temporary data folder (a real SQLite file) and, where asked, the real keychain.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createCore, type Core } from '../../../src/main/core'
import { getMessage, listMessages } from '../../../src/main/history/messages'
import { createKeytarStore } from '../../../src/main/secrets/keychain'
import { makeVideo, solidImage } from '../../fixtures/attachments/generate'
import { textImage } from '../../fixtures/attachments/textImage'
import { startFakeProvider, type FakeProvider } from '../../fake-provider/server'
import { filesHoldingKey, filesUnder, keyFormsIn } from '../../fixtures/keyForms'
import { bundleCli, ROOT, runCli, type Ran } from '../../fixtures/cli'
import { tempDir } from '../../fixtures/temp'

/** The CLI bundled once (dependencies left in node_modules): a start takes 0.4 s instead of tsx's 2 s. */
let bundle: string
const BASE_FIELDS = ['messages', 'model', 'stream', 'stream_options']
const ANSWER = 'Hello! This is the fake provider.'

// Each test starts up to four processes; on a loaded 2-core machine one start takes seconds.
vi.setConfig({ testTimeout: 120_000 })

beforeAll(async () => {
  bundle = await bundleCli('cli-')
})

let provider: FakeProvider
let dataDir: string

beforeEach(async () => {
  provider = await startFakeProvider()
  dataDir = tempDir('cli-')
})
afterEach(async () => {
  await provider.close()
})

/** Runs the CLI; never through a shell. The fake provider keeps serving meanwhile (async spawn). */
function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
  command: string[] = [process.execPath, bundle]
): Promise<Ran> {
  return runCli(command, args, { dataDir, provider, env })
}

/** The last line of stdout, parsed. */
const lastJson = (ran: Ran) => JSON.parse(ran.stdout.trimEnd().split('\n').at(-1)!)

/** Opens the same data folder as the app would, for a look at what was saved. */
async function openHistory<T>(
  look: (core: Core) => Promise<T> | T,
  connect: { apiKey: string; baseURL: string } | null = null,
  asApp = true
): Promise<T> {
  const service = `seed-chat-test-${randomUUID()}`
  const core = await createCore({
    dataDir,
    secrets: createKeytarStore(service),
    emit: () => undefined,
    besideApp: !asApp
  })
  try {
    if (connect) {
      await core.handlers.updateSettings({ baseURL: connect.baseURL })
      await core.handlers.setKey({ key: connect.apiKey })
    }
    return await look(core)
  } finally {
    await core.close()
    await createKeytarStore(service).delete()
  }
}

describe('ask', () => {
  it('runs as documented: npm run -s cli -- ask (tsx on the sources, Node 22)', async () => {
    // npm as on PATH; `npm run` puts node_modules/.bin (with the node devDependency's Node 22) first.
    const ran = await cli(
      ['run', '-s', 'cli', '--', 'ask', '--json', '--temperature', '0.1', 'Hi'],
      {},
      ['npm']
    )
    expect(ran.code).toBe(0)
    expect(lastJson(ran)).toMatchObject({ ok: true, content: ANSWER, finishReason: 'stop' })
    expect(Object.keys(provider.chatRequests()[0].body).sort()).toEqual([
      ...BASE_FIELDS,
      'temperature'
    ])
  })

  it('every flag lands in the body exactly; --json prints one JSON line; the answer is saved like the app does', async () => {
    const ran = await cli([
      'ask',
      '--model',
      'doubao-seed-2.0-pro',
      '--system',
      'Answer in one line.',
      '--temperature',
      '0.5',
      '--top-p',
      '0.9',
      '--max-tokens',
      '100',
      '--stop',
      'END',
      '--stop',
      '###',
      '--thinking',
      'off',
      '--reasoning-effort',
      'minimal',
      '--json',
      'What',
      'is',
      'a',
      'monad?'
    ])
    expect(ran.code).toBe(0)
    const body = provider.chatRequests().at(-1)!.body
    expect(Object.keys(body).sort()).toEqual(
      [
        ...BASE_FIELDS,
        'max_tokens',
        'reasoning_effort',
        'stop',
        'temperature',
        'thinking',
        'top_p'
      ].sort()
    )
    expect(body).toMatchObject({
      model: 'doubao-seed-2.0-pro',
      temperature: 0.5,
      top_p: 0.9,
      max_tokens: 100,
      stop: ['END', '###'],
      thinking: { type: 'disabled' },
      reasoning_effort: 'minimal'
    })
    expect(body.messages).toEqual([
      { role: 'system', content: 'Answer in one line.' },
      { role: 'user', content: 'What is a monad?' }
    ])
    // Only the JSON line on stdout.
    expect(ran.stdout.trimEnd().split('\n')).toHaveLength(1)
    const result = lastJson(ran)
    expect(result).toEqual({
      ok: true,
      conversationId: expect.any(Number),
      messageId: expect.any(Number),
      content: ANSWER,
      reasoning: 'The user wrote something. A short, friendly answer will do.',
      finishReason: 'stop',
      usage: {
        promptTokens: expect.any(Number),
        completionTokens: expect.any(Number),
        reasoningTokens: expect.any(Number)
      }
    })
    await openHistory(async (core) => {
      const saved = await core.handlers.getConversation({ id: result.conversationId })
      expect(saved.conversation).toMatchObject({
        title: 'What is a monad?',
        model: 'doubao-seed-2.0-pro',
        params: { temperature: 0.5 }
      })
      expect(saved.messages.map((m) => [m.role, m.content, m.status])).toEqual([
        ['user', 'What is a monad?', 'done'],
        ['assistant', ANSWER, 'done']
      ])
      expect(saved.messages[1].id).toBe(result.messageId)
      expect(saved.messages[1].params).toEqual({
        systemPrompt: 'Answer in one line.',
        temperature: 0.5,
        topP: 0.9,
        maxTokens: 100,
        stop: ['END', '###'],
        thinking: 'disabled',
        reasoningEffort: 'minimal'
      })
    })
  })

  it("parameters not given are not sent, whatever Settings' defaults say; the answer streams to stdout, reasoning to stderr", async () => {
    await openHistory((core) =>
      core.handlers.updateSettings({
        defaultParams: { temperature: 1.3, systemPrompt: 'App default.' }
      })
    )
    provider.enqueue({ kind: 'reply', reasoning: 'Thinking it over.', content: 'Plain answer.' })
    const ran = await cli(['ask', 'Hi'])
    expect(ran.code).toBe(0)
    const body = provider.chatRequests().at(-1)!.body
    expect(Object.keys(body).sort()).toEqual(BASE_FIELDS)
    expect(body).toMatchObject({
      model: 'doubao-seed-1-6-251015',
      messages: [{ role: 'user', content: 'Hi' }]
    })
    expect(ran.stdout).toBe('Plain answer.\n')
    expect(ran.stderr).toBe('Thinking it over.\n\n')
  })

  it('--conversation continues a conversation with its history; its own params stay unless flags are given', async () => {
    const first = lastJson(await cli(['ask', '--json', '--temperature', '0.2', 'First question']))
    const again = await cli([
      'ask',
      '--json',
      '--conversation',
      String(first.conversationId),
      'Second question'
    ])
    expect(again.code).toBe(0)
    let body = provider.chatRequests().at(-1)!.body
    expect(body.messages).toEqual([
      { role: 'user', content: 'First question' },
      { role: 'assistant', content: ANSWER },
      { role: 'user', content: 'Second question' }
    ])
    expect(Object.keys(body).sort()).toEqual([...BASE_FIELDS, 'temperature'])
    expect(lastJson(again).conversationId).toBe(first.conversationId)

    expect(
      (
        await cli([
          'ask',
          '--json',
          '--conversation',
          String(first.conversationId),
          '--top-p',
          '0.4',
          'Third'
        ])
      ).code
    ).toBe(0)
    body = provider.chatRequests().at(-1)!.body
    expect(Object.keys(body).sort()).toEqual([...BASE_FIELDS, 'top_p'])
  })

  it('--image sends the picture before the text', async () => {
    const file = join(dataDir, 'dot.png')
    writeFileSync(file, await solidImage(32, 32))
    const ran = await cli(['ask', '--json', '--image', file, 'What colour?'])
    expect(ran.code).toBe(0)
    const [message] = provider.chatRequests().at(-1)!.body.messages
    expect(message.content.map((part: { type: string }) => part.type)).toEqual([
      'image_url',
      'text'
    ])
    expect(message.content[0].image_url.url).toMatch(/^data:image\/png;base64,/)
  })

  it('--video with --fps sends the clip at that frame rate; a picture given as --video is refused', async () => {
    const clip = await makeVideo(dataDir, 'mp4')
    const ran = await cli(['ask', '--json', '--video', clip, '--fps', '0.5', 'What happens?'])
    expect(ran.code).toBe(0)
    const [message] = provider.chatRequests().at(-1)!.body.messages
    expect(message.content.map((part: { type: string }) => part.type)).toEqual([
      'video_url',
      'text'
    ])
    expect(message.content[0].video_url).toMatchObject({
      fps: 0.5,
      url: expect.stringMatching(/^data:video\/mp4;base64,/)
    })

    const picture = join(dataDir, 'dot.png')
    writeFileSync(picture, await solidImage(32, 32))
    const wrong = await cli(['ask', '--json', '--video', picture, 'Hi'])
    expect(wrong.code).toBe(2)
    expect(lastJson(wrong).error.code).toBe('invalid_input')
    const fps = await cli(['ask', '--json', '--video', clip, '--fps', '9', 'Hi'])
    expect(fps.code).toBe(2)
    expect(provider.chatRequests()).toHaveLength(1)
  })

  it('max_tokens cut off: exit 0, finishReason length', async () => {
    provider.enqueue({ kind: 'reply', content: 'one two three four five six' })
    const ran = await cli(['ask', '--json', '--max-tokens', '2', 'Count'])
    expect(ran.code).toBe(0)
    expect(lastJson(ran)).toMatchObject({ ok: true, content: 'one two ', finishReason: 'length' })
  })
})

describe('exit code 2: bad input, nothing sent', () => {
  const cases: [string, string[], string][] = [
    ['a temperature above 2', ['--temperature', '3'], 'invalid_input'],
    ['a temperature that is not a number', ['--temperature', 'warm'], 'invalid_input'],
    ['a fractional max_tokens', ['--max-tokens', '1.5'], 'invalid_input'],
    [
      'five stop sequences',
      ['--stop', 'a', '--stop', 'b', '--stop', 'c', '--stop', 'd', '--stop', 'e'],
      'invalid_input'
    ],
    ['an unknown thinking value', ['--thinking', 'maybe'], 'invalid_input'],
    ['an unknown reasoning effort', ['--reasoning-effort', 'max'], 'invalid_input'],
    ['an unknown flag', ['--temprature', '1'], 'invalid_input'],
    ['a model id with spaces', ['--model', 'my model'], 'invalid_input'],
    [
      'reasoning effort on a model without it',
      ['--model', 'glm-4-7-251222', '--reasoning-effort', 'low'],
      'unsupported_param'
    ],
    [
      'high effort with thinking off',
      ['--thinking', 'off', '--reasoning-effort', 'high'],
      'unsupported_param'
    ],
    ['a conversation that does not exist', ['--conversation', '999'], 'not_found'],
    ['a missing image file', ['--image', '/nonexistent/x.png'], 'invalid_input']
  ]

  it.each(cases)('%s', async (_name, flags, code) => {
    const ran = await cli(['ask', '--json', ...flags, 'Hi'])
    expect(ran.code).toBe(2)
    expect(lastJson(ran)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } })
    expect(provider.chatRequests()).toHaveLength(0)
    await openHistory(async (core) =>
      expect((await core.handlers.listConversations({})).conversations).toHaveLength(0)
    )
  })

  it('an image without text for a text-only model: attachment_refused, without --json as words on stderr', async () => {
    const file = join(dataDir, 'shot.png')
    writeFileSync(file, await solidImage(64, 64))
    const ran = await cli(['ask', '--model', 'glm-4-7-251222', '--image', file, 'What is this?'])
    expect(ran.code).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr).toMatch(
      /^Error \(attachment_refused\): No text was found in “shot\.png”, and GLM 4\.7 cannot see images\./
    )
    expect(provider.chatRequests()).toHaveLength(0)
  })

  it('--image to a text-only model sends the text read in it and says so; --ocr does it for any model', async () => {
    const file = join(dataDir, 'shot.png')
    writeFileSync(file, await textImage(['Connection timeout ERR 4021', '数据库连接超时']))
    const ran = await cli(['ask', '--model', 'glm-4-7-251222', '--image', file, '--json', 'Why?'])
    expect(ran.code).toBe(0)
    expect(ran.stderr).toBe(
      'shot.png: sent as its recognized text (glm-4-7-251222 cannot see images)\n'
    )
    expect(lastJson(ran)).toMatchObject({ ok: true })
    const [message] = provider.chatRequests().at(-1)!.body.messages
    expect(message.content).toEqual([
      {
        type: 'text',
        text: '[Text in image “shot.png”]\nConnection timeout ERR 4021\n数据库连接超时'
      },
      { type: 'text', text: 'Why?' }
    ])
    expect(JSON.stringify(provider.chatRequests().at(-1)!.body)).not.toContain('image_url')
    // The text was kept: search finds the conversation by a word only the image holds.
    const found = lastJson(await cli(['search', '--json', '数据库连接超时']))
    expect(found.results).toEqual([
      expect.objectContaining({
        conversationId: lastJson(ran).conversationId,
        field: 'image',
        snippet: expect.stringContaining('数据库连接超时')
      })
    ])
    expect(lastJson(await cli(['search', '--json', 'ERR 4021'])).results).toHaveLength(1)

    const ocr = await cli(['ask', '--image', file, '--ocr', '--json', 'Why?'])
    expect(ocr.code).toBe(0)
    expect(ocr.stderr).toBe('shot.png: sent as its recognized text (--ocr)\n')
    const body = JSON.stringify(provider.chatRequests().at(-1)!.body)
    expect(body).toContain('数据库连接超时')
    expect(body).not.toContain('image_url')
  })

  it('an empty question, an unknown command and a bad base URL', async () => {
    expect((await cli(['ask', '--json', '  '])).code).toBe(2)
    expect((await cli(['translate', 'x'])).code).toBe(2)
    const ran = await cli(['ask', '--json', 'Hi'], { SEED_CHAT_BASE_URL: 'http://example.com/v1' })
    expect(ran.code).toBe(2)
    expect(lastJson(ran).error.code).toBe('invalid_input')
    expect(provider.requests).toHaveLength(0)
  })

  it('no key anywhere: no_key', async () => {
    const ran = await cli(['ask', '--json', 'Hi'], {
      SEED_CHAT_API_KEY: undefined,
      SEED_CHAT_KEYCHAIN_SERVICE: `seed-chat-test-${randomUUID()}`
    })
    expect(ran.code).toBe(2)
    expect(lastJson(ran).error.code).toBe('no_key')
    expect(provider.requests).toHaveLength(0)
  })
})

describe('exit code 1: the API or the network failed, what arrived is kept', () => {
  it('a server error: the app’s code and status in the JSON', async () => {
    const error = {
      kind: 'error',
      status: 500,
      error: { message: 'Internal', type: 'InternalServiceError', code: 'InternalServiceError' }
    } as const
    // The SDK retries a 500 twice, as in the app.
    provider.enqueue(error, error, error)
    const ran = await cli(['ask', '--json', 'Hi'])
    expect(ran.code).toBe(1)
    expect(lastJson(ran)).toMatchObject({ ok: false, error: { code: 'server', status: 500 } })
  })

  it('a stream that breaks mid-reply keeps the part that arrived', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'The first half arrived, the rest did not.',
      failAfterChars: 14,
      failure: { mode: 'drop' },
      chunkSize: 7
    })
    const ran = await cli(['ask', '--json', 'Tell me'])
    expect(ran.code).toBe(1)
    const result = lastJson(ran)
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'stream_interrupted' },
      conversationId: expect.any(Number),
      messageId: expect.any(Number)
    })
    await openHistory((core) => {
      const saved = listMessages(core.services.db, result.conversationId)
      expect(saved.map((m) => [m.role, m.content, m.status])).toEqual([
        ['user', 'Tell me', 'done'],
        ['assistant', 'The first half', 'error']
      ])
    })
  })

  it('--stall-timeout ends a silent stream', async () => {
    provider.enqueue({
      kind: 'reply',
      content: 'Begins then stalls',
      failAfterChars: 6,
      failure: { mode: 'stall' }
    })
    const ran = await cli(['ask', '--json', '--stall-timeout', '1', 'Hi'])
    expect(ran.code).toBe(1)
    expect(lastJson(ran).error.code).toBe('stalled')
    // The limit given, not the default (no elapsed time: starting the CLI alone can take 15 s
    // on a busy machine).
    expect(lastJson(ran).error.message).toMatch(/\b1 second/)
  })

  it('the network is down', async () => {
    const ran = await cli(['ask', 'Hi'], { SEED_CHAT_BASE_URL: 'http://127.0.0.1:9/v1' })
    expect(ran.code).toBe(1)
    expect(ran.stderr).toMatch(/Error \(network\)/)
  })
})

describe('beside the running app', () => {
  it('leaves a reply the app is streaming alone', async () => {
    const streaming = await openHistory(
      async (core) => {
        const sent = await core.handlers.sendMessage({
          conversationId: null,
          model: 'doubao-seed-1-6-251015',
          text: 'App question',
          attachments: []
        })
        await core.services.chat.whenIdle(sent.assistantMessage.id)
        // As if the app were still streaming it.
        core.services.db
          .prepare("UPDATE messages SET status = 'streaming' WHERE id = ?")
          .run(sent.assistantMessage.id)
        return sent.assistantMessage.id
      },
      { apiKey: provider.apiKey, baseURL: provider.baseURL }
    )
    expect((await cli(['ask', '--json', 'CLI question'])).code).toBe(0)
    expect(
      await openHistory((core) => getMessage(core.services.db, streaming)?.status, null, false)
    ).toBe('streaming')
  })
})

describe('two processes, one folder', () => {
  it('the app starting after an unclean exit leaves the reply the CLI is streaming alone', async () => {
    let release = (): void => undefined
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    provider.enqueue({
      kind: 'reply',
      content: 'The first piece, then the rest.',
      chunkSize: 9,
      holdAfterFirstChunk: held
    })
    const child = spawn(process.execPath, [bundle, 'ask', 'CLI question'], {
      cwd: ROOT,
      env: {
        ...Object.fromEntries(
          Object.entries(process.env).filter(([name]) => !name.startsWith('SEED_CHAT_'))
        ),
        SEED_CHAT_DATA_DIR: dataDir,
        SEED_CHAT_API_KEY: provider.apiKey,
        SEED_CHAT_BASE_URL: provider.baseURL
      }
    })
    let stdout = ''
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    // The first piece printed: the reply is in the history, streaming, held by the provider.
    await new Promise<void>((resolve) =>
      child.stdout.on('data', (data: Buffer) => {
        stdout += data.toString()
        resolve()
      })
    )
    const replies = (core: Core) =>
      core.services.db
        .prepare("SELECT status, content FROM messages WHERE role = 'assistant'")
        .all()
    // No clean-close record (the app never ran here): the app recovers interrupted replies.
    expect(await openHistory(replies)).toEqual([
      { status: 'streaming', content: expect.any(String) }
    ])
    release()
    expect(await exited).toBe(0)
    expect(stdout).toContain('The first piece, then the rest.')
    expect(await openHistory(replies)).toEqual([
      { status: 'done', content: 'The first piece, then the rest.' }
    ])
  })
})

describe('the key', () => {
  it('is never printed, even when the server echoes it back', async () => {
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: {
        message: 'Bad header {authorization} for key {key}',
        type: 'BadRequest',
        code: 'InvalidParameter'
      }
    })
    const json = await cli(['ask', '--json', 'Hi'])
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: {
        message: 'Bad header {authorization} for key {key}',
        type: 'BadRequest',
        code: 'InvalidParameter'
      }
    })
    const plain = await cli(['ask', 'Hi'])
    const ok = await cli(['ask', 'Hi'])
    for (const ran of [json, plain, ok]) {
      expect(ran.stdout).not.toContain(provider.apiKey)
      expect(ran.stderr).not.toContain(provider.apiKey)
      expect(ran.stdout + ran.stderr).not.toContain(provider.apiKey.slice(-12))
    }
    expect(json.code).toBe(1)
    expect(lastJson(json).error).toMatchObject({ code: 'bad_request', status: 400 })
    expect(plain.stderr).toContain('[key removed]')
  })

  it('is in no output and no file when a normal answer echoes it: content, reasoning, finish reason', async () => {
    await provider.close()
    provider = await startFakeProvider({ apiKey: 'sk-cli/"echo"+key=0123456789abcdefGHIJ' })
    const key = provider.apiKey
    const echo = {
      kind: 'reply' as const,
      reasoning: 'I saw {authorization} and {key}.',
      content: 'Your key is {key}, sent as {authorization}. Done.',
      finishReason: '{key}',
      chunkSize: 3,
      headers: { 'x-echo': '{authorization}' }
    }
    provider.enqueue(echo, echo)
    const plain = await cli(['ask', 'Hi'])
    const json = await cli(['ask', '--json', 'Hi'])
    provider.enqueue({
      kind: 'error',
      status: 400,
      error: { message: 'Bad {authorization}', type: 'BadRequest', code: 'InvalidParameter' },
      headers: { 'x-echo': '{key}' }
    })
    const failed = await cli(['ask', 'Hi'])
    const found = await cli(['search', 'key'])
    const foundJson = await cli(['search', '--json', 'removed'])
    expect(plain.stdout).toBe('Your key is [key removed], sent as Bearer [key removed]. Done.\n')
    expect(plain.stderr).toContain('I saw Bearer [key removed] and [key removed].')
    expect(lastJson(json)).toMatchObject({ ok: true, finishReason: '[key removed]' })
    expect(failed.code).toBe(1)
    expect(found.stdout).toContain('[key removed]')
    expect(lastJson(foundJson).results.length).toBeGreaterThan(0)
    for (const ran of [plain, json, failed, found, foundJson]) {
      expect(keyFormsIn(ran.stdout, key)).toEqual([])
      expect(keyFormsIn(ran.stderr, key)).toEqual([])
    }
    expect(filesUnder(dataDir).length).toBeGreaterThan(0)
    expect(filesHoldingKey(dataDir, key)).toEqual([])
  })

  it("comes from the app's keychain entry when SEED_CHAT_API_KEY is not set", async () => {
    const service = `seed-chat-test-${randomUUID()}`
    await createKeytarStore(service).set(provider.apiKey)
    try {
      const ran = await cli(['ask', '--json', 'Hi'], {
        SEED_CHAT_API_KEY: undefined,
        SEED_CHAT_KEYCHAIN_SERVICE: service
      })
      expect(ran.code).toBe(0)
      expect(provider.chatRequests().at(-1)!.headers.authorization).toBe(
        `Bearer ${provider.apiKey}`
      )
      expect(ran.stdout + ran.stderr).not.toContain(provider.apiKey)
    } finally {
      await createKeytarStore(service).delete()
    }
  })

  it('SEED_CHAT_BASE_URL is used without changing the saved base URL', async () => {
    await openHistory((core) =>
      core.handlers.updateSettings({ baseURL: 'https://saved.example/v1' })
    )
    expect((await cli(['ask', '--json', 'Hi'])).code).toBe(0)
    expect(provider.chatRequests()).toHaveLength(1)
    expect(await openHistory((core) => core.handlers.getSettings(undefined))).toMatchObject({
      baseURL: 'https://saved.example/v1'
    })
  })
})

describe('search', () => {
  it('--json lists hits with plain-text snippets, newest first, offline', async () => {
    provider.enqueue({ kind: 'reply', content: 'Bubble sort swaps neighbours.' })
    const asked = lastJson(await cli(['ask', '--json', 'How does bubble sort work?']))
    const ran = await cli(['search', '--json', 'bubble'], {
      SEED_CHAT_API_KEY: undefined,
      SEED_CHAT_BASE_URL: 'http://127.0.0.1:9/v1'
    })
    expect(ran.code).toBe(0)
    const { results } = lastJson(ran)
    expect(results).toEqual(
      [
        {
          conversationId: asked.conversationId,
          messageId: asked.messageId,
          role: 'assistant',
          field: 'content',
          snippet: 'Bubble sort swaps neighbours.',
          createdAt: expect.any(Number),
          archived: false
        },
        {
          conversationId: asked.conversationId,
          messageId: asked.messageId - 1,
          role: 'user',
          field: 'content',
          snippet: 'How does bubble sort work?',
          createdAt: expect.any(Number),
          archived: false
        },
        {
          conversationId: asked.conversationId,
          messageId: null,
          role: null,
          field: 'title',
          snippet: 'How does bubble sort work?',
          createdAt: expect.any(Number),
          archived: false
        }
      ].sort((a, b) => (a.field === 'title' ? -1 : b.field === 'title' ? 1 : 0))
    )
    expect(provider.chatRequests()).toHaveLength(1)

    const limited = lastJson(await cli(['search', '--json', '--limit', '1', 'bubble']))
    expect(limited.results).toHaveLength(1)
    // Filters: who wrote it (a title is no one's), one conversation, pinned chats only.
    const byUser = lastJson(await cli(['search', '--json', '--role', 'user', 'bubble']))
    expect(byUser.results.map((hit: { messageId: number }) => hit.messageId)).toEqual([
      asked.messageId - 1
    ])
    const inIt = ['search', '--json', '--conversation', String(asked.conversationId), 'bubble']
    expect(lastJson(await cli(inIt)).results).toHaveLength(3)
    expect(lastJson(await cli(['search', '--json', '--pinned', 'bubble'])).results).toEqual([])
    expect((await cli(['search', '--has', 'pdf', 'bubble'])).code).toBe(2)
    const none = await cli(['search', '--json', 'zebra'])
    expect(none.code).toBe(0)
    expect(lastJson(none)).toEqual({ results: [] })
  })

  it('without --json prints one hit per entry; bad flags are exit 2', async () => {
    await cli(['ask', '--json', 'Quicksort please'])
    const ran = await cli(['search', 'quicksort'])
    expect(ran.code).toBe(0)
    expect(ran.stdout).toContain('Quicksort please')
    expect((await cli(['search', '--limit', '0', 'x'])).code).toBe(2)
    expect((await cli(['search', '--json', ''])).code).toBe(2)
  })

  it('leaves archived chats out unless --archived', async () => {
    const asked = lastJson(await cli(['ask', '--json', 'Archived walrus facts']))
    await openHistory((core) =>
      core.handlers.setConversationArchived({ id: asked.conversationId, archived: true })
    )
    expect(lastJson(await cli(['search', '--json', 'walrus']))).toEqual({ results: [] })
    const found = lastJson(await cli(['search', '--json', '--archived', 'walrus']))
    expect(found.results.length).toBeGreaterThan(0)
    for (const hit of found.results) {
      expect(hit).toMatchObject({ conversationId: asked.conversationId, archived: true })
    }
    const text = await cli(['search', '--archived', 'walrus'])
    expect(text.stdout).toContain('(user, archived)')
  })
})

describe('projects', () => {
  it('ask --project starts the chat in it with its instructions and defaults; search --project filters', async () => {
    const project = await openHistory((core) =>
      core.handlers.createProject({
        name: 'Budget 2027',
        instructions: 'Answer as our accountant.',
        defaultModel: 'doubao-seed-1-6-flash-250828',
        defaultParams: { temperature: 0.1, maxTokens: 200 }
      })
    )
    const asked = lastJson(
      await cli(['ask', '--json', '--project', 'budget 2027', '--max-tokens', '50', 'Rent budget?'])
    )
    const body = provider.chatRequests().at(-1)!.body
    expect(body.model).toBe('doubao-seed-1-6-flash-250828')
    expect(body.messages).toEqual([
      { role: 'system', content: 'Answer as our accountant.' },
      { role: 'user', content: 'Rent budget?' }
    ])
    // The project's defaults, with the flags given over them.
    expect([body.temperature, body.max_tokens]).toEqual([0.1, 50])
    const saved = await openHistory((core) =>
      core.handlers.getConversation({ id: asked.conversationId })
    )
    expect(saved.conversation.projectId).toBe(project.id)

    await cli(['ask', '--json', 'Rent budget outside the project?'])
    const all = lastJson(await cli(['search', '--json', 'rent']))
    expect(
      new Set(all.results.map((hit: { conversationId: number }) => hit.conversationId)).size
    ).toBe(2)
    const inProject = lastJson(await cli(['search', '--json', '--project', 'Budget 2027', 'rent']))
    expect(inProject.results.length).toBeGreaterThan(0)
    expect(
      inProject.results.every(
        (hit: { conversationId: number }) => hit.conversationId === asked.conversationId
      )
    ).toBe(true)
  })

  it("ask --project sends the project's files after its instructions; files past the context: exit 2, nothing sent", async () => {
    await openHistory(async (core) => {
      const { id } = await core.handlers.createProject({
        name: 'Handbook',
        instructions: 'Quote the handbook.'
      })
      await core.handlers.addProjectFile({
        projectId: id,
        name: 'leave.md',
        data: new TextEncoder().encode('Leave: 25 days a year.')
      })
      const huge = await core.handlers.createProject({ name: 'Huge' })
      await core.handlers.addProjectFile({
        projectId: huge.id,
        name: 'huge.txt',
        data: new TextEncoder().encode('word '.repeat(240_000))
      })
    })
    const asked = await cli(['ask', '--json', '--project', 'Handbook', 'How much leave?'])
    expect(asked.code).toBe(0)
    expect(provider.chatRequests().at(-1)!.body.messages).toEqual([
      {
        role: 'system',
        content: 'Quote the handbook.\n\n<file name="leave.md">\nLeave: 25 days a year.\n</file>'
      },
      { role: 'user', content: 'How much leave?' }
    ])
    const before = provider.chatRequests().length
    const tooLong = await cli(['ask', '--json', '--project', 'Huge', 'Summarize'])
    expect(tooLong.code).toBe(2)
    expect(lastJson(tooLong)).toMatchObject({
      ok: false,
      error: { code: 'attachment_refused', reason: 'document_too_long' }
    })
    expect(provider.chatRequests()).toHaveLength(before)
  })

  it('refuses a project that does not exist, and --project with --conversation: exit 2, nothing sent', async () => {
    const ask = await cli(['ask', '--project', 'Nowhere', 'Hello?'])
    expect(ask.code).toBe(2)
    expect(ask.stderr).toContain('there is no project named “Nowhere”')
    const askJson = lastJson(await cli(['ask', '--json', '--project', 'Nowhere', 'Hello?']))
    expect(askJson).toMatchObject({ ok: false, error: { code: 'not_found' } })
    const search = await cli(['search', '--project', 'Nowhere', 'hello'])
    expect(search.code).toBe(2)
    expect(search.stderr).toContain('there is no project named “Nowhere”')
    const both = await cli(['ask', '--project', 'A', '--conversation', '1', 'Hi'])
    expect(both.code).toBe(2)
    expect(both.stderr).toContain('does not go with --conversation')
    expect((await cli(['ask', '--project', ' ', 'Hi'])).code).toBe(2)
    expect(provider.chatRequests()).toHaveLength(0)
  })
})
