// Each composer's attachment tray (keyed by conversation, 'new' for a new chat) and what the
// last send left out of its request.
import type { AppErrorInfo, Result } from '../../../../shared/errors'
import type { AttachmentDraft, LeftOutAttachment } from '../../../../shared/types'
import { FPS_DEFAULT } from '../../../../shared/attachments/limits'
import {
  MAX_ATTACHMENTS_PER_MESSAGE,
  MAX_FILE_BYTES,
  clampFps,
  fileName,
  localRefusal
} from '../../lib/attachmentRules'
import type { SliceArgs } from '../scope'
import { EMPTY_TRAY, selectCurrentModel, trayKeyOf } from '../selectors'

/** A file being read and checked by main; shown busy in the tray. */
export interface PendingAttachment {
  id: number
  name: string
  bytes: number
}

/** A file main (or the renderer) refused, shown with the reason until dismissed. */
export interface AttachmentRefusalNotice {
  id: number
  /** The file's name; null for a refusal of the whole message at send time. */
  name: string | null
  error: AppErrorInfo
  /** Kept when the model was the reason, so switching models can attach it again. */
  file: File | null
}

/** The files waiting in a composer: attached drafts, files in progress, refusals. */
export interface AttachmentTray {
  /** In attach order; `fps` holds the rate the user chose for videos. */
  drafts: AttachmentDraft[]
  pending: PendingAttachment[]
  refusals: AttachmentRefusalNotice[]
}

/** Which composer a tray belongs to: a conversation's, or the new chat's. */
export type TrayKey = 'new' | `${number}`

export interface ComposerSlice {
  /** Each composer's attachments, by conversation ('new' for a new chat). */
  trays: Partial<Record<TrayKey, AttachmentTray>>
  /** Earlier attachments the last send in a conversation left out of its request. */
  leftOut: Record<number, LeftOutAttachment[]>

  /** Reads and attaches files to the open composer, one after another; refusals go to its tray. */
  addFiles(files: File[]): Promise<void>
  removeDraft(sha256: string): void
  /** Sets a video's frames per second (clamped to 0.2..5, in steps of 0.1). */
  setDraftFps(sha256: string, fps: number): void
  /** Sends only these pages of a PDF draft (ascending); null sends all of it again. */
  setDraftPages(sha256: string, pages: number[] | null): void
  dismissRefusal(id: number): void
  /** Switches the open composer to `model` and attaches again the files refused for the model. */
  switchModelForAttachments(model: string): Promise<void>
  dismissLeftOut(conversationId: number): void
}

/** The composer slice: attaching files, and the notices about them. */
export function createComposerSlice(args: SliceArgs): ComposerSlice {
  const { set, get, scope } = args
  return {
    trays: {},
    leftOut: {},

    async addFiles(files) {
      if (files.length === 0) return
      const key = trayKeyOf(get().activeConversationId)
      const model = selectCurrentModel(get())
      const entries = files.map((file) => ({
        file,
        pending: {
          id: scope.nextTrayItemId++,
          name: fileName(file, fallbackName(file)),
          bytes: file.size
        } satisfies PendingAttachment
      }))
      // A new batch replaces the refusals of the last one.
      updateTray(args, key, (tray) => ({
        ...tray,
        pending: [...tray.pending, ...entries.map((e) => e.pending)],
        refusals: []
      }))
      const batch = scope.attachQueue.then(async () => {
        for (const { file, pending } of entries) {
          try {
            await attachOne(args, key, model, pending, file)
          } catch (error) {
            updateTray(args, key, (tray) => ({
              ...tray,
              pending: tray.pending.filter((p) => p.id !== pending.id)
            }))
            refuseFile(args, key, pending.name, { code: 'internal', message: String(error) }, null)
          }
        }
      })
      scope.attachQueue = batch
      await batch
    },

    removeDraft(sha256) {
      const key = trayKeyOf(get().activeConversationId)
      updateTray(args, key, (tray) => ({
        ...tray,
        drafts: tray.drafts.filter((d) => d.sha256 !== sha256)
      }))
    },

    setDraftFps(sha256, fps) {
      if (!Number.isFinite(fps)) return
      const value = clampFps(fps)
      const key = trayKeyOf(get().activeConversationId)
      updateTray(args, key, (tray) => ({
        ...tray,
        drafts: tray.drafts.map((d) =>
          d.sha256 === sha256 && d.kind === 'video' ? { ...d, fps: value } : d
        )
      }))
    },

    setDraftPages(sha256, pages) {
      const key = trayKeyOf(get().activeConversationId)
      updateTray(args, key, (tray) => ({
        ...tray,
        drafts: tray.drafts.map((d) => {
          if (d.sha256 !== sha256 || d.kind !== 'document') return d
          const { chosenPages: _chosen, ...rest } = d
          return pages ? { ...rest, chosenPages: pages } : rest
        })
      }))
    },

    dismissRefusal(id) {
      const key = trayKeyOf(get().activeConversationId)
      updateTray(args, key, (tray) => ({
        ...tray,
        refusals: tray.refusals.filter((r) => r.id !== id)
      }))
    },

    async switchModelForAttachments(model) {
      await get().selectModel(model)
      const state = get()
      if (selectCurrentModel(state) !== model) return
      const key = trayKeyOf(state.activeConversationId)
      const retry = (state.trays[key] ?? EMPTY_TRAY).refusals.filter((r) => r.file !== null)
      if (retry.length === 0) return
      updateTray(args, key, (tray) => ({
        ...tray,
        refusals: tray.refusals.filter((r) => r.file === null)
      }))
      await get().addFiles(retry.map((r) => r.file!))
    },

    dismissLeftOut(conversationId) {
      const leftOut = { ...get().leftOut }
      delete leftOut[conversationId]
      set({ leftOut })
    }
  }
}

