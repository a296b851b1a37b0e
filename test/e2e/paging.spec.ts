// A long conversation opens at its latest page and loads older pages while scrolling up, keeping
// what is on screen in place; a search hit far back opens the page around it, with Jump to latest.
import { expect, test } from './fixtures'
import { connect, longConversation, seedConversations } from './history-seed'

const SEED = 'doubao-seed-1-6-251015'

test('pages up through a long conversation and jumps from a search hit back to the latest', async ({
  app,
  provider
}) => {
  const exchanges = 300
  seedConversations(app.core.services.db, [
    {
      title: 'Very long chat',
      model: SEED,
      at: Date.now() - 60_000,
      messages: longConversation(exchanges, 20, {
        role: 'assistant',
        content: 'The rare word is quokka.'
      })
    }
  ])
  const page = await connect(app, provider)
  // What crosses the bridge: recorded where the harness dispatches to the core's handlers.
  const getConversation: unknown[] = []
  const listMessages: unknown[] = []
  const handlers = app.core.handlers
  const originalGet = handlers.getConversation
  const originalList = handlers.listMessages
  handlers.getConversation = (args) => {
    getConversation.push(args)
    return originalGet(args)
  }
  handlers.listMessages = (args) => {
    listMessages.push(args)
    return originalList(args)
  }

  await page.getByRole('button', { name: 'Very long chat', exact: true }).click()
  const scroller = page.getByRole('region', { name: 'Messages' })
  await expect(page.getByText(`Answer number ${exchanges - 1}.`)).toBeVisible()
  // Only the latest page came over the bridge.
  expect(getConversation).toEqual([{ id: expect.any(Number) }])
  expect(listMessages).toHaveLength(0)

  // Scrolling to the top asks for the page before; it arrives above what was on screen, which
  // stays where it was: the view does not jump to the new top.
  await scroller.evaluate((element) => (element.scrollTop = 0))
  await expect.poll(() => listMessages.length).toBe(1)
  await expect(page.getByText('Question number 274 about the weather.')).toBeAttached()
  await expect.poll(() => scroller.evaluate((element) => element.scrollTop)).toBeGreaterThan(1000)
  // On up to the first message.
  // Scrolled to the top again as each older page comes in, until the first message shows (no
  // count of tries: the test's timeout ends a wait that never ends).
  await expect(async () => {
    await scroller.evaluate((element) => (element.scrollTop = 0))
    expect(await page.getByText('Question number 0 about the weather.').isVisible()).toBe(true)
  }).toPass({ intervals: [150] })
  expect(listMessages.length).toBeGreaterThanOrEqual(Math.floor((exchanges * 2 - 50) / 50))
  expect(listMessages[0]).toEqual({
    conversationId: expect.any(Number),
    before: expect.any(Number)
  })

  // Another conversation, then a search hit far back: the page around it, not the whole thing.
  await page.getByRole('button', { name: 'New chat' }).first().click()
  await page.keyboard.press('Control+k')
  const dialog = page.getByRole('dialog', { name: 'Search' })
  await dialog.getByRole('searchbox').fill('quokka')
  await dialog.getByRole('listbox').getByRole('option').first().click()
  const target = page.locator('article[data-highlighted]')
  await expect(target).toContainText('quokka')
  expect(getConversation.at(-1)).toEqual({ id: expect.any(Number), around: expect.any(Number) })
  await expect(page.getByText(`Answer number ${exchanges - 1}.`)).toHaveCount(0)

  // Jump to latest loads the end and shows it.
  await page.getByRole('button', { name: 'Jump to latest' }).click()
  await expect(page.getByText(`Answer number ${exchanges - 1}.`)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Jump to latest' })).toHaveCount(0)
})
