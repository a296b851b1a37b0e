// Attaching a file in the composer: checked, stored, kept as a draft until it is sent.
import type { Handlers } from '../../shared/contract'
import type { ModelInfo } from '../../shared/models'
import { AppError } from '../errors'
import type { AttachmentCatalog } from './catalog'
import type { ImageTextOptions } from './imageText'
import { ingestAttachment } from './ingest'
import type { AttachmentStore } from './store'
import type { DocumentTexts } from './documents/texts'
import { documentSections } from '../../shared/attachments/documentPages'

export type AttachmentRequest = 'addAttachment' | 'getDocumentText'

/**
 * Stores a dropped, pasted or picked file, or refuses it with the reason. `modelFor` says what a
 * model accepts (with the user's corrections); an image it cannot see is read for its text.
 */
export function attachmentHandlers(
  store: AttachmentStore,
  catalog: AttachmentCatalog,
  modelFor: (id: string) => ModelInfo,
  imageText: ImageTextOptions,
  /** Told of every image stored (its text is read in the background); every caller passes it. */
  onImageStored: (sha256: string) => void,
  /** Where documents' text is kept. */
  documents?: DocumentTexts
): Pick<Handlers, AttachmentRequest> {
  return {
    getDocumentText: async ({ sha256 }) => {
      const document = documents?.get(sha256)
      if (!document) return null
      return {
        format: document.format,
        pages: document.pages,
        sections: documentSections(document.text, document.pages)
      }
    },
    addAttachment: async ({ name, data, model }) => {
      const ingested = await ingestAttachment(store, { name, bytes: data }, modelFor(model), {
        imageText,
        documents
      })
      if (!ingested.ok) {
        throw new AppError('attachment_refused', ingested.error.message, {
          reason: ingested.error.code,
          params: ingested.error.params
        })
      }
      if (ingested.value.kind === 'image') onImageStored(ingested.value.sha256)
      const {
        frames,
        imageText: text,
        placeholderThumbnail: _placeholder,
        part: _part,
        document,
        ...record
      } = ingested.value
      return {
        ...catalog.addDraft(record),
        frames,
        ...(text === null ? {} : { imageText: text }),
        ...(document === null ? {} : { document })
      }
    }
  }
}
