// The linear guards in front of the Markdown parser and KaTeX: what they let through and what
// they turn into plain text or source (the cost they avoid is measured by npm run bench:corpus).
import { describe, expect, it } from 'vitest'
import {
  LIST_PIECE_CHARS,
  MAX_LIST_ITEMS,
  MAX_MATH_SOURCE,
  markdownHazard,
  mathHazard,
  splitLongList
} from '../../../src/renderer/src/lib/markdownGuards'
import { heavyCorpus } from '../../../scripts/bench/corpus/answers'

const ordinary = [
  '# Title\n\nSome **bold** and _italic_ ~~struck~~ text with a [link](https://example.com).',
  `${Array.from({ length: 10 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')}`,
  '> quoted\n>> twice\n\n1. one\n2. two',
  '| a | b |\n|---|---|\n| [x][d] | *y* |\n\n[d]: https://example.com',
  '```js\n' +
    `${' '.repeat(200)}const deeplyIndented = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n` +
    '```',
  'A horizontal rule:\n\n***\n\nand a long escaped run \\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*'
]

describe('markdownHazard', () => {
  it.each(ordinary.map((text) => [text.slice(0, 30), text]))(
    'lets ordinary Markdown through: %s',
    (_name, text) => {
      expect(markdownHazard(text)).toBeNull()
    }
  )

  it.each([
    ['3,000 nested links', `${'['.repeat(3000)}x${'](https://e.com)'.repeat(3000)}`, 'nesting'],
    [
      '600-deep indented list',
      Array.from({ length: 600 }, (_, d) => `${'  '.repeat(d)}- item`).join('\n'),
      'nesting'
    ],
    ['3,000 nested quotes', `${'> '.repeat(3000)}deep`, 'nesting'],
    ['3,000 nested emphasis', `${'*_'.repeat(1500)}core${'_*'.repeat(1500)}`, 'delimiters'],
    ['a 99,000-character emphasis run', `a ${'*'.repeat(99_000)} b`, 'delimiters'],
    ['50,000 separate emphasis marks', '*a'.repeat(50_000), 'delimiters']
  ])('cuts %s', (_name, text, hazard) => {
    expect(markdownHazard(text)).toBe(hazard)
  })

  it('brackets do not stay open across a blank line, and fenced code is not looked at', () => {
    const open = `${'['.repeat(30)}\n\n`
    expect(markdownHazard(open.repeat(10))).toBeNull()
    expect(markdownHazard(`\`\`\`\n${'*'.repeat(1000)}\n${' '.repeat(500)}x\n\`\`\``)).toBeNull()
    expect(markdownHazard(`\`\`\`\nx\n\`\`\`\n${'*'.repeat(1000)}`)).toBe('delimiters')
  })

  it('flags every nesting and emphasis answer of the heavy corpus', () => {
    for (const answer of heavyCorpus()) {
      if (answer.guard === 'markdown')
        expect(markdownHazard(answer.content), answer.name).not.toBeNull()
    }
  })
})

describe('mathHazard', () => {
  it.each([
    'a^2 + b^2 = c^2',
    String.raw`\frac{-b \pm \sqrt{b^2 - 4ac}}{2a}`,
    String.raw`\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`,
    String.raw`\def\R{\mathbb{R}} f: \R \to \R`,
    String.raw`\newcommand{\norm}[1]{\left\lVert #1 \right\rVert} \norm{x} + \norm{y}`,
    String.raw`\let\eps\varepsilon \eps > 0`
  ])('renders %s', (formula) => {
    expect(mathHazard(formula)).toBe(false)
  })

  it.each([
    [
      'a wide macro bomb (1.2 KB, 160,000 atoms)',
      String.raw`\def\a{${'x'.repeat(400)}}\def\b{${'\\a'.repeat(400)}}\b`
    ],
    [
      'a bomb through \\newcommand',
      String.raw`\newcommand{\a}{${'x'.repeat(200)}}\newcommand{\b}{${'\\a'.repeat(100)}}\b`
    ],
    [
      'an argument copied many times',
      String.raw`\def\a#1{${'#1'.repeat(100)}}\a{${'x'.repeat(200)}}`
    ],
    ['nesting 500 deep', `${'\\sqrt{'.repeat(500)}x${'}'.repeat(500)}`],
    ['an over-long formula', 'x+'.repeat(MAX_MATH_SOURCE)]
  ])('shows %s as source', (_name, formula) => {
    expect(mathHazard(formula)).toBe(true)
  })
})

describe('splitLongList', () => {
  const list = (items: number, marker: (i: number) => string) =>
    Array.from({ length: items }, (_, i) => `${marker(i)} item ${i}\n  - nested ${i}\n`).join('')

  it('cuts a long list before top-level items, keeping every character and the numbering', () => {
    const text = list(2000, (i) => `${i + 1}.`)
    const pieces = splitLongList(text)
    expect(pieces.length).toBeGreaterThan(5)
    expect(pieces.join('')).toBe(text)
    for (const piece of pieces) {
      expect(piece).toMatch(/^\d+\. item/)
      expect(piece.length).toBeLessThan(2 * LIST_PIECE_CHARS)
      expect(markdownHazard(piece)).toBeNull()
    }
    expect(
      pieces[1].startsWith(`${pieces[0].split('\n').filter((l) => /^\d/.test(l)).length + 1}.`)
    ).toBe(true)
  })

  it('only changes the last piece while the list grows', () => {
    const text = list(1000, () => '-')
    const before = splitLongList(text.slice(0, 20_000))
    const after = splitLongList(text)
    expect(after.slice(0, before.length - 1)).toEqual(before.slice(0, -1))
  })

  it('leaves short lists and other blocks whole', () => {
    expect(splitLongList(list(10, () => '-'))).toHaveLength(1)
    const prose = 'word '.repeat(5000)
    expect(splitLongList(prose)).toEqual([prose])
  })

  it('a block of more list items than the parser can take in a frame is plain text', () => {
    const flat = (items: number) => Array.from({ length: items }, (_, i) => `- ${i}`).join('\n')
    expect(markdownHazard(flat(MAX_LIST_ITEMS))).toBeNull()
    expect(markdownHazard(flat(MAX_LIST_ITEMS + 1))).toBe('items')
  })
})
