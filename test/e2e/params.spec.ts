// Request parameters as the user meets them without the parameters panel: a conversation whose
// parameters the chosen model refuses is not sent (and says which one); a request longer than the
// context says so. Screenshots go to test-results/screens.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { AppHarness } from '../harness/app'
import type { FakeProvider } from '../fake-provider/server'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

/** A conversation made with reasoning effort high, then switched to GLM (which takes none). */
async function conversationForGlm(
  app: AppHarness,
  provider: FakeProvider,
  box: string
): Promise<Page> {
  const handlers = app.core.handlers
  await handlers.updateSettings({ baseURL: provider.baseURL })
  await handlers.setKey({ key: provider.apiKey })
  const sent = await handlers.sendMessage({
    conversationId: null,
    model: 'doubao-seed-1-6-251015',
    text: 'Think hard about this',
    attachments: [],
    params: { reasoningEffort: 'high', temperature: 0.4 }
  })
  await app.core.services.chat.whenIdle(sent.assistantMessage.id)
  await handlers.setConversationModel({ id: sent.conversation.id, model: 'glm-4-7-251222' })
  await app.page.reload()
  await app.page
    .getByRole('navigation')
    .getByRole('button', { name: 'Think hard about this' })
    .click()
  await expect(app.page.getByRole('textbox', { name: box })).toBeVisible()
  return app.page
}

test('a parameter the model does not take: refused with words, nothing sent, the draft kept', async ({
  app,
  provider
}) => {
  const page = await conversationForGlm(app, provider, 'Message')
  expect(provider.chatRequests()).toHaveLength(1)
  const box = page.getByRole('textbox', { name: 'Message' })
  await box.fill('One more question')
  await box.press('Enter')
  await expect(
    page.getByText(
      'This model does not take a reasoning effort. Set Reasoning effort to Default or pick another model. Nothing was sent.'
    )
  ).toBeVisible()
  await expect(box).toHaveValue('One more question')
  expect(provider.chatRequests()).toHaveLength(1)
  await page.screenshot({ path: join(SCREENS, 'unsupported-param.png') })
})

test('OutofContextError says the conversation is too long for the model', async ({
  app,
  provider
}) => {
  await app.core.handlers.updateSettings({ baseURL: provider.baseURL })
  await app.core.handlers.setKey({ key: provider.apiKey })
  await app.page.reload()
  provider.enqueue({
    kind: 'error',
    status: 400,
    error: {
      message: 'Total tokens exceed max message tokens.',
      type: 'BadRequest',
      code: 'OutofContextError'
    }
  })
  const box = app.page.getByRole('textbox', { name: 'Message' })
  await box.fill('A very long question')
  await box.press('Enter')
  await expect(
    app.page.getByText(
      'The conversation is longer than the model can read at once. Send only the last few turns of history, or start a new chat.'
    )
  ).toBeVisible()
  await app.page.screenshot({ path: join(SCREENS, 'context-too-long.png') })
})

test.describe('in Simplified Chinese', () => {
  test.use({ appOptions: { locale: 'zh-CN' } })

  test('the refusal in Chinese', async ({ app, provider }) => {
    const page = await conversationForGlm(app, provider, '消息')
    const box = page.getByRole('textbox', { name: '消息' })
    await box.fill('再问一个')
    await box.press('Enter')
    await expect(
      page.getByText('此模型不支持推理强度。请将“推理强度”设为默认，或换一个模型。未发送任何内容。')
    ).toBeVisible()
    expect(provider.chatRequests()).toHaveLength(1)
    await page.screenshot({ path: join(SCREENS, 'unsupported-param-zh-CN.png') })
  })
})
