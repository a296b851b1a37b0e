// Playwright fixtures: a fake provider, Debian's Chromium, and the app (real core + built
// renderer) on a fresh data directory with its own keychain entry.
import { expect, test as base, type Browser, type Locator, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'
import { createKeytarStore } from '../../src/main/secrets/keychain'
import { startFakeProvider, type FakeProvider } from '../fake-provider/server'
import { launchApp, launchChromium, type AppHarness, type AppOptions } from '../harness/app'

interface Fixtures {
  provider: FakeProvider
  keychainService: string
  appOptions: Partial<AppOptions>
  app: AppHarness
}

export const test = base.extend<Fixtures, { chromiumBrowser: Browser }>({
  chromiumBrowser: [
    async ({}, use) => {
      const browser = await launchChromium()
      await use(browser)
      await browser.close()
    },
    { scope: 'worker' }
  ],
  provider: async ({}, use) => {
    const provider = await startFakeProvider()
    await use(provider)
    await provider.close()
  },
  keychainService: async ({}, use) => {
    const service = `seed-chat-e2e-${randomUUID()}`
    await use(service)
    await createKeytarStore(service).delete()
  },
  appOptions: [{}, { option: true }],
  app: async ({ chromiumBrowser, keychainService, appOptions }, use) => {
    const app = await launchApp(chromiumBrowser, { keychainService, ...appOptions })
    await use(app)
    await app.close()
  }
})

export { expect }

/** The model picker's button (its name is "Model: <readable name>"). */
export function modelPicker(page: Page): Locator {
  return page.locator('.model-picker-trigger')
}

/** Picks a model as a user would: open the picker, type its id, Enter. */
export async function pickModel(page: Page, id: string): Promise<void> {
  await modelPicker(page).click()
  await page.locator('.model-popover').getByRole('combobox').fill(id)
  await page.keyboard.press('Enter')
  await expect(modelPicker(page)).toHaveAttribute('title', id)
}
