// `ask --image/--video/--file`: each file read, stored as the composer stores a dropped one, and
// checked to be the kind its flag says; documents' token estimates for the budget check.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { AppErrorInfo } from '../shared/errors'
import type { AttachmentDraft } from '../shared/types'
import type { Core } from '../main/core'
import { dispatch } from '../main/dispatch'
import { documentPart } from './budget'
import type { AskOptions } from './args'

export interface AttachedFiles {
  attachments: { sha256: string; name: string; fps?: number; pages?: string }[]
  /** Each document's estimated tokens (only the pages chosen with --pages). */
  documentTokens: number[]
}

/** The files of `options`, attached for `model`; the first refusal (nothing is sent then). */
export async function attachFiles(
  core: Core,
  options: AskOptions,
  model: string,
  warn: (text: string) => void
): Promise<AttachedFiles | { error: AppErrorInfo }> {
  const attached: AttachedFiles = { attachments: [], documentTokens: [] }
  for (const [kind, files] of [
    ['image', options.images],
    ['video', options.videos],
    ['document', options.files]
  ] as const) {
    const flag = kind === 'document' ? 'file' : kind
    for (const file of files) {
      let data: Buffer
      try {
        data = await readFile(file)
      } catch (error) {
        const message = `--${flag} ${file}: ${(error as Error).message}`
        return { error: { code: 'invalid_input', message } }
      }
      const added = await dispatch(core.handlers, 'addAttachment', {
        name: basename(file),
        data: new Uint8Array(data),
        model
      })
      if (!added.ok) return { error: added.error }
      const draft = added.value as AttachmentDraft
      if (draft.kind !== kind) {
        const want = draft.kind === 'document' ? 'file' : draft.kind
        const message = `--${flag} ${file}: this file is a ${draft.kind}; give it with --${want}.`
        return { error: { code: 'invalid_input', message } }
      }
      if (draft.imageText !== undefined) {
        const why = options.ocr ? '--ocr' : `${model} cannot see images`
        warn(`${basename(file)}: sent as its recognized text (${why})\n`)
      }
      // --pages: only those pages of a PDF, counted as the composer counts them.
      const part = documentPart(draft, options.pages)
      if ('error' in part) return part
      if (part.tokens !== null) attached.documentTokens.push(part.tokens)
      attached.attachments.push({
        sha256: draft.sha256,
        name: draft.name,
        ...(kind === 'video' && options.fps !== undefined ? { fps: options.fps } : {}),
        ...(part.pages ? { pages: part.pages } : {})
      })
    }
  }
  return attached
}
