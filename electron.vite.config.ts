import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Defaults: src/main/index.ts, src/preload/index.ts and src/renderer/index.html, built to out/.
export default defineConfig({
  main: {},
  preload: {
    // A sandboxed preload can only require 'electron': bundle its dependencies (zod) into it.
    build: { externalizeDeps: false }
  },
  renderer: {
    plugins: [react()]
  }
})
