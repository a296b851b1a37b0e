// The key as the log learns it: every key read from or written to the keychain becomes a secret
// no log line carries (the renderer's typed keys are registered in activity.ts).
import type { SecretStore } from '../secrets/keychain'
import type { AppLog } from './logger'

/** The store, telling the log every key that passes through it. */
export function keysKeptFromLog(store: SecretStore, log: Pick<AppLog, 'addSecret'>): SecretStore {
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
