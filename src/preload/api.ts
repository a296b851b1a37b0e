import { EVENT_NAMES, REQUEST_NAMES, channelOf, type Api, type EventName } from '../shared/contract'
import type { Result } from '../shared/errors'

/** How requests and events travel: Electron's ipcRenderer, or the Chromium test harness. */
export interface Transport {
  invoke(channel: string, args: unknown): Promise<Result<unknown>>
  subscribe(channel: string, listener: (payload: unknown) => void): () => void
}

/** Builds the typed `window.api` from the contract: a function per request, `onX` per event. */
export function buildApi(transport: Transport): Api {
  const api: Record<string, unknown> = {}
  for (const name of REQUEST_NAMES) {
    api[name] = (args?: unknown) => transport.invoke(channelOf(name), args)
  }
  for (const name of EVENT_NAMES) {
    api[subscriberName(name)] = (listener: (payload: unknown) => void) =>
      transport.subscribe(channelOf(name), listener)
  }
  return Object.freeze(api) as Api
}

function subscriberName(name: EventName): string {
  return `on${name[0].toUpperCase()}${name.slice(1)}`
}
