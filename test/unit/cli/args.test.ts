import { describe, expect, it } from 'vitest'
import { dataDir, parseAsk, parseSearch, UsageError } from '../../../src/cli/args'

describe('the CLI data folder', () => {
  it('is SEED_CHAT_DATA_DIR, else the app’s own folder on each platform', () => {
    expect(dataDir({ SEED_CHAT_DATA_DIR: '/tmp/x' }, 'linux', '/home/u')).toBe('/tmp/x')
    expect(dataDir({}, 'linux', '/home/u')).toBe('/home/u/.config/Seed Chat')
    expect(dataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe('/cfg/Seed Chat')
    expect(dataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Seed Chat')
  })
})

describe('ask flags', () => {
  it('read into the app’s parameters; nothing given = nothing', () => {
    expect(parseAsk(['hello', 'world'])).toMatchObject({
      question: 'hello world',
      params: {},
      paramsGiven: false,
      json: false,
      ocr: false
    })
    expect(parseAsk(['--image', 'shot.png', '--ocr'])).toMatchObject({
      question: '',
      images: ['shot.png'],
      ocr: true
    })
    expect(
      parseAsk([
        '--thinking',
        'on',
        '--stop',
        'a',
        '--stop',
        'b',
        '--fps',
        '0.5',
        '--video',
        'v.mp4',
        'q'
      ])
    ).toMatchObject({
      params: { thinking: 'enabled', stop: ['a', 'b'] },
      paramsGiven: true,
      fps: 0.5,
      videos: ['v.mp4']
    })
  })

  it('refuse what is not a valid value, naming the flag', () => {
    expect(() => parseAsk(['--top-p', '2', 'q'])).toThrow(
      new UsageError('--top-p: top_p is 0 to 1.')
    )
    expect(() => parseAsk(['--max-tokens', '0', 'q'])).toThrow(
      /--max-tokens: max_tokens is at least 1/
    )
    expect(() => parseAsk(['--stall-timeout', '0', 'q'])).toThrow(/--stall-timeout/)
    expect(() => parseAsk(['--conversation', 'abc', 'q'])).toThrow(/--conversation/)
    expect(() => parseAsk(['--system', '  ', 'q'])).toThrow(/--system: the system prompt is empty/)
    expect(() => parseSearch(['--limit', '2000', 'q'])).toThrow(/--limit/)
  })

  it('search takes --archived to include archived chats', () => {
    expect(parseSearch(['--archived', 'q'])).toMatchObject({ query: 'q', archived: true })
    expect(parseSearch(['q'])).toMatchObject({ query: 'q', archived: false })
  })

  it('search takes the filters the app has, as the app takes them', () => {
    expect(parseSearch(['q']).filters).toEqual({})
    const options = parseSearch([
      '--model',
      'doubao-seed-2.0-pro',
      '--role',
      'user',
      '--after',
      '2025-06-01',
      '--before',
      '2025-07-01',
      '--conversation',
      '12',
      '--pinned',
      '--has',
      'image',
      '数据'
    ])
    expect(options.query).toBe('数据')
    expect(options.filters).toEqual({
      model: 'doubao-seed-2.0-pro',
      role: 'user',
      from: new Date(2025, 5, 1).getTime(),
      to: new Date(2025, 6, 1).getTime(),
      conversation: 12,
      pinned: true,
      has: 'image'
    })
    expect(parseSearch(['--has', 'file', 'q']).filters).toEqual({ has: 'file' })
    expect(() => parseSearch(['--role', 'system', 'q'])).toThrow(/--role: user or assistant/)
    expect(() => parseSearch(['--has', 'video', 'q'])).toThrow(/--has: image or file/)
    expect(() => parseSearch(['--after', '2025-02-30', 'q'])).toThrow(/--after: a day/)
    expect(() => parseSearch(['--after', '2025-06-02', '--before', '2025-06-01', 'q'])).toThrow(
      /--after must be a day before --before/
    )
    expect(() => parseSearch(['--conversation', '0', 'q'])).toThrow(/--conversation/)
    expect(() => parseSearch(['--model', ' ', 'q'])).toThrow(/--model: the model id is empty/)
  })
})
