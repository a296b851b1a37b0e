// The capture requests: start (freeze the displays, open the overlays), each overlay's picture,
// finish (crop or cancel), and attaching the region taken, exactly like a pasted file.
import type { Handlers } from '../../shared/contract'
import { AppError } from '../errors'
import type { CaptureSession } from './session'

export type CaptureRequest = 'startCapture' | 'getCaptureImage' | 'finishCapture' | 'attachCapture'

export function captureHandlers(
  session: CaptureSession,
  /** The attachments' own request: a region is checked and stored as a pasted file is. */
  addAttachment: Handlers['addAttachment']
): Pick<Handlers, CaptureRequest> {
  return {
    startCapture: ({ target }) => session.start(target),
    getCaptureImage: async ({ display }) => session.image(display),
    finishCapture: async (args) => {
      await session.finish(args)
      return null
    },
    attachCapture: async ({ model }) => {
      const taken = session.take()
      if (!taken) throw new AppError('not_found', 'The captured region was already attached.')
      // The same checks, budgets, store and draft as a dropped or pasted file.
      return addAttachment({ name: taken.name, data: new Uint8Array(taken.png), model })
    }
  }
}
