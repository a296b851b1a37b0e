import type { KeyStatus } from '../../shared/types'
import { AppError } from '../errors'

/** Where the API key is kept: the OS keychain in the app, the same keychain in tests. */
export interface SecretStore {
  get(): Promise<string | null>
  set(secret: string): Promise<void>
  delete(): Promise<void>
}

/** The OS keychain through keytar (Secret Service on Linux, Keychain on macOS, Credential Vault on Windows). */
export function createKeytarStore(service: string, account = 'api-key'): SecretStore {
  // Loaded lazily so a missing native module shows up as "no keychain", not as a crash at start.
  const keytar = async (): Promise<typeof import('keytar')> => {
    const module = await import('keytar')
    return (module as { default?: typeof import('keytar') }).default ?? module
  }
  return {
    get: async () => (await keytar()).getPassword(service, account),
    set: async (secret) => (await keytar()).setPassword(service, account, secret),
    delete: async () => {
      await (await keytar()).deletePassword(service, account)
    }
  }
}

/**
 * Holds the API key: in the keychain when there is one; otherwise only in this process's memory
 * (the user is told), never on disk in clear.
 */
export class KeyManager {
  private memoryKey: string | null = null
  private keychainError: string | null = null

  constructor(private readonly store: SecretStore) {}

  /** The key for requests; never sent to the renderer. */
  async getKey(): Promise<string | null> {
    if (this.memoryKey !== null) return this.memoryKey
    try {
      const key = await this.store.get()
      this.keychainError = null
      return key
    } catch (error) {
      this.keychainError = describe(error)
      return null
    }
  }

  async status(): Promise<KeyStatus> {
    const key = await this.getKey()
    // getKey() skips the keychain while a memory key is set: probe it so status stays honest.
    if (this.memoryKey !== null) await this.probe()
    return {
      keychain: this.keychainError === null ? 'available' : 'unavailable',
      keychainError: this.keychainError,
      hasKey: key !== null,
      last4: key === null ? null : key.slice(-4),
      storage: key === null ? null : this.memoryKey !== null ? 'memory' : 'keychain'
    }
  }

  async setKey(key: string): Promise<KeyStatus> {
    try {
      await this.store.set(key)
      this.memoryKey = null
      this.keychainError = null
    } catch (error) {
      this.keychainError = describe(error)
      this.memoryKey = key
    }
    return this.status()
  }

  async deleteKey(): Promise<KeyStatus> {
    this.memoryKey = null
    try {
      await this.store.delete()
    } catch (error) {
      this.keychainError = describe(error)
    }
    return this.status()
  }

  /** The key, or an error the UI turns into "set a key". */
  async requireKey(): Promise<string> {
    const key = await this.getKey()
    if (key === null) throw new AppError('no_key', 'No API key is set.')
    return key
  }

  private async probe(): Promise<void> {
    try {
      await this.store.get()
      this.keychainError = null
    } catch (error) {
      this.keychainError = describe(error)
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
