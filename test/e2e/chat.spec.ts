import { join } from 'node:path'
import { getMessage, listMessages } from '../../src/main/history/messages'
import { expect, test } from './fixtures'
import type { Page } from '@playwright/test'
import type { FakeProvider } from '../fake-provider/server'

const SCREENS = join(__dirname, '../../test-results/screens')

async function setUp(page: Page, provider: FakeProvider): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Connect to the API' })).toBeVisible()
  await page.getByLabel('Base URL').fill(provider.baseURL)
  await page.getByLabel('API key').fill(provider.apiKey)
  await page.getByRole('button', { name: 'Test connection' }).click()
  await expect(
    page.getByText(`Connected: ${provider.models.length} models available`)
  ).toBeVisible()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
}

test('first-run setup, a streamed reply, Stop keeps the text, history survives a restart', async ({
  app,
  provider
}) => {
  const page = app.page
  await page.screenshot({ path: join(SCREENS, 'setup.png') })
  await setUp(page, provider)

  // The key went to the keychain, and the page never sees more than its last four characters.
  const status = await page.evaluate(() => window.api.getKeyStatus())
  expect(status).toMatchObject({
    ok: true,
    value: { hasKey: true, last4: provider.apiKey.slice(-4) }
  })
  expect(await page.content()).not.toContain(provider.apiKey)

  const answer = 'Streaming answer. '.repeat(60)
  provider.enqueue({ kind: 'reply', content: answer, chunkSize: 3, delayMs: 25 })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('Tell me a long story')
  await box.press('Enter')

  const reply = page.getByRole('article', { name: 'Assistant' }).last()
  // Visibly streaming: some text, then more text, while the Stop button is offered.
  await expect(reply).toContainText('Streaming answer.')
  const early = (await reply.innerText()).length
  await expect.poll(async () => (await reply.innerText()).length).toBeGreaterThan(early + 20)
  await page.getByRole('button', { name: 'Stop' }).click()
  await expect(page.getByText('Stopped — the text that arrived is kept.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()

  // What the page shows is what the database kept, and it is a real part of the answer.
  const rows = listMessages(app.core.services.db, 1)
  expect(rows.map((m) => m.role)).toEqual(['user', 'assistant'])
  const kept = rows[1]
  expect(kept.status).toBe('stopped')
  expect(kept.content.length).toBeGreaterThan(0)
  expect(kept.content.length).toBeLessThan(answer.length)
  expect(answer.startsWith(kept.content)).toBe(true)
  expect(provider.chatRequests()[0].aborted).toBe(true)

  // The request carried the conversation exactly.
  // (A new chat starts on the newest Seed model the provider lists.)
  expect(provider.chatRequests()[0].body).toMatchObject({
    model: 'doubao-seed-2.0-pro',
    stream: true,
    stream_options: { include_usage: true },
    messages: [{ role: 'user', content: 'Tell me a long story' }]
  })

  // A new page on the same data directory shows the conversation.
  const again = await app.restart()
  const list = again.getByRole('navigation', { name: 'Conversations' })
  await list.getByRole('button', { name: 'Tell me a long story' }).click()
  await expect(again.getByRole('article', { name: 'You' })).toContainText('Tell me a long story')
  await expect(again.getByRole('article', { name: 'Assistant' })).toContainText(
    kept.content.trim().slice(0, 40)
  )
  expect(getMessage(app.core.services.db, kept.id)?.status).toBe('stopped')
})
