// The dialogs load as chunks of their own (src/renderer/src/appParts.ts): opened before its code
// arrived, the search dialog shows a loading status, then itself with the focus in its box; the
// chunks come from the app's own origin under its CSP, with no error on the console.
import { expect, test } from './fixtures'
import { connect } from './history-seed'

test('search opened before its code arrived: a loading status, then the dialog with focus', async ({
  app,
  provider
}) => {
  const problems: string[] = []
  app.page.on('console', (message) => {
    // The harness's server has no favicon.ico (the app has no such request in Electron).
    const url = message.location().url
    if (message.type() === 'error' && !url.endsWith('/favicon.ico'))
      problems.push(`${message.text()} ${url}`)
  })
  app.page.on('pageerror', (error) => problems.push(error.message))
  app.page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`)
  })
  let release: () => void = () => undefined
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  let held = 0
  await app.page.route(/\/assets\/SearchDialog-[^/]*\.js$/, async (route) => {
    held++
    await released
    await route.continue()
  })
  const page = await connect(app, provider)
  // The window asks for the dialog's code by itself once the chat is on screen (preloading).
  await expect.poll(() => held).toBe(1)
  await page.getByRole('textbox', { name: 'Message' }).focus()
  await page.keyboard.press('Control+k')
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toBeVisible()
  // The rest of the window still works meanwhile.
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  release()
  const box = page.getByRole('searchbox', { name: 'Search messages' })
  await expect(box).toBeFocused()
  await expect(page.getByRole('status').filter({ hasText: 'Loading…' })).toHaveCount(0)
  await page.keyboard.press('Escape')
  await expect(box).toHaveCount(0)
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused()
  // Opened again: at once, from the code already there.
  await page.keyboard.press('Control+k')
  await expect(box).toBeFocused()
  expect(held).toBe(1)
  expect(problems).toEqual([])
})
