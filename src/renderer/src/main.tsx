import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/code.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { QuickAsk } from './components/quick/QuickAsk'
import './i18n'
import { logWindowErrors } from './lib/errorLog'
import { getAppStore } from './store'
import { AppStoreProvider } from './store/StoreProvider'

// The Quick Ask window loads the same page with its route (src/main/shell/desktop.ts).
const quickAsk = window.location.hash === '#/quick'
const store = getAppStore()
store.getState().setQuickAsk(quickAsk)
logWindowErrors(window, store.getState().logError)
void store.getState().init()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreProvider store={store}>{quickAsk ? <QuickAsk /> : <App />}</AppStoreProvider>
  </StrictMode>
)
