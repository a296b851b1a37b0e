// React access to the store: a provider for tests and the app, and a selector hook.
import { createContext, useContext, type ReactNode } from 'react'
import { useStore } from 'zustand'
import { getAppStore, type AppState, type AppStore } from './index'

const StoreContext = createContext<AppStore | null>(null)

/** Provides a store to the tree; without one, components use the app's store over window.api. */
export function AppStoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

/** The store itself, for reading state inside event handlers. */
export function useAppStore(): AppStore {
  return useContext(StoreContext) ?? getAppStore()
}

/** Selects a slice of state; the component re-renders when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector)
}
