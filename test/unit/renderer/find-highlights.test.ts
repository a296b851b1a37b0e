// @vitest-environment jsdom
// Find in a chat, the marks: a rendered message's text is read as the reader sees it (blocks
// apart, highlighted code's spans together, buttons and labels left out) and each match becomes
// a DOM Range over the text nodes it spans.
import { describe, expect, it } from 'vitest'
import { matchesIn, readText } from '../../../src/renderer/src/components/find/findHighlights'
import { foldQuery } from '../../../src/shared/find'

function row(html: string): HTMLElement {
  const element = document.createElement('div')
  element.className = 'message-row'
  element.innerHTML = html
  document.body.append(element)
  return element
}

// As React renders it: no whitespace between the blocks.
const ANSWER = `<article>
  <div class="markdown">
    <p>Use <strong>Seed</strong>Chat or <a href="https://seed.example">seed docs</a>.</p>
    <p>chat</p>
    <div class="code-block">
      <div class="code-block-header"><span class="code-block-language">seed</span><button>Copy</button></div>
      <pre><code><span class="hljs-keyword">const</span> <span class="hljs-title">se</span>ed = 1</code></pre>
    </div>
    <p>数据<em>分析</em>，ＳＥＥＤ！</p>
  </div>
  <footer><button>Copy seed</button></footer>
</article>`.replace(/\n\s*/g, '')

describe('find in a chat: marks in the rendered text', () => {
  it('reads blocks apart and inline pieces together, without controls or labels', () => {
    const { text } = readText(row(ANSWER))
    expect(text).toBe('Use SeedChat or seed docs.\nchat\nconst seed = 1\n数据分析，ＳＥＥＤ！')
  })

  it('makes one Range per match, across element boundaries, in reading order', () => {
    const ranges = matchesIn(row(ANSWER), foldQuery('seed'))
    expect(ranges.map((range) => range.toString())).toEqual(['Seed', 'seed', 'seed', 'ＳＥＥＤ'])
    // "se" + "ed" in two spans of highlighted code: one Range over both.
    expect(ranges[2].startContainer).not.toBe(ranges[2].endContainer)
    // A paragraph's end never runs into the next one: "docs." then "chat" is no "docschat".
    expect(matchesIn(row(ANSWER), foldQuery('docschat'))).toEqual([])
    expect(matchesIn(row(ANSWER), foldQuery('数据分析')).map(String)).toEqual(['数据分析'])
  })

  it('finds again when the text of the row or the query changes', () => {
    const element = row('<div class="markdown"><p>seed once</p></div>')
    expect(matchesIn(element, foldQuery('seed')).map(String)).toEqual(['seed'])
    element.querySelector('p')!.append(' and SEED twice')
    expect(matchesIn(element, foldQuery('seed')).map(String)).toEqual(['seed', 'SEED'])
    expect(matchesIn(element, foldQuery('twice')).map(String)).toEqual(['twice'])
  })

  it('reads the user bubble, and nothing in a row without message text', () => {
    const user = row('<div class="message-bubble">Find SEED here</div>')
    expect(matchesIn(user, foldQuery('seed')).map(String)).toEqual(['SEED'])
    expect(matchesIn(row('<p class="message-waiting">seed</p>'), foldQuery('seed'))).toEqual([])
  })
})
