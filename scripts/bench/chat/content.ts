// bench:chat's content: a long Markdown answer with code blocks and numbered marks (⟨n⟩) the page
// watches for, and filler conversations to seed the history with.
import type { SeedMessage } from '../../../test/e2e/history-seed'

const PROSE = [
  'The renderer keeps the main thread free by parsing each finished block once.',
  'A **bold** claim, some `inline code`, and a [link](https://example.com) for good measure.',
  'Caching the highlighted output means reopening a conversation costs almost nothing.',
  '我们先测量，再优化：**数据**不会说谎。'
]

/** A Markdown answer of about `tokens` tokens (4 characters each) with `codeBlocks` code blocks. */
export function markdownAnswer(tokens: number, codeBlocks: number): string {
  const parts: string[] = []
  let length = 0
  let block = 0
  let marker = 0
  const target = tokens * 4
  while (length < target) {
    let part: string
    if (block < codeBlocks && parts.length % 6 === 5) {
      block++
      part = `\`\`\`ts\n// block ${block} ⟨${marker++}⟩\nexport function step${block}(input: number[]): number {\n  let total = 0\n  for (const value of input) total += value * ${block}\n  return total / Math.max(1, input.length)\n}\n\`\`\`\n\n`
    } else if (parts.length % 6 === 2) {
      part = `- first point ⟨${marker++}⟩\n- second point with \`code\`\n- third point\n\n`
    } else {
      part = `${PROSE[parts.length % PROSE.length]} ⟨${marker++}⟩ ${PROSE[(parts.length + 1) % PROSE.length]}\n\n`
    }
    parts.push(part)
    length += part.length
  }
  return parts.join('')
}

export function filler(count: number, tag: string): SeedMessage[] {
  const messages: SeedMessage[] = []
  for (let i = 0; i < count / 2; i++) {
    messages.push({ role: 'user', content: `Question ${i} about ${tag}?` })
    messages.push({
      role: 'assistant',
      content: `Answer ${i}.\n\n${PROSE[i % PROSE.length]}\n\n- one\n- two\n\n\`\`\`js\nconsole.log(${i})\n\`\`\``
    })
  }
  return messages
}
