// Highlighted code cut into pieces of whole lines (what the worker sends): the text is kept, every
// piece opens what it closes, and no piece holds much more than CHUNK_ELEMENTS spans.
import { describe, expect, it } from 'vitest'
import {
  CHUNK_ELEMENTS,
  CHUNK_LINES,
  highlightToChunks
} from '../../../src/renderer/src/lib/highlightCore'
import { heavyCorpus } from '../../../scripts/bench/corpus/answers'

const dense = heavyCorpus()
  .find((answer) => answer.name === 'dense-js-99k')!
  .content.replace(/^```js\n/, '')
  .replace(/\n```$/, '')

describe('highlightToChunks', () => {
  it('cuts 99 KB of dense code into balanced pieces of whole lines that keep the text', () => {
    const code = highlightToChunks(dense, 'js')!
    expect(code.texts.join('')).toBe(dense)
    expect(code.chunks.length).toBeGreaterThan(10)
    const longestLine = Math.max(...dense.split('\n').map((line) => line.length))
    for (const [index, piece] of code.chunks.entries()) {
      let open = 0
      let text = ''
      for (const part of piece) {
        if (typeof part === 'string') text += part
        else if (part === -1) open--
        else open++
        expect(open).toBeGreaterThanOrEqual(0)
      }
      expect(open).toBe(0)
      expect(text).toBe(code.texts[index])
      // Whole lines: every piece but the last ends with a line break.
      if (index < code.chunks.length - 1) expect(text.endsWith('\n')).toBe(true)
      expect(text.split('\n').length - 1).toBeLessThanOrEqual(CHUNK_LINES)
      // A piece stops at the end of the line that reaches the budget.
      expect(code.elements[index]).toBeLessThanOrEqual(CHUNK_ELEMENTS + longestLine)
    }
    expect(code.elements.reduce((sum, n) => sum + n, 0)).toBeGreaterThan(15_000)
  })

  it('reopens a span that goes on over a piece boundary', () => {
    const comment = `/*\n${'x\n'.repeat(CHUNK_LINES * 2)}*/`
    const code = highlightToChunks(comment, 'js')!
    expect(code.chunks.length).toBeGreaterThan(1)
    const comments = code.classes.indexOf('hljs-comment')
    for (const piece of code.chunks) expect(piece[0]).toBe(comments)
    expect(code.texts.join('')).toBe(comment)
  })

  it('knows no language it has no grammar for', () => {
    expect(highlightToChunks('x', 'no-such-language')).toBeNull()
  })
})
