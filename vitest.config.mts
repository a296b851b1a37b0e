import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// Timeouts guard against a hang, they do not measure speed: generous, so that a loaded machine
// (both cores busy, the suite under `nice`) passes the same tests. Waits use the same bound
// (test/setup/waits.ts).
const WAIT_TIMEOUT_MS = 30_000

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup/waits.ts'],
    // Keychain and SQLite tests share one Secret Service; 2 cores here.
    maxWorkers: 2,
    testTimeout: 60_000,
    // Hooks start cores, servers and databases: as slow as a test when the machine is busy.
    hookTimeout: 60_000,
    expect: { poll: { timeout: WAIT_TIMEOUT_MS } }
  }
})
