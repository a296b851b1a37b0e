// Request parameters end to end in Chromium with the real core and the fake provider: set in the
// Parameters panel, they go on the wire exactly (and nothing else does), show as chips, are kept
// with the conversation, and a reply shows the parameters it was made with.
import { join } from 'node:path'
import { getConversation } from '../../src/main/history/conversations'
import { expect, pickModel, test } from './fixtures'
import { connect } from './history-seed'

const SCREENS = join(__dirname, '../../test-results/screens')
const MODEL = 'doubao-seed-2.0-pro'

test('parameters set in the panel are exactly what the request carries', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  await pickModel(page, MODEL)

  // A new chat: the panel edits what goes with the first message.
  await page.getByRole('button', { name: 'Parameters' }).click()
  const panel = page.getByRole('dialog', { name: 'Parameters' })
  await panel.getByRole('textbox', { name: 'System prompt' }).fill('Answer in one sentence.')
  await panel.getByRole('textbox', { name: /Temperature/ }).fill('0.3')
  await panel.getByRole('textbox', { name: /Top P/ }).fill('0.9')
  await panel.getByRole('textbox', { name: /Max output/ }).fill('512')
  await panel.getByRole('button', { name: 'Add stop sequence' }).click()
  await panel.getByRole('textbox', { name: 'Stop sequence 1' }).fill('END')
  await panel.getByRole('button', { name: 'Add stop sequence' }).click()
  await panel.getByRole('textbox', { name: 'Stop sequence 2' }).fill('###')
  await panel.getByRole('combobox', { name: 'Thinking' }).selectOption('disabled')
  // With thinking off only Minimal is offered.
  await expect(
    panel.getByRole('combobox', { name: 'Reasoning effort' }).getByRole('option')
  ).toHaveText(['Default', 'Minimal'])
  await panel.getByRole('combobox', { name: 'Reasoning effort' }).selectOption('minimal')
  // An invalid value is shown and not saved.
  await panel.getByRole('textbox', { name: /Temperature/ }).fill('7')
  await expect(panel.getByText('Enter a number from 0 to 2.')).toBeVisible()
  await panel.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(panel).toBeVisible()
  await panel.getByRole('textbox', { name: /Temperature/ }).fill('0.3')
  await page.screenshot({ path: join(SCREENS, 'params-panel.png') })
  await panel.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(panel).toBeHidden()
  const chips = page.getByRole('list', { name: 'Parameters that are not default' })
  await expect(chips.getByRole('listitem')).toHaveText([
    'System prompt',
    'Temperature 0.3',
    'Top P 0.9',
    'Max output 512 tokens',
    '2 stop sequences',
    'Thinking off',
    'Reasoning effort: minimal'
  ])

  provider.enqueue({ kind: 'reply', content: 'Paris is the capital of France.' })
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('What is the capital of France?')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' })).toContainText(
    'Paris is the capital'
  )

  // On the wire: exactly these fields, named as the API names them, the system message first.
  await provider.waitForRequests(1)
  expect(provider.chatRequests()[0].body).toEqual({
    model: MODEL,
    stream: true,
    stream_options: { include_usage: true },
    messages: [
      { role: 'system', content: 'Answer in one sentence.' },
      { role: 'user', content: 'What is the capital of France?' }
    ],
    temperature: 0.3,
    top_p: 0.9,
    max_tokens: 512,
    stop: ['END', '###'],
    thinking: { type: 'disabled' },
    reasoning_effort: 'minimal'
  })
  // Kept with the conversation, and shown on the reply it made.
  // The first conversation of a fresh history.
  expect(getConversation(app.core.services.db, 1)?.params).toEqual({
    systemPrompt: 'Answer in one sentence.',
    temperature: 0.3,
    topP: 0.9,
    maxTokens: 512,
    stop: ['END', '###'],
    thinking: 'disabled',
    reasoningEffort: 'minimal'
  })
  await expect(
    page.getByRole('img', { name: /^Made with: System prompt, Temperature 0\.3/ })
  ).toBeVisible()
  await expect(chips.getByRole('listitem')).toHaveCount(7)

  // Back to Default: a cleared field is not sent at all.
  await page.getByRole('button', { name: 'Parameters' }).click()
  await panel.getByRole('button', { name: 'Reset all to Default' }).click()
  await panel.getByRole('textbox', { name: /Max output/ }).fill('64')
  await panel.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(chips.getByRole('listitem')).toHaveText(['Max output 64 tokens'])
  provider.enqueue({ kind: 'reply', content: 'Berlin.' })
  await box.fill('And Germany?')
  await box.press('Enter')
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText('Berlin.')
  await provider.waitForRequests(2)
  const second = provider.chatRequests()[1].body
  expect(Object.keys(second).sort()).toEqual([
    'max_tokens',
    'messages',
    'model',
    'stream',
    'stream_options'
  ])
  expect(second.max_tokens).toBe(64)
  expect(second.messages.map((m: { role: string }) => m.role)).toEqual([
    'user',
    'assistant',
    'user'
  ])
  await page.screenshot({ path: join(SCREENS, 'params-chips.png') })
})

test('a request too long for the context offers to send fewer turns, and retries with them', async ({
  app,
  provider
}) => {
  const page = await connect(app, provider)
  const box = page.getByRole('textbox', { name: 'Message' })
  for (const n of [1, 2, 3]) {
    provider.enqueue({ kind: 'reply', content: `Answer ${n}` })
    await box.fill(`Question ${n}`)
    await box.press('Enter')
    await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText(
      `Answer ${n}`
    )
  }
  provider.enqueue({
    kind: 'error',
    status: 400,
    error: {
      message: 'Total tokens exceed max message tokens.',
      type: 'BadRequest',
      code: 'OutofContextError'
    }
  })
  await box.fill('Question 4')
  await box.press('Enter')
  // Three earlier turns went with question 4: the offer is fewer than that.
  const trim = page.getByRole('button', { name: 'Retry with only the last 2 turns of history' })
  await expect(trim).toBeVisible()
  await page.screenshot({ path: join(SCREENS, 'params-context-too-long.png') })
  provider.enqueue({ kind: 'reply', content: 'Answer 4' })
  await trim.click()
  await expect(page.getByRole('article', { name: 'Assistant' }).last()).toContainText('Answer 4')
  await expect(page.getByRole('list', { name: 'Parameters that are not default' })).toHaveText(
    'History: last 2 turns'
  )
  expect(getConversation(app.core.services.db, 1)?.params).toEqual({ historyTurns: 2 })
  const retried = provider.chatRequests()[4].body
  expect(retried.messages.map((m: { content: string }) => m.content)).toEqual([
    'Question 2',
    'Answer 2',
    'Question 3',
    'Answer 3',
    'Question 4'
  ])
})
