// The key as the log learns it: every key read from or written to the keychain becomes a secret
// no log line carries (the renderer's typed keys are registered in activity.ts).
import type { AppLog } from './logger'

/** A key store, as secrets/keychain.ts's SecretStore is (the log sits below the features). */
interface KeyStore {
  get(): Promise<string | null>
  set(secret: string): Promise<void>
  delete(): Promise<void>
}

/** The store, telling the log every key that passes through it. */
export function keysKeptFromLog(store: KeyStore, log: Pick<AppLog, 'addSecret'>): KeyStore {
  return {
    get: async () => {
      const key = await store.get()
      if (key) log.addSecret(key)
      return key
    },
    set: async (secret) => {
      log.addSecret(secret)
      await store.set(secret)
    },
    delete: () => store.delete()
  }
}
