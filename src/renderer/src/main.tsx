import './styles/tokens.css'
import './styles/base.css'
import './styles/controls.css'
import './styles/code.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './i18n'
import { logWindowErrors } from './lib/errorLog'
import { captureRouteDisplay } from './lib/regionSelect'
import { getAppStore } from './store'
import { getCaptureOverlayStore } from './store/captureOverlay'
import { AppStoreProvider } from './store/StoreProvider'
import { later } from './ui/Later'

// The other windows' routes: chunks of their own, which the main window does not load.
const CaptureOverlay = later(() =>
  import('./components/capture/CaptureOverlay').then((m) => m.CaptureOverlay)
)
const QuickAsk = later(() => import('./components/quick/QuickAsk').then((m) => m.QuickAsk))

const root = createRoot(document.getElementById('root')!)
// An overlay window of a screen capture (#/capture?display=<id>) shows only the region picker.
const captureDisplay = captureRouteDisplay(window.location.hash)
if (captureDisplay !== null) {
  root.render(
    <StrictMode>
      <CaptureOverlay store={getCaptureOverlayStore(captureDisplay)} />
    </StrictMode>
  )
} else {
  // The Quick Ask window loads the same page with its route (src/main/shell/desktop.ts).
  const quickAsk = window.location.hash === '#/quick'
  const store = getAppStore()
  store.getState().setQuickAsk(quickAsk)
  logWindowErrors(window, store.getState().logError)
  void store.getState().init()
  root.render(
    <StrictMode>
      <AppStoreProvider store={store}>{quickAsk ? <QuickAsk /> : <App />}</AppStoreProvider>
    </StrictMode>
  )
}
