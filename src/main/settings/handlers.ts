// Settings and the provider's side of them: the connection test and the model list.
import type { Handlers } from '../../shared/contract'
import { MODELS, findModel, modelOrTextOnly, type ModelInfo } from '../../shared/models'
import type { HistoryDatabase } from '../db/database'
import type { KeyManager } from '../secrets/keychain'
import { getSettings, updateSettings } from './settings'

export type SettingsRequest = 'getSettings' | 'updateSettings' | 'testConnection' | 'listModels'

/** The provider's model ids for a base URL and key (chat/client.ts's GET /models). */
export type ListModelIds = (baseURL: string, apiKey: string) => Promise<string[]>

/**
 * Settings live in the history database; the key comes from the keychain. The provider is asked
 * through `listModelIds`, handed in: the chat floor sits above settings.
 */
export function settingsHandlers(
  db: HistoryDatabase,
  keys: KeyManager,
  listModelIds: ListModelIds
): Pick<Handlers, SettingsRequest> {
  return {
    getSettings: async () => getSettings(db),
    updateSettings: async (patch) => updateSettings(db, patch),
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

/** The provider's model ids, with what we know of each; unknown ids are taken as text-only. */
function modelsFrom(ids: string[]): ModelInfo[] {
  const known = MODELS.filter((model) => ids.includes(model.id))
  const unknown = ids.filter((id) => !findModel(id)).map(modelOrTextOnly)
  return [...(known.length ? known : MODELS), ...unknown]
}
