/// <reference types="vite/client" />
import type { Api } from '../../shared/contract'

declare global {
  interface Window {
    /** The typed IPC surface the preload script exposes; only the store calls it. */
    api: Api
  }
}
