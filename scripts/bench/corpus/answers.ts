// The heavy-answer corpus (bench:corpus and the guard tests): answers that once froze the window
// or drew over the app. Generated, so the repository holds no megabytes of fixtures.

export interface HeavyAnswer {
  name: string
  content: string
  /** Which guard is expected to take it: a Markdown block shown plain, or a formula as source. */
  guard?: 'markdown' | 'math'
  /** Streamed through the fake provider rather than opened from history. */
  stream?: boolean
  /** A block too large to highlight on its own: the bench clicks its Highlight button. */
  clickHighlight?: boolean
}

/** Dense JavaScript: many short tokens per line (about 32,000 highlight.js spans in 99 KB). */
function denseJs(bytes: number): string {
  const lines: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const line = `if(a${i}[${i}]>0x${(i * 7).toString(16)}&&b!==null){c+=f(${i},"s${i}",/r${i}/g)-g.h[${i % 9}]*2}else{d=[${i},${i + 1}]}`
    lines.push(line)
    length += line.length + 1
  }
  return lines.join('\n')
}

/** Indented lists cycling from the margin to `depth` levels and back, about `bytes` long. */
function indentedLists(bytes: number, depth: number): string {
  const lines: string[] = []
  let length = 0
  for (let i = 0; length < bytes; i++) {
    const level = i % depth
    const line = `${'  '.repeat(level)}- item ${i}`
    lines.push(line)
    length += line.length + 1
  }
  return lines.join('\n')
}

function table(rows: number): string {
  const head = '| n | square | word | link |\n|---|---|---|---|\n'
  const body = Array.from(
    { length: rows },
    (_, i) => `| ${i} | ${i * i} | **w${i}** | [l${i}](https://example.com/${i}) |`
  )
  return `${head}${body.join('\n')}`
}

const x = (n: number): string => 'x'.repeat(n)

/** The corpus: each answer is one assistant message. */
export function heavyCorpus(): HeavyAnswer[] {
  return [
    { name: 'dense-js-99k', content: `\`\`\`js\n${denseJs(99_000)}\n\`\`\`` },
    { name: 'dense-ts-20k', content: `\`\`\`ts\n${denseJs(20_000)}\n\`\`\`` },
    {
      name: 'nested-links-3000',
      content: `${'['.repeat(3000)}x${'](https://e.com)'.repeat(3000)}`,
      guard: 'markdown'
    },
    { name: 'nested-quotes-3000', content: `${'> '.repeat(3000)}deep`, guard: 'markdown' },
    {
      name: 'nested-quote-lines-3000',
      content: Array.from({ length: 3000 }, (_, d) => `${'>'.repeat(d + 1)} q`).join('\n'),
      guard: 'markdown'
    },
    {
      name: 'nested-emphasis-3000',
      content: `${'*_'.repeat(1500)}core${'_*'.repeat(1500)}`,
      guard: 'markdown'
    },
    { name: 'emphasis-run-99k', content: `a ${'*'.repeat(99_000)} b`, guard: 'markdown' },
    { name: 'emphasis-marks-50k', content: '*a'.repeat(50_000), guard: 'markdown' },
    {
      name: 'code-5mb-highlight',
      content: `\`\`\`ts\n${denseJs(5_000_000)}\n\`\`\``,
      clickHighlight: true
    },
    { name: 'indented-lists-9mb', content: indentedLists(9_000_000, 12) },
    { name: 'lists-600-deep', content: indentedLists(360_000, 600), guard: 'markdown' },
    { name: 'lists-300-deep-90k', content: indentedLists(90_000, 300), guard: 'markdown' },
    { name: 'list-2000-items', content: indentedLists(40_000, 6) },
    {
      name: 'prose-blocks-1mb',
      content: Array.from(
        { length: 4000 },
        (_, i) =>
          `Paragraph ${i} with **bold**, *italic*, \`code\` and a [link](https://example.com/${i}).`
      ).join('\n\n')
    },
    { name: 'table-2500-rows', content: table(2_500) },
    { name: 'table-20000-rows', content: table(20_000) },
    {
      name: 'long-links',
      content: Array.from(
        { length: 200 },
        (_, i) => `[link ${i}](https://example.com/${x(2000)}) https://example.org/${x(3000)}`
      ).join('\n\n')
    },
    {
      name: 'katex-macro-bomb',
      content: `$$\n\\def\\a{${x(400)}}\\def\\b{${'\\a'.repeat(400)}}\\b\n$$`,
      guard: 'math'
    },
    {
      name: 'katex-expansion-bomb',
      content: `$$\n\\def\\a{xxxxxxxxxx}\\def\\b{${'\\a'.repeat(10)}}\\def\\c{${'\\b'.repeat(10)}}\\def\\d{${'\\c'.repeat(10)}}\\d\\d\\d\\d\n$$`,
      guard: 'math'
    },
    {
      name: 'katex-nesting',
      content: `$$\n${'\\sqrt{'.repeat(500)}x${'}'.repeat(500)}\n$$`,
      guard: 'math'
    },
    {
      name: 'katex-overlays',
      content: [
        'Huge rules: $\\rule{1000em}{1000em}$ and $\\rule{-500em}{800em}$.',
        'Kerns: $\\kern-300em X$ and $X\\kern900em Y$ and $\\hspace{-200em}Z$.',
        'Raised: $\\raisebox{200em}{R}$ and $\\raisebox{-200em}{L}$.',
        'Laps: $\\rlap{\\kern-100em XXXXXXXXXX}$ $\\llap{YYYYYYYYYYYYYYYYYYY\\kern100em}$ $\\mathllap{\\kern50em W}$.',
        'Sizes: $\\Huge\\Huge\\Huge HUGE$ $\\scalebox{100}{S}$ $\\mathrlap{\\Huge\\kern80em M}$.',
        '$$\n\\smash{\\raisebox{100em}{\\Huge O}}\\kern-200em\\rule[-300em]{2em}{600em}\n$$'
      ].join('\n\n')
    },
    {
      name: 'link-ref-stream',
      content: `[d]: https://example.com/definition\n\n${Array.from(
        { length: 400 },
        (_, i) =>
          `Paragraph ${i} cites [the definition][d] and **bold ${i}** and \`code ${i}\`, then more words to make it long enough.`
      ).join('\n\n')}`,
      stream: true
    }
  ]
}
