// The harness's stand-in for src/preload/index.ts: the same buildApi, over Playwright bindings
// instead of ipcRenderer. Bundled by esbuild and injected before the page's scripts run.
import { buildApi } from '../../src/preload/api'

declare global {
  interface Window {
    __seedChatInvoke(channel: string, args: unknown): Promise<never>
    __seedChatResultPart(token: string, index: number): Promise<string>
    __seedChatEmit(channel: string, payload: unknown): void
  }
}

const listeners = new Map<string, Set<(payload: unknown) => void>>()

window.__seedChatEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload)
}

Object.defineProperty(window, 'api', {
  value: buildApi({
    invoke: async (channel, args) => {
      const result: unknown = await window.__seedChatInvoke(channel, args)
      if (typeof result !== 'object' || result === null || !('__harnessResult' in result))
        return result
      // A large result comes in parts, one DevTools message each (app.ts: inParts).
      const { __harnessResult: token, parts } = result as { __harnessResult: string; parts: number }
      const json: string[] = []
      for (let index = 0; index < parts; index++)
        json.push(await window.__seedChatResultPart(token, index))
      return JSON.parse(json.join(''))
    },
    subscribe: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  }),
  writable: false
})
