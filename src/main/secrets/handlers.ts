// The API key's requests. They work while the history is refused: the key lives in the keychain.
import type { Handlers } from '../../shared/contract'
import type { KeyManager } from './keychain'

export type KeyRequest = 'getKeyStatus' | 'setKey' | 'deleteKey'

/** Reads, saves and deletes the key in the OS keychain (or memory, without one). */
export function keyHandlers(keys: KeyManager): Pick<Handlers, KeyRequest> {
  return {
    getKeyStatus: async () => keys.status(),
    setKey: async ({ key }) => keys.setKey(key),
    deleteKey: async () => keys.deleteKey()
  }
}
