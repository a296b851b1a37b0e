import { defineConfig } from '@playwright/test'

// Chromium is launched by the harness (test/harness/app.ts) from /usr/bin/chromium; the Electron
// suite launches Electron itself and skips, with the reason, where no binary exists.
export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: { trace: 'off' }
})
