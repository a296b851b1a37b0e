// Text recognized in images (offline, in main): the history's reading progress (Settings →
// History) and the text of an image opened in the preview; a document's text in its preview.
import type { DocumentPreview } from '../../../../shared/attachments/documentPages'
import type { ImageText, ImageTextStatus } from '../../../../shared/imageText'
import type { SliceArgs } from '../scope'

export interface ImageTextSlice {
  /** How many of the history's images have been read; null until asked. */
  imageTextStatus: ImageTextStatus | null
  /** The text of images opened in the preview, by sha256; 'loading' while main reads it. */
  imageTexts: Record<string, ImageText | 'loading'>

  /** The text of documents opened in the preview, by sha256; null when main keeps none. */
  documentPreviews: Record<string, DocumentPreview | null | 'loading'>

  refreshImageTextStatus(): Promise<void>
  /** Asks main for an image's text (read now if it never was); kept once known. */
  loadImageText(sha256: string): Promise<void>
  /** Asks main for a document's text, page by page; kept once known. */
  loadDocumentPreview(sha256: string): Promise<void>
}

export function createImageTextSlice({ set, get, api }: SliceArgs): ImageTextSlice {
  return {
    imageTextStatus: null,
    imageTexts: {},
    documentPreviews: {},

    async refreshImageTextStatus() {
      const result = await api.getImageTextStatus()
      if (result.ok) set({ imageTextStatus: result.value })
    },

    async loadImageText(sha256) {
      const known = get().imageTexts[sha256]
      if (known === 'loading' || (known && known.status !== 'pending')) return
      set({ imageTexts: { ...get().imageTexts, [sha256]: 'loading' } })
      const result = await api.getImageText({ sha256 })
      const text: ImageText = result.ok ? result.value : { status: 'failed', text: '' }
      set({ imageTexts: { ...get().imageTexts, [sha256]: text } })
    },

    async loadDocumentPreview(sha256) {
      if (get().documentPreviews[sha256] !== undefined) return
      set({ documentPreviews: { ...get().documentPreviews, [sha256]: 'loading' } })
      const result = await api.getDocumentText({ sha256 })
      set({
        documentPreviews: { ...get().documentPreviews, [sha256]: result.ok ? result.value : null }
      })
    }
  }
}
