import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/code.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './i18n'
import { logWindowErrors } from './lib/errorLog'
import { getAppStore } from './store'
import { AppStoreProvider } from './store/StoreProvider'

const store = getAppStore()
logWindowErrors(window, store.getState().logError)
void store.getState().init()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>
)
