// Regenerate, switch versions and edit a question in Chromium, against the fake provider.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { currentPath } from '../../src/main/history/messages'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

async function setUp(page: Page, provider: FakeProvider): Promise<void> {
  await page.getByLabel('Base URL').fill(provider.baseURL)
  await page.getByLabel('API key').fill(provider.apiKey)
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible()
}

test('regenerate keeps both versions, the switcher shows either, an edited question branches', async ({
  app,
  provider
}) => {
  const page = app.page
  await setUp(page, provider)
  const db = app.core.services.db

  provider.enqueue({
    kind: 'reply',
    content: 'First answer.',
    usage: { prompt_tokens: 9, completion_tokens: 1234 }
  })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('Name a colour')
  await box.press('Enter')
  const reply = page.getByRole('article', { name: 'Assistant' }).last()
  await expect(reply).toContainText('First answer.')
  await expect(reply).toContainText('1,234 tokens')

  // Regenerate: a second version, from the same question.
  provider.enqueue({ kind: 'reply', content: 'Second answer.' })
  await reply.hover()
  await reply.getByRole('button', { name: 'Regenerate' }).click()
  await expect(reply).toContainText('Second answer.')
  const versions = reply.getByRole('group', { name: 'Versions' })
  await expect(versions).toContainText('2 / 2')
  expect(provider.chatRequests()[1].body.messages).toEqual([
    { role: 'user', content: 'Name a colour' }
  ])
  await page.screenshot({ path: join(SCREENS, 'versions.png') })

  // Back to the first version: it is shown, and it is the context of what follows.
  await versions.getByRole('button', { name: 'Previous version' }).click()
  await expect(reply).toContainText('First answer.')
  await expect(versions).toContainText('1 / 2')
  provider.enqueue({ kind: 'reply', content: 'Because it is calm.' })
  await box.fill('Why that one?')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText(
    'Because it is calm.'
  )
  expect(provider.chatRequests()[2].body.messages).toEqual([
    { role: 'user', content: 'Name a colour' },
    { role: 'assistant', content: 'First answer.' },
    { role: 'user', content: 'Why that one?' }
  ])

  // Edit the first question: a new branch with its own reply; the old one stays reachable.
  provider.enqueue({ kind: 'reply', content: 'Green.' })
  const firstQuestion = page.getByRole('article', { name: 'You' }).first()
  await firstQuestion.hover()
  await firstQuestion.getByRole('button', { name: 'Edit question' }).click()
  const editor = page.getByRole('textbox', { name: 'Edit your question' })
  await editor.fill('Name a calm colour')
  await editor.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText('Green.')
  await expect(page.getByRole('article')).toHaveCount(2)
  expect(provider.chatRequests()[3].body.messages).toEqual([
    { role: 'user', content: 'Name a calm colour' }
  ])
  const questionVersions = page
    .getByRole('article', { name: 'You' })
    .first()
    .getByRole('group', { name: 'Versions' })
  await expect(questionVersions).toContainText('2 / 2')
  await questionVersions.getByRole('button', { name: 'Previous version' }).click()
  await expect(page.getByRole('article')).toHaveCount(4)
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText(
    'Because it is calm.'
  )
  // What the window shows is the path the history holds.
  expect(currentPath(db, 1).map((m) => m.content)).toEqual([
    'Name a colour',
    'First answer.',
    'Why that one?',
    'Because it is calm.'
  ])
})
