// splitBlocks on the fence rules one at a time (CommonMark's: up to three spaces of indent, a
// closing fence of the same character at least as long, nothing after it; no backtick in a
// backtick fence's info string; `$$` math as a fence), whole and arriving a character at a time.
import { describe, expect, it } from 'vitest'
import { splitBlocks, type BlockSplit } from '../../../src/renderer/src/lib/markdownBlocks'

const CASES: [string, string, string[]][] = [
  [
    'a blank line of white space beyond ASCII (as String.prototype.trim has it)',
    'Intro\n\u00a0\u3000\t\nAfter\n\u00a0x\nSame',
    ['Intro\n\u00a0\u3000\t\n', 'After\n\u00a0x\nSame']
  ],
  [
    'a tilde fence',
    'Intro\n\n~~~\ncode\n\nmore\n~~~\n\nAfter',
    ['Intro\n\n', '~~~\ncode\n\nmore\n~~~\n\n', 'After']
  ],
  [
    'a shorter closing fence',
    '```\ncode\n``\n\nstill code\n```\n\nAfter',
    ['```\ncode\n``\n\nstill code\n```\n\n', 'After']
  ],
  [
    'a longer opening fence',
    '````\ncode\n```\n\nstill\n````\n\nAfter',
    ['````\ncode\n```\n\nstill\n````\n\n', 'After']
  ],
  [
    'text after a closing fence',
    '```\ncode\n``` x\n\nstill\n```\n\nAfter',
    ['```\ncode\n``` x\n\nstill\n```\n\n', 'After']
  ],
  [
    'the other fence character',
    '```\ncode\n~~~\n\nstill\n```\n\nAfter',
    ['```\ncode\n~~~\n\nstill\n```\n\n', 'After']
  ],
  [
    'a fence indented three spaces',
    'Para\n   ```\ncode\n\nin\n   ```\n\nAfter',
    ['Para\n   ```\ncode\n\nin\n   ```\n\n', 'After']
  ],
  [
    'four spaces: not a fence',
    'Para\n\n    ```\nNext\n\nLast',
    ['Para\n\n    ```\nNext\n\n', 'Last']
  ],
  ['a tab-indented line', 'Item\n\n\tindented\n\nNext', ['Item\n\n\tindented\n\n', 'Next']],
  ['a backtick in a backtick info string', 'Para\n```a`b\n\nNext', ['Para\n```a`b\n\n', 'Next']],
  [
    'a backtick in a tilde info string',
    'Para\n~~~a`b\nx\n\ny\n~~~\n\nNext',
    ['Para\n', '~~~a`b\nx\n\ny\n~~~\n\n', 'Next']
  ],
  ['display math', 'Text\n$$\nx^2\n\ny\n$$\nAfter', ['Text\n', '$$\nx^2\n\ny\n$$\n', 'After']],
  [
    'a fence right after a paragraph',
    'Para\n```\ncode\n```\nAfter',
    ['Para\n', '```\ncode\n```\n', 'After']
  ],
  [
    'an indented fence after a paragraph',
    'Para\n ```\ncode\n```\n\nAfter',
    ['Para\n ```\ncode\n```\n\n', 'After']
  ],
  ['a line of spaces is blank', 'A\n   \nB', ['A\n   \n', 'B']],
  ['an empty text', '', ['']],
  ['one line', 'one', ['one']]
]

function arriving(text: string): BlockSplit {
  let split = splitBlocks('')
  for (let i = 1; i <= text.length; i++) split = splitBlocks(text.slice(0, i), split)
  return split
}

describe('splitBlocks, fence by fence', () => {
  it.each(CASES)('%s', (_name, text, blocks) => {
    const whole = splitBlocks(text)
    expect(whole.blocks).toEqual(blocks)
    expect(whole.blocks.join('')).toBe(text)
    expect(whole.starts).toEqual(blocks.map((_, i) => blocks.slice(0, i).join('').length))
    const streamed = arriving(text)
    expect(streamed.blocks).toEqual(blocks)
    expect(streamed.starts).toEqual(whole.starts)
  })

  it('keeps a definition arriving late whole, and a text it does not extend is split afresh', () => {
    const before = splitBlocks('See [x].\n\nMore\n\n')
    expect(before.blocks).toEqual(['See [x].\n\n', 'More\n\n'])
    const defined = splitBlocks('See [x].\n\nMore\n\n[^x]: http://a', before)
    expect(defined.blocks).toEqual(['See [x].\n\nMore\n\n[^x]: http://a'])
    expect(defined.starts).toEqual([0])
    expect(defined.scan).toEqual({ position: 0, fence: null, previousBlank: false })
    // Not an extension of the previous text: nothing of it is reused.
    expect(splitBlocks('Other\n\nText', before).blocks).toEqual(['Other\n\n', 'Text'])
    // A previous split without blocks is not reused either.
    expect(splitBlocks('A\n\nB', { ...before, blocks: [], starts: [] }).blocks).toEqual([
      'A\n\n',
      'B'
    ])
  })

  it('reads a line still arriving again, with the state from before it', () => {
    // "``" then "`": the line becomes a fence only once it is whole.
    let split = splitBlocks('Para\n``')
    split = splitBlocks('Para\n```', split)
    split = splitBlocks('Para\n```\ncode\n\nx', split)
    expect(split.blocks).toEqual(['Para\n', '```\ncode\n\nx'])
    expect(split.scan.fence).not.toBeNull()
    split = splitBlocks('Para\n```\ncode\n\nx\n```\nEnd', split)
    expect(split.blocks).toEqual(['Para\n', '```\ncode\n\nx\n```\n', 'End'])
  })
})