/** Changes one tray; a tray left empty is removed. */
export function updateTray(
  { set, get }: SliceArgs,
  key: TrayKey,
  change: (tray: AttachmentTray) => AttachmentTray
): void {
  const trays = get().trays
  const next = change(trays[key] ?? EMPTY_TRAY)
  const copy = { ...trays }
  if (next.drafts.length === 0 && next.pending.length === 0 && next.refusals.length === 0)
    delete copy[key]
  else copy[key] = next
  set({ trays: copy })
}

/** Adds a refusal to a tray; `name` is null when the whole message was refused. */
export function refuseFile(
  args: SliceArgs,
  key: TrayKey,
  name: string | null,
  error: AppErrorInfo,
  file: File | null
): void {
  const notice: AttachmentRefusalNotice = { id: args.scope.nextTrayItemId++, name, error, file }
  updateTray(args, key, (tray) => ({ ...tray, refusals: [...tray.refusals, notice] }))
}

/** Reads one file and hands it to main; the draft or the refusal lands in the tray `key`. */
async function attachOne(
  args: SliceArgs,
  key: TrayKey,
  model: string,
  pending: PendingAttachment,
  file: File
): Promise<void> {
  const done = (): void =>
    updateTray(args, key, (tray) => ({
      ...tray,
      pending: tray.pending.filter((p) => p.id !== pending.id)
    }))
  const tray = args.get().trays[key] ?? EMPTY_TRAY
  if (tray.drafts.length >= MAX_ATTACHMENTS_PER_MESSAGE) {
    done()
    refuseFile(
      args,
      key,
      pending.name,
      localRefusal('too_many', { limit: MAX_ATTACHMENTS_PER_MESSAGE }),
      null
    )
    return
  }
  // The contract refuses bigger files without saying why; do not read them at all.
  if (file.size > MAX_FILE_BYTES) {
    done()
    refuseFile(
      args,
      key,
      pending.name,
      localRefusal('file_too_large', { bytes: file.size, limit: MAX_FILE_BYTES }),
      null
    )
    return
  }
  let data: Uint8Array<ArrayBuffer>
  try {
    data = new Uint8Array(await file.arrayBuffer())
  } catch {
    done()
    refuseFile(args, key, pending.name, localRefusal('unreadable'), null)
    return
  }
  const result = await args.api.addAttachment({ name: pending.name, data, model })
  landAttachment(args, key, pending, result, file)
}

/**
 * Puts main's answer for a pending file in the tray `key`: the draft, or the refusal (kept with
 * `file`, when there is one, if the model was the reason). A captured region lands here too.
 */
export function landAttachment(
  args: SliceArgs,
  key: TrayKey,
  pending: PendingAttachment,
  result: Result<AttachmentDraft>,
  file: File | null
): void {
  updateTray(args, key, (tray) => ({
    ...tray,
    pending: tray.pending.filter((p) => p.id !== pending.id)
  }))
  if (!result.ok) {
    // Kept so that switching to a model that takes it attaches it again.
    const byModel = ['model_no_image', 'model_no_video', 'image_no_text'].includes(
      result.error.reason ?? ''
    )
    if (result.error.code === 'attachment_refused')
      refuseFile(args, key, pending.name, result.error, byModel ? file : null)
    else refuseFile(args, key, pending.name, result.error, null)
    return
  }
  const draft = result.value
  updateTray(args, key, (current) =>
    // The same file twice is one attachment.
    current.drafts.some((d) => d.sha256 === draft.sha256)
      ? current
      : {
          ...current,
          drafts: [
            ...current.drafts,
            { ...draft, fps: draft.kind === 'video' ? (draft.fps ?? FPS_DEFAULT) : null }
          ]
        }
  )
}

/** A name for a file that came without one (a pasted screenshot), from its type. */
function fallbackName(file: File): string {
  const subtype = /^image\/([a-z0-9.+-]+)$/.exec(file.type)?.[1]
  return `pasted-image.${subtype === 'jpeg' ? 'jpg' : (subtype ?? 'png')}`
}
