import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    // Keychain and SQLite tests share one Secret Service; 2 cores here.
    maxWorkers: 2,
    testTimeout: 20_000
  }
})
