import { expect, it } from 'vitest'
import { estimateTextTokens } from '../../../src/shared/tokenEstimate'

// The rule as first written (a regex of the CJK ranges over the code points): the one-pass count
// must give the same figure on any text, lone surrogates and astral characters included.
const CJK =
  /[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/gu
const byRegex = (text: string) => {
  const cjk = text.match(CJK)?.length ?? 0
  return cjk + Math.ceil(([...text].length - cjk) / 4)
}

it('counts as the regex rule does, on chosen and random texts', () => {
  const samples = [
    '',
    'a',
    'abcd',
    'abcde',
    '中文',
    '𠀀𠀀中',
    '\ud800x',
    'x\udc00',
    '한국어 テキスト。'
  ]
  // Nothing from U+3000 up: the short way (a quarter of the length).
  samples.push('Ünïcödé\u00a0\u2fff', 'x'.repeat(1001))
  samples.push('Hello, 世界! 😀😀', '\uffef\ufff0\u2fff\u3000\u30ff\u3100\u4dbf\u4dc0')
  // A fixed sequence of UTF-16 units (a linear congruential generator): the same every run.
  let seed = 17
  for (let n = 0; n < 2000; n++) {
    let text = ''
    for (let i = 0; i < n % 31; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      text += String.fromCharCode(seed % 0x10000)
    }
    samples.push(text)
  }
  for (const text of samples) expect(estimateTextTokens(text)).toBe(byRegex(text))
})
