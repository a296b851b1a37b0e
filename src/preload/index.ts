// Runs sandboxed with context isolation: exposes only the typed API, never ipcRenderer itself.
import { contextBridge, ipcRenderer } from 'electron'
import { buildApi } from './api'

const api = buildApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, args),
  subscribe: (channel, listener) => {
    const forward = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload)
    ipcRenderer.on(channel, forward)
    return () => ipcRenderer.removeListener(channel, forward)
  }
})

try {
  contextBridge.exposeInMainWorld('api', api)
} catch (error) {
  // The page gets no API; the line reaches main's log file over the same transport.
  void api.log({ level: 'error', scope: 'preload', message: `window.api: ${error}`.slice(0, 4000) })
  throw error
}
