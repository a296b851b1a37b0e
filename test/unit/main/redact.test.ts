import { describe, expect, it } from 'vitest'
import { KEY_REMOVED, KeyScrubber, serverText, withoutKey } from '../../../src/main/redact'

const KEY = 'sk-live-7f3a9c2e4b1d8f6a0c5e3b9d'

describe('withoutKey', () => {
  it('removes the key as sent, URL-encoded and JSON-escaped', () => {
    const odd = 'sk-a/b+c"d\\e=f&g0123456789'
    const text = `raw ${odd} url ${encodeURIComponent(odd)} json ${JSON.stringify({ key: odd })}`
    expect(withoutKey(text, odd)).toBe(
      `raw ${KEY_REMOVED} url ${KEY_REMOVED} json {"key":"${KEY_REMOVED}"}`
    )
  })

  it('removes a long piece of the key, but not a short mask like the settings show', () => {
    expect(withoutKey(`key ${KEY.slice(0, 20)}… is invalid`, KEY)).toBe(
      `key ${KEY_REMOVED}… is invalid`
    )
    expect(withoutKey(`ends in ${KEY.slice(-18)}.`, KEY)).toBe(`ends in ${KEY_REMOVED}.`)
    expect(withoutKey('key sk-…f3b9d is invalid', KEY)).toBe('key sk-…f3b9d is invalid')
  })

  it('leaves text without the key alone, and a short key only as a whole', () => {
    expect(withoutKey('The model is not open (ModelNotOpen)', KEY)).toBe(
      'The model is not open (ModelNotOpen)'
    )
    expect(withoutKey('sk-short and sk-sh', 'sk-short')).toBe(`${KEY_REMOVED} and sk-sh`)
    expect(withoutKey('anything', '')).toBe('anything')
    expect(withoutKey('', KEY)).toBe('')
  })

  it('says where the key was', () => {
    expect(withoutKey(`Bearer ${KEY}`, KEY)).toBe('Bearer [key removed]')
  })

  it('takes a key shorter than 16 characters only whole, even where a form of it is longer', () => {
    // 12 characters, 20 URL-encoded: a 16-character piece of the encoded form is not the key.
    const short = 'sk/ab/cd/ef1'
    const piece = encodeURIComponent(short).slice(0, 16)
    expect(withoutKey(`part ${piece}`, short)).toBe(`part ${piece}`)
  })

  it('takes pieces of every form of a key of exactly 16 characters', () => {
    const key = 'sk/ab/cd/ef/gh12'
    const encoded = encodeURIComponent(key)
    expect(withoutKey(`part ${encoded.slice(2, 20)} end`, key)).toBe(`part ${KEY_REMOVED} end`)
  })

  it('removes separate pieces apart, and back-to-back pieces as one', () => {
    const first = KEY.slice(0, 16)
    const last = KEY.slice(-16)
    expect(withoutKey(`${first} and then ${last}`, KEY)).toBe(
      `${KEY_REMOVED} and then ${KEY_REMOVED}`
    )
    expect(withoutKey(`<${first}${first}>`, KEY)).toBe(`<${KEY_REMOVED}>`)
  })
})

describe('serverText', () => {
  it('keeps a text of up to 2,000 characters as it is', () => {
    expect(serverText('Not found', KEY)).toBe('Not found')
    const edge = 'e'.repeat(2_000)
    expect(serverText(edge, KEY)).toBe(edge)
    expect(serverText(`${edge}!`, KEY)).toBe(`${edge}…`)
  })

  it('cuts a long text after removing the key', () => {
    const text = `${'a'.repeat(1_990)} ${KEY} ${'b'.repeat(5_000)}`
    const safe = serverText(text, KEY)
    expect(safe.includes(KEY.slice(0, 16))).toBe(false)
    expect(safe.startsWith(`${'a'.repeat(1_990)} ${KEY_REMOVED.slice(0, 9)}`)).toBe(true)
    expect(safe.length).toBe(2_001)
    expect(safe.endsWith('…')).toBe(true)
  })

  it('is quick on a large page', () => {
    const page = `<html>${'<p>lorem ipsum</p>'.repeat(100_000)}${KEY}</html>`
    // CPU time, which a machine busy with other work does not change.
    const before = process.cpuUsage()
    serverText(page, KEY)
    const used = process.cpuUsage(before)
    expect((used.user + used.system) / 1000).toBeLessThan(500)
  })
})

describe('KeyScrubber', () => {
  /** The text pushed in pieces of `size`, then ended: what a stream passes on. */
  function streamed(text: string, key: string, size: number): string[] {
    const scrubber = new KeyScrubber(key)
    const out: string[] = []
    for (let at = 0; at < text.length; at += size)
      out.push(scrubber.push(text.slice(at, at + size)))
    out.push(scrubber.end())
    return out
  }

  it('removes a key cut across two pieces, wherever it is cut, and passes the rest on in order', () => {
    for (const key of [KEY, 'sk-short']) {
      const text = `Before ${key} middle ${JSON.stringify(key).slice(1, -1)}${key} after.`
      const safe = `Before ${KEY_REMOVED} middle ${KEY_REMOVED}${KEY_REMOVED} after.`
      for (let cut = 0; cut <= text.length; cut++) {
        const scrubber = new KeyScrubber(key)
        const out =
          scrubber.push(text.slice(0, cut)) + scrubber.push(text.slice(cut)) + scrubber.end()
        expect(out, `cut at ${cut}`).toBe(safe)
      }
      for (const size of [1, 2, 3, 5, 7, 16]) expect(streamed(text, key, size).join('')).toBe(safe)
    }
  })

  it('holds back only what could start the key, and never half a surrogate pair', () => {
    const scrubber = new KeyScrubber(KEY)
    expect(scrubber.push('Hello world. ')).toBe('Hello world. ')
    expect(scrubber.push('Key: sk-li')).toBe('Key: ')
    expect(scrubber.push('ve-7f3a9c2e4b1d8f6a0c5e3b9d!')).toBe(`${KEY_REMOVED}!`)
    expect(scrubber.push('sk')).toBe('')
    expect(scrubber.end()).toBe('sk')
    // The high half of 😁 is no part of the key, but is held with the low half it needs.
    const emoji = new KeyScrubber('sk-live-0123456789abcdef')
    expect(emoji.push('a\uD83D')).toBe('a')
    expect(emoji.push('\uDE01!')).toBe('\uD83D\uDE01!')
  })

  it('passes text through when there is no key', () => {
    expect(streamed('any text at all', '', 4)).toEqual(['any ', 'text', ' at ', 'all', ''])
  })
})
