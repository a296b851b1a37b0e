// The one door into main: binds the contract's handler table to ipcMain, after checking who asks.
import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { REQUEST_NAMES, channelOf, type Handlers } from '../shared/contract'
import type { Result } from '../shared/errors'
import { dispatch } from './dispatch'

/** Registers every request channel; calls from any frame but our own page are refused. */
export function registerHandlers(
  ipcMain: IpcMain,
  handlers: Handlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): void {
  for (const name of REQUEST_NAMES) {
    ipcMain.handle(channelOf(name), (event, args): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid_input', message: 'Request from an untrusted frame refused.' }
        })
      }
      return dispatch(handlers, name, args)
    })
  }
}
