import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * `npm run dev` only: Vite's dev server injects an inline React Refresh preamble, <style> tags and
 * an HMR websocket, which the app's strict CSP (src/renderer/index.html) blocks. Builds keep it.
 */
function devServerCsp(): Plugin {
  return {
    name: 'dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(
        /(http-equiv="Content-Security-Policy"\s+content=")[^"]*"/,
        `$1default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws:"`
      )
  }
}

// Defaults: src/main/index.ts, src/preload/index.ts and src/renderer/index.html, built to out/.
export default defineConfig({
  main: {
    // ESM-only: bundled into the CommonJS main rather than required from node_modules at run time.
    build: { externalizeDeps: { exclude: ['eventsource-parser'] } }
  },
  preload: {
    // A sandboxed preload can only require 'electron': bundle its dependencies (zod) into it.
    build: { externalizeDeps: false }
  },
  renderer: {
    plugins: [react(), devServerCsp()],
    // The first screen's script is parsed and compiled on every start: minified, it is a third.
    build: { minify: true }
  }
})
