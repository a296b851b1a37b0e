// Settings and the provider's side of them: the connection test and the model list.
import type { Handlers } from '../../shared/contract'
import type { Settings } from '../../shared/settings'
import { MODELS, findModel, catalogModel, type ModelInfo } from '../../shared/models'
import type { HistoryDatabase } from '../db/database'
import type { KeyManager } from '../secrets/keychain'
import { getSettings, updateSettings } from './settings'

export type SettingsRequest = 'getSettings' | 'updateSettings' | 'testConnection' | 'listModels'

/** What the settings requests need from the floors above them, handed in. */
export interface SettingsNeeds {
  /** The provider's model ids for a base URL and key (chat/client.ts's GET /models). */
  listModelIds(baseURL: string, apiKey: string): Promise<string[]>
  /** Told of every saved change. */
  onChanged?(settings: Settings): void
}

/** Settings live in the history database; the key comes from the keychain. */
export function settingsHandlers(
  db: HistoryDatabase,
  keys: KeyManager,
  { listModelIds, onChanged }: SettingsNeeds
): Pick<Handlers, SettingsRequest> {
  return {
    getSettings: async () => getSettings(db),
    updateSettings: async (patch) => {
      const settings = updateSettings(db, patch)
      onChanged?.(settings)
      return settings
    },
    testConnection: async (args) => {
      const key = args.key ?? (await keys.requireKey())
      const ids = await listModelIds(args.baseURL ?? getSettings(db).baseURL, key)
      return { modelCount: ids.length }
    },
    listModels: async () => {
      const key = await keys.getKey()
      if (key === null) return { models: [...MODELS], source: 'offline' }
      try {
        const ids = await listModelIds(getSettings(db).baseURL, key)
        return { models: modelsFrom(ids), source: 'provider' }
      } catch {
        return { models: [...MODELS], source: 'offline' }
      }
    }
  }
}

/** The provider's model ids, with what we know of each; an unlisted id by its family. */
function modelsFrom(ids: string[]): ModelInfo[] {
  const known = MODELS.filter((model) => ids.includes(model.id))
  const unknown = ids.filter((id) => !findModel(id)).map(catalogModel)
  return [...(known.length ? known : MODELS), ...unknown]
}
