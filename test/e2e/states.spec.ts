// The states a user sees most: an answer with thinking and code, each kind of error, the other
// language. Each test also saves a screenshot to test-results/screens for a person to look at.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, pickModel, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

const ANSWER = [
  '## Sorting in TypeScript',
  '',
  'Use `Array.prototype.toSorted` to keep the input intact:',
  '',
  '```ts',
  'const byAge = people.toSorted((a, b) => a.age - b.age)',
  'console.log(byAge[0].name)',
  '```',
  '',
  '| method | mutates |',
  '| --- | --- |',
  '| sort | yes |',
  '| toSorted | no |',
  '',
  '- fast',
  '- stable'
].join('\n')

async function connect(
  app: AppHarness,
  provider: FakeProvider,
  messageBox = 'Message'
): Promise<Page> {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  await expect(app.page.getByRole('textbox', { name: messageBox })).toBeVisible()
  return app.page
}

async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill(text)
  await box.press('Enter')
}

test('an answer streams with its thinking, Markdown and highlighted code', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  provider.enqueue({
    kind: 'reply',
    reasoning: 'The user wants a sort that does not mutate. toSorted is ES2023.',
    content: ANSWER,
    chunkSize: 4,
    delayMs: 15,
    usage: { prompt_tokens: 42, completion_tokens: 96, reasoning_tokens: 17 }
  })
  await send(page, 'How do I sort without mutating?')
  const reply = page.getByRole('article', { name: 'Assistant' })
  await expect(reply.getByText('Thinking')).toBeVisible()
  await expect(reply).toContainText('toSorted is ES2023')
  await page.screenshot({ path: join(SCREENS, 'streaming.png') })

  await expect(reply.getByRole('table')).toBeVisible()
  await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible()
  await expect(reply.locator('code.hljs .hljs-keyword').first()).toHaveText('const')
  await expect(reply).toContainText('96 tokens')
  await expect(
    reply.getByTitle('Prompt: 42 tokens · Answer: 96 tokens · of which reasoning: 17')
  ).toBeVisible()
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible()
  await page.screenshot({ path: join(SCREENS, 'answer.png') })
})

test('a refused key says so and leads to settings', async ({ app, provider }) => {
  const page = await connect(app, provider)
  provider.enqueue({
    kind: 'error',
    status: 401,
    error: {
      message: 'The API key in the request is missing or invalid.',
      type: 'Unauthorized',
      code: 'AuthenticationError'
    }
  })
  await send(page, 'Hello?')
  const alert = page.getByRole('article', { name: 'Assistant' }).getByRole('alert')
  await expect(alert).toContainText('The API key was refused by the server.')
  await page.screenshot({ path: join(SCREENS, 'error-401.png') })
  await alert.getByRole('button', { name: 'Open settings' }).click()
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible()
})

test('a broken stream keeps the partial text and Retry gets a full answer', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  provider.enqueue(
    {
      kind: 'reply',
      content: 'The first half arrived. The rest did not.',
      failAfterChars: 24,
      failure: { mode: 'drop' }
    },
    { kind: 'reply', content: 'A complete answer this time.' }
  )
  await send(page, 'Tell me something')
  const reply = page.getByRole('article', { name: 'Assistant' })
  await expect(reply.getByRole('alert')).toContainText('The connection broke mid-reply')
  await expect(reply).toContainText('The first half arrived.')
  await page.screenshot({ path: join(SCREENS, 'error-stream.png') })
  await reply.getByRole('button', { name: 'Retry' }).click()
  await expect(page.getByRole('article', { name: 'Assistant' })).toContainText(
    'A complete answer this time.'
  )
  await expect(page.getByRole('article', { name: 'Assistant' })).toHaveCount(1)
})

test('rate limits say how long to wait', async ({ app, provider }) => {
  const page = await connect(app, provider)
  provider.enqueue({
    kind: 'error',
    status: 429,
    retryAfter: '120',
    error: {
      message: 'Too many requests',
      type: 'TooManyRequests',
      code: 'RateLimitExceeded.EndpointRPMExceeded'
    }
  })
  await send(page, 'Hi')
  await expect(
    page.getByRole('alert').filter({ hasText: 'Too many requests for now' })
  ).toContainText('120')
})

test('a model the key cannot use is named as such', async ({ app, provider }) => {
  const page = await connect(app, provider)
  provider.models = provider.models.filter((id) => id !== 'glm-4-7-251222')
  await pickModel(page, 'glm-4-7-251222')
  await send(page, 'Hi')
  await expect(page.getByRole('alert')).toContainText('not available to your API key')
})

test.describe('in Simplified Chinese', () => {
  test.use({ appOptions: { locale: 'zh-CN' } })

  test('the UI follows the OS locale', async ({ app, provider }) => {
    const page = await connect(app, provider, '消息')
    provider.enqueue({
      kind: 'reply',
      reasoning: '用户在打招呼。',
      content: '你好！有什么可以帮你的吗？'
    })
    const box = page.getByRole('textbox', { name: '消息' })
    await box.fill('你好')
    await box.press('Enter')
    await expect(page.getByText('你好！有什么可以帮你的吗？')).toBeVisible()
    await expect(page.getByRole('button', { name: '新对话' })).toBeVisible()
    await page.screenshot({ path: join(SCREENS, 'zh-CN.png') })
  })
})
