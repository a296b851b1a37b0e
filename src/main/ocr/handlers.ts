// Requests about text recognized in images: the backfill's progress (Settings), an image's text
// (the attachment preview).
import type { Handlers } from '../../shared/contract'
import type { ImageTextService } from './imageText'

export type ImageTextRequest = 'getImageTextStatus' | 'getImageText'

export function imageTextHandlers(service: ImageTextService): Pick<Handlers, ImageTextRequest> {
  return {
    getImageTextStatus: async () => service.status(),
    getImageText: async ({ sha256 }) => {
      await service.textOf(sha256)
      const record = service.peek(sha256)
      return record ?? { status: 'pending', text: '' }
    }
  }
}
