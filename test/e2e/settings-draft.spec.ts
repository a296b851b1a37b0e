// Settings in Chinese (issue 15, bugs 2 and 8): the https rule for the base URL is said in
// Chinese, and Escape with an unsaved base URL warns before the edit is dropped.
// Screenshots go to test-results/screens.
import { join } from 'node:path'
import { expect, test } from './fixtures'

const SCREENS = join(__dirname, '../../test-results/screens')

test('an http base URL is refused in Chinese; Escape warns before dropping the edit', async ({
  app,
  provider
}) => {
  await app.core.handlers.updateSettings({
    baseURL: provider.baseURL,
    language: 'zh-CN',
    theme: 'dark'
  })
  await app.core.handlers.setKey({ key: provider.apiKey })
  const page = app.page
  await page.reload()
  await page.setViewportSize({ width: 800, height: 700 })
  // Below 900 px Settings sits in the sidebar, an overlay opened from the header (issue 15).
  await page.getByRole('button', { name: '显示侧边栏' }).click()
  await page.getByRole('button', { name: '设置' }).click()
  const dialog = page.getByRole('dialog', { name: '设置' })
  await dialog.getByRole('tab', { name: '连接' }).click()
  const field = dialog.getByRole('textbox', { name: '基础 URL', exact: true })
  await field.fill('http://example.com/v1')
  await dialog.getByRole('button', { name: '保存', exact: true }).click()
  const refusal = dialog.getByRole('alert').filter({ hasText: '请求无效' })
  await expect(refusal).toContainText('基础 URL 必须以 https:// 开头')
  await expect(refusal).not.toContainText('must be')

  await page.keyboard.press('Escape')
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('alert').filter({ hasText: '尚未保存' })).toBeVisible()
  await expect(field).toHaveValue('http://example.com/v1')
  await field.scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(SCREENS, 'settings-unsaved-800-zh-CN-dark.png') })
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  expect((await app.core.handlers.getSettings(undefined)).baseURL).toBe(provider.baseURL)
})
