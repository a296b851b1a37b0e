// Opening a long chat shows its rows as plain text first and formats them right after (plain-first,
// components/markdown/plainFirst.ts), then their code highlighted. Both change the rows' heights;
// the view must stay on the newest message all the same.
import { expect, test } from './fixtures'
import { connect, seedConversations, type SeedMessage } from './history-seed'

const SEED = 'doubao-seed-1-6-251015'

/** Answers much taller as Markdown than as their text: code blocks, headings, lists, a table. */
function tallAnswer(i: number): string {
  return [
    `## Answer ${i}`,
    `\`\`\`ts\nexport const value${i} = ${i}\n\`\`\``,
    '- one\n- two\n- three',
    '| a | b |\n|---|---|\n| 1 | 2 |',
    `\`\`\`js\nconsole.log(${i})\n\`\`\``
  ].join('\n\n')
}

function tallConversation(exchanges: number, last: string): SeedMessage[] {
  const messages: SeedMessage[] = []
  for (let i = 0; i < exchanges; i++) {
    messages.push({ role: 'user', content: `Question ${i}?` })
    messages.push({ role: 'assistant', content: tallAnswer(i) })
  }
  messages[messages.length - 1] = {
    role: 'assistant',
    content: `${tallAnswer(exchanges)}\n\n${last}`
  }
  return messages
}

test('a long chat opened at its end stays at its newest message once its rows are formatted', async ({
  app,
  provider
}) => {
  const last = 'The newest words of the long chat.'
  seedConversations(app.core.services.db, [
    {
      title: 'Tall rows',
      model: SEED,
      at: Date.now() - 60_000,
      messages: tallConversation(400, last)
    },
    { title: 'Short chat', model: SEED, at: Date.now(), messages: tallConversation(1, 'Short.') }
  ])
  const page = await connect(app, provider)
  // Every frame from the first row on: how far the view is from the end of the list, as painted
  // (read in the first task after the frame); and once the rows are formatted, also as the page's
  // own scripts see it in the frame (as bench:chat reads it), where a piece of highlighted code
  // just put into the page has not been laid out yet.
  await page.evaluate(() => {
    const gaps = { painted: [] as number[], inFrame: [] as number[] }
    ;(window as unknown as { __gaps: typeof gaps }).__gaps = gaps
    const gap = (into: number[]) => {
      const scroller = document.querySelector('.message-scroll')
      if (scroller?.querySelector('.message-row'))
        into.push(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight)
    }
    const check = () => {
      if (!document.querySelector('.markdown-pending')) gap(gaps.inFrame)
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        gap(gaps.painted)
        requestAnimationFrame(check)
      }
      channel.port2.postMessage(null)
    }
    requestAnimationFrame(check)
  })
  await page.getByRole('button', { name: 'Tall rows', exact: true }).click()
  await expect(page.getByText(last)).toBeVisible()
  // Every row on screen formatted and its code highlighted (the pieces of highlighted code enter
  // the page after formatting), then a few frames more.
  await expect(page.locator('.markdown-pending')).toHaveCount(0)
  await expect(page.locator('.message-scroll .code-block pre > code.hljs').first()).toBeAttached()
  await expect(page.locator('.message-scroll .code-block pre > code:not(.hljs)')).toHaveCount(0)
  const gaps = await page.evaluate(async () => {
    for (let i = 0; i < 10; i++) await new Promise((done) => requestAnimationFrame(done))
    return (window as unknown as { __gaps: { painted: number[]; inFrame: number[] } }).__gaps
  })
  expect(gaps.painted.length).toBeGreaterThan(10)
  // Never more than the list's "at the end" threshold away from the newest message.
  expect(Math.max(...gaps.painted)).toBeLessThanOrEqual(48)
  expect(Math.max(...gaps.inFrame)).toBeLessThanOrEqual(48)
  await expect(page.getByText(last)).toBeInViewport()
})
