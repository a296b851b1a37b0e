import { useEffect, useId, useRef, useState } from 'react'
import { modelDisplayName } from '../../../../shared/models'
import { useTranslation } from 'react-i18next'
import type { AttachmentDraft } from '../../../../shared/types'
import { estimateFrames } from '../../../../shared/attachments/frames'
import { FPS_DEFAULT, FPS_MAX, FPS_MIN } from '../../../../shared/attachments/limits'
import type { ModelInfo } from '../../../../shared/models'
import { clampFps, formatBytes, formatDuration } from '../../lib/attachmentRules'
import { estimateAttachmentTokens } from '../../lib/promptEstimate'
import { formatPageRanges } from '../../../../shared/attachments/documentPages'
import { selectTray, type PendingAttachment } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { Thumbnail } from '../../ui/Thumbnail'
import { DocumentPreview } from '../chat/chatDialogs'
import { ImageAsText } from './ImageAsText'
import { useCurrentModelInfo } from './useCurrentModelInfo'
import './AttachmentTray.css'

/** The open composer's attachments: thumbnails with name, size, fps for videos, and Remove. */
export function AttachmentTray() {
  const { t } = useTranslation()
  const tray = useApp(selectTray)
  const { info } = useCurrentModelInfo()
  if (tray.drafts.length === 0 && tray.pending.length === 0) return null
  return (
    <ul className="tray" aria-label={t('attachments.tray')}>
      {tray.drafts.map((draft) => (
        <DraftItem key={draft.sha256} draft={draft} model={info} />
      ))}
      {tray.pending.map((pending) => (
        <PendingItem key={pending.id} pending={pending} />
      ))}
    </ul>
  )
}

function DraftItem({ draft, model }: { draft: AttachmentDraft; model: ModelInfo }) {
  const { t } = useTranslation()
  const removeDraft = useApp((s) => s.removeDraft)
  const [previewing, setPreviewing] = useState(false)
  const video = draft.kind === 'video'
  const thumbnail = (
    <Thumbnail
      url={draft.thumbnailUrl}
      name={draft.name}
      kind={draft.kind}
      className="tray-thumb"
    />
  )
  return (
    <li className={`tray-item${video ? ' tray-item-video' : ''}`}>
      {draft.kind === 'document' ? (
        <button
          type="button"
          className="message-thumb-button"
          aria-label={t('documentPreview.open', { name: draft.name })}
          onClick={() => setPreviewing(true)}
        >
          {thumbnail}
        </button>
      ) : (
        thumbnail
      )}
      {previewing ? (
        <DocumentPreview attachment={draft} onClose={() => setPreviewing(false)} />
      ) : null}
      <div className="tray-meta">
        <span className="tray-name" title={draft.name}>
          {draft.name}
        </span>
        <span className="tray-size">
          {draft.kind === 'document' && draft.document ? (
            <DocumentSize draft={draft} />
          ) : video && draft.durationSeconds !== null ? (
            t('attachments.durationAndSize', {
              duration: formatDuration(draft.durationSeconds),
              size: formatBytes(draft.bytes)
            })
          ) : (
            formatBytes(draft.bytes)
          )}
        </span>
        {video && model.video ? <FpsControl draft={draft} model={model} /> : null}
        {draft.kind === 'image' && !model.image ? (
          <ImageAsText model={model.id} text={draft.imageText} />
        ) : null}
      </div>
      <button
        type="button"
        className="tray-remove"
        aria-label={t('attachments.remove', { name: draft.name })}
        title={t('attachments.remove', { name: draft.name })}
        onClick={() => removeDraft(draft.sha256)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  )
}

/** A document's pages and tokens; a PDF sent in part says which pages, and can go whole again. */
function DocumentSize({ draft }: { draft: AttachmentDraft }) {
  const { t } = useTranslation()
  const setDraftPages = useApp((s) => s.setDraftPages)
  const pages = draft.document?.pages ?? null
  const count = estimateAttachmentTokens(draft)
  const size = formatBytes(draft.bytes)
  if (draft.chosenPages && pages !== null) {
    return (
      <>
        {t('attachments.documentPagesChosen', {
          pages: formatPageRanges(draft.chosenPages),
          total: pages,
          count,
          size
        })}{' '}
        <button
          type="button"
          className="button button-quiet tray-all-pages"
          aria-label={t('attachments.sendAllPagesOf', { name: draft.name })}
          onClick={() => setDraftPages(draft.sha256, null)}
        >
          {t('attachments.sendAllPages')}
        </button>
      </>
    )
  }
  return t('attachments.documentSize', {
    count,
    pages: pages ?? 0,
    size,
    context: pages === null ? 'text' : 'pages'
  })
}

function PendingItem({ pending }: { pending: PendingAttachment }) {
  const { t } = useTranslation()
  return (
    <li className="tray-item tray-item-pending" aria-busy="true">
      <span className="tray-thumb tray-thumb-pending" aria-hidden="true">
        <span className="spinner" />
      </span>
      <div className="tray-meta">
        <span className="tray-name" title={pending.name}>
          {pending.name}
        </span>
        <span className="tray-size">
          {formatBytes(pending.bytes)} · {t('attachments.checking')}
        </span>
      </div>
    </li>
  )
}

/** A video's frames per second, and what that costs in frames on the current model, live. */
function FpsControl({ draft, model }: { draft: AttachmentDraft; model: ModelInfo }) {
  const { t } = useTranslation()
  const id = useId()
  const setDraftFps = useApp((s) => s.setDraftFps)
  const fps = draft.fps ?? FPS_DEFAULT
  // The box keeps what the user is typing ("0." on the way to "0.5"); the store keeps valid rates.
  const [typed, setTyped] = useState(String(fps))
  const focused = useRef(false)
  useEffect(() => {
    if (!focused.current) setTyped(String(fps))
  }, [fps])
  const estimate = estimateFrames(draft.durationSeconds ?? 0, fps, model)
  const note =
    estimate.limitedBy === 'minimum'
      ? t('attachments.framesMinimum', { minimum: estimate.frames })
      : estimate.limitedBy === 'maximum'
        ? t('attachments.framesMaximum', {
            model: modelDisplayName(model.id),
            maximum: estimate.maxFrames,
            fps: Math.round(estimate.effectiveFps * 100) / 100
          })
        : null

  return (
    <div className="fps">
      <div className="fps-row">
        <input
          id={id}
          type="number"
          className="fps-input"
          min={FPS_MIN}
          max={FPS_MAX}
          step={0.1}
          inputMode="decimal"
          aria-label={t('attachments.fpsFor', { name: draft.name })}
          value={typed}
          onFocus={() => (focused.current = true)}
          onChange={(event) => {
            setTyped(event.target.value)
            const value = Number(event.target.value)
            if (event.target.value !== '' && value >= FPS_MIN && value <= FPS_MAX)
              setDraftFps(draft.sha256, value)
          }}
          onBlur={(event) => {
            focused.current = false
            const value = Number(event.target.value)
            // Out of range is brought into range; not a number keeps the rate in force.
            const next = event.target.value !== '' && Number.isFinite(value) ? clampFps(value) : fps
            setDraftFps(draft.sha256, next)
            setTyped(String(next))
          }}
        />
        <label htmlFor={id} className="fps-unit">
          {t('attachments.fpsUnit')}
        </label>
        <span className="fps-frames">{t('attachments.frames', { count: estimate.frames })}</span>
      </div>
      {note ? <p className="fps-note">{note}</p> : null}
    </div>
  )
}
