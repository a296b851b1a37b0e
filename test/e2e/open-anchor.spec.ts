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
  // A row that changes size while the list measures it shows as this error in the renderer's log.
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  // Every frame once the rows are formatted: how far the view is from the end of the list, read
  // where the page's own scripts (and bench:chat) read it, in a frame callback: a piece of
  // highlighted code just put into the page has not been laid out there yet.
  await page.evaluate(() => {
    const gaps: number[] = []
    ;(window as unknown as { __gaps: number[] }).__gaps = gaps
    const check = () => {
      const scroller = document.querySelector('.message-scroll')
      if (scroller?.querySelector('.message-row') && !document.querySelector('.markdown-pending'))
        gaps.push(scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight)
      requestAnimationFrame(check)
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
    return (window as unknown as { __gaps: number[] }).__gaps
  })
  expect(gaps.length).toBeGreaterThan(10)
  // Never more than the list's "at the end" threshold away from the newest message.
  expect(Math.max(...gaps), JSON.stringify(gaps)).toBeLessThanOrEqual(48)
  await expect(page.getByText(last)).toBeInViewport()
  expect(errors.filter((message) => message.includes('ResizeObserver'))).toEqual([])
})
