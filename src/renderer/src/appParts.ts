// What the window shows besides the chat: the dialogs, and the screens shown instead of the chat
// (a first start, a refused history). Each is a chunk of its own, loaded when first shown
// (ui/Later.tsx), so the first screen's script leaves them out; the dialogs are preloaded once
// the chat has painted (preloadDialogs), in this order.
import {
  DocumentPreview,
  ImagePreview,
  MoveToProjectDialog,
  ParamsPanel,
  ProjectDialog
} from './components/chat/chatDialogs'
import { later, preloadWhenIdle } from './ui/Later'

export const SearchDialog = later(() =>
  import('./components/search/SearchDialog').then((m) => m.SearchDialog)
)
export const SettingsDialog = later(() =>
  import('./components/settings/SettingsDialog').then((m) => m.SettingsDialog)
)
export const ShortcutSheet = later(() =>
  import('./components/app/ShortcutSheet').then((m) => m.ShortcutSheet)
)
export const ArchivedDialog = later(() =>
  import('./components/archive/ArchivedDialog').then((m) => m.ArchivedDialog)
)
export const SetupScreen = later(() =>
  import('./components/app/SetupScreen').then((m) => m.SetupScreen)
)
export const RecoveryScreen = later(() =>
  import('./components/app/RecoveryScreen').then((m) => m.RecoveryScreen)
)

const DIALOGS = [
  SearchDialog,
  SettingsDialog,
  ShortcutSheet,
  ArchivedDialog,
  ParamsPanel,
  ProjectDialog,
  MoveToProjectDialog,
  DocumentPreview,
  ImagePreview
]

let preloading = false
/** Loads every dialog's code while the window is idle, once, after the chat has painted. */
export function preloadDialogs(): void {
  if (preloading) return
  preloading = true
  preloadWhenIdle(DIALOGS)
}

/** Loads every part now (tests render the app and open its dialogs without waiting). */
export function preloadAll(): Promise<unknown> {
  return Promise.all([...DIALOGS, SetupScreen, RecoveryScreen].map((part) => part.preload()))
}
