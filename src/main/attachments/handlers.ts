// Attaching a file in the composer: checked, stored, kept as a draft until it is sent.
import type { Handlers } from '../../shared/contract'
import { modelOrTextOnly } from '../../shared/models'
import { AppError } from '../errors'
import type { AttachmentCatalog } from './catalog'
import { ingestAttachment } from './ingest'
import type { AttachmentStore } from './store'

export type AttachmentRequest = 'addAttachment'

/** Stores a dropped, pasted or picked file, or refuses it with the reason. */
export function attachmentHandlers(
  store: AttachmentStore,
  catalog: AttachmentCatalog,
  /** Told of every image stored (its text is read in the background); every caller passes it. */
  onImageStored: (sha256: string) => void
): Pick<Handlers, AttachmentRequest> {
  return {
    addAttachment: async ({ name, data, model }) => {
      const ingested = await ingestAttachment(store, { name, bytes: data }, modelOrTextOnly(model))
      if (!ingested.ok) {
        throw new AppError('attachment_refused', ingested.error.message, {
          reason: ingested.error.code,
          params: ingested.error.params
        })
      }
      if (ingested.value.kind === 'image') onImageStored(ingested.value.sha256)
      const { frames, placeholderThumbnail: _placeholder, part: _part, ...record } = ingested.value
      return { ...catalog.addDraft(record), frames }
    }
  }
}
