// Renders renderer components with a store over a fake api, in English.
import { render } from '@testing-library/react'
import type { ReactElement, ReactNode } from 'react'
import { preloadAll } from '../../../src/renderer/src/appParts'
import { i18n } from '../../../src/renderer/src/i18n'
import { createAppStore, type AppStore } from '../../../src/renderer/src/store'
import { AppStoreProvider } from '../../../src/renderer/src/store/StoreProvider'
import { createFakeApi, type FakeApi } from './fake-api'

/** A store whose frames run synchronously, so streamed text shows at once in tests. */
export function createTestStore(fake: FakeApi = createFakeApi()): AppStore {
  return createAppStore(fake.api, {
    request: (callback) => {
      queueMicrotask(callback)
      return 0
    },
    cancel: () => {}
  })
}

export async function renderWithStore(ui: ReactElement, store: AppStore = createTestStore()) {
  await i18n.changeLanguage('en')
  // The dialogs' code is loaded before the app shows (the window preloads it after first paint):
  // a test opens a dialog and finds it at once.
  await preloadAll()
  // A wrapper (not a parent element) so that rerender keeps the provider.
  const wrapper = ({ children }: { children: ReactNode }) => (
    <AppStoreProvider store={store}>{children}</AppStoreProvider>
  )
  return { store, ...render(ui, { wrapper }) }
}
