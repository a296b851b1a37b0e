// The one update request: the user's agreement to install the downloaded update.
import type { Handlers } from '../../shared/contract'
import { AppError } from '../errors'
import type { UpdateController } from './updates'

export type UpdateRequest = 'installUpdate'

/** installUpdate over the app's update controller; without one (dev, harness, CLI) it refuses. */
export function updateHandlers(
  updates: Pick<UpdateController, 'install'> | undefined
): Pick<Handlers, UpdateRequest> {
  return {
    installUpdate: async ({ version }) => {
      if (!updates) throw new AppError('not_found', 'This build of the app does not update itself.')
      return updates.install(version)
    }
  }
}
