// The harness's stand-in for src/preload/index.ts: the same buildApi, over Playwright bindings
// instead of ipcRenderer. Bundled by esbuild and injected before the page's scripts run.
import { buildApi } from '../../src/preload/api'

declare global {
  interface Window {
    __seedChatInvoke(channel: string, args: unknown): Promise<never>
    __seedChatEmit(channel: string, payload: unknown): void
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>()

window.__seedChatEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

Object.defineProperty(window, 'api', {
  value: buildApi({
    invoke: (channel, args) => window.__seedChatInvoke(channel, args),
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  }),
  writable: false
})
