// The attachment side of a send: the composer's drafts (or attachments already in history)
// named in a request, checked to be still stored.
import type { z } from 'zod'
import type { requestSchemas } from '../../shared/contract'
import type { ModelInfo } from '../../shared/models'
import type { Message } from '../../shared/types'
import type { ImageTextOptions } from '../attachments/imageText'
import type { NewAttachment } from '../attachments/records'
import type { DocumentTexts } from '../attachments/documents/texts'
import type { AttachmentStore } from '../attachments/store'
import { AppError } from '../errors'
import { formatPageRanges, parsePageRanges } from '../../shared/attachments/documentPages'

/** What a request's attachments are built from: the store, the models, the text of images. */
export interface RequestSources {
  store: AttachmentStore
  /** What a model accepts, with the user's corrections. */
  modelFor(id: string): ModelInfo
  /** How an image reaches a model that cannot see it. */
  imageText: ImageTextOptions
  /** Documents' extracted text (sent as text parts). */
  documents?: DocumentTexts
}

/** The attachment side of a send: the file store, and the drafts waiting in the composer. */
export interface ChatAttachments extends RequestSources {
  /** Metadata of a stored draft or an attachment already in history; undefined if unknown. */
  find(sha256: string): NewAttachment | undefined
  /** Adds the renderer-facing fields to a message's attachments. */
  decorate(message: Message): Message
}

/** What to record for each attachment a send names; refused when one is no longer stored. */
export async function storedAttachments(
  attachments: ChatAttachments,
  refs: z.output<typeof requestSchemas.sendMessage>['attachments']
): Promise<NewAttachment[]> {
  const attached: NewAttachment[] = []
  for (const ref of refs) {
    const stored = attachments.find(ref.sha256)
    if (!stored || !(await attachments.store.has(ref.sha256))) {
      throw new AppError(
        'attachment_refused',
        `“${ref.name}” is no longer stored; attach it again.`,
        {
          reason: 'not_found',
          params: { name: ref.name }
        }
      )
    }
    attached.push({
      ...stored,
      name: ref.name,
      fps: stored.kind === 'video' ? (ref.fps ?? stored.fps) : null,
      pages: ref.pages === undefined ? null : chosenPages(attachments, ref.sha256, ref.pages)
    })
  }
  return attached
}

/** A PDF's chosen pages, written compactly; refused when they are not pages of that file. */
function chosenPages(attachments: ChatAttachments, sha256: string, input: string): string {
  const document = attachments.documents?.get(sha256)
  const chosen = document && document.pages !== null ? parsePageRanges(input, document.pages) : null
  if (!chosen) {
    throw new AppError('invalid_input', `“${input}” is not a choice of this file's pages.`)
  }
  return formatPageRanges(chosen)
}
