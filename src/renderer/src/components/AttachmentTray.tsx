import { useEffect, useId, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentDraft } from '../../../shared/types'
import { estimateFrames } from '../../../shared/attachments/frames'
import { FPS_DEFAULT, FPS_MAX, FPS_MIN } from '../../../shared/attachments/limits'
import type { ModelInfo } from '../../../shared/models'
import {
  ACCEPTED_FILES,
  attachmentBlock,
  clampFps,
  describeRefusal,
  formatBytes,
  formatDuration,
  modelInfoOf,
  modelTaking,
  type AttachmentKind
} from '../attachments'
import {
  selectCurrentModel,
  selectTray,
  type AttachmentRefusalNotice,
  type PendingAttachment
} from '../store'
import { useApp } from '../storeContext'
import { IconButton } from '../ui/IconButton'
import { Thumbnail } from '../ui/Thumbnail'
import './AttachmentTray.css'

/** The model the open composer sends to, with what it takes. */
export function useCurrentModelInfo(): { info: ModelInfo; models: readonly ModelInfo[] } {
  const models = useApp((s) => s.models)
  const current = useApp(selectCurrentModel)
  const info = useMemo(() => modelInfoOf(models, current), [models, current])
  return { info, models }
}

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
  const video = draft.kind === 'video'
  return (
    <li className={`tray-item${video ? ' tray-item-video' : ''}`}>
      <Thumbnail
        url={draft.thumbnailUrl}
        name={draft.name}
        kind={draft.kind}
        className="tray-thumb"
      />
      <div className="tray-meta">
        <span className="tray-name" title={draft.name}>
          {draft.name}
        </span>
        <span className="tray-size">
          {video && draft.durationSeconds !== null
            ? t('attachments.durationAndSize', {
                duration: formatDuration(draft.durationSeconds),
                size: formatBytes(draft.bytes)
              })
            : formatBytes(draft.bytes)}
        </span>
        {video && model.video ? <FpsControl draft={draft} model={model} /> : null}
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
            model: model.id,
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

/** Above the composer: refused files with the reason, and a model that cannot take the tray. */
export function AttachmentAlerts() {
  const { t } = useTranslation()
  const tray = useApp(selectTray)
  const { info, models } = useCurrentModelInfo()
  const switchModel = useApp((s) => s.switchModelForAttachments)
  const block = useMemo(
    () => attachmentBlock(tray.drafts, info, models),
    [tray.drafts, info, models]
  )
  // Files refused because of the model: one switch offers a model for all of them.
  const retryKinds = useMemo(() => {
    const kinds = new Set<AttachmentKind>()
    for (const refusal of tray.refusals) {
      if (refusal.file && refusal.error.reason === 'model_no_image') kinds.add('image')
      if (refusal.file && refusal.error.reason === 'model_no_video') kinds.add('video')
    }
    // The switch must keep what is already in the tray acceptable too.
    for (const draft of tray.drafts) kinds.add(draft.kind)
    return [...kinds]
  }, [tray.refusals, tray.drafts])
  const retryModel = useMemo(() => modelTaking(retryKinds, models), [retryKinds, models])

  if (!block && tray.refusals.length === 0) return null
  return (
    <div className="tray-alerts">
      {block ? (
        <div role="alert" className="tray-alert tray-alert-warning">
          <div className="tray-alert-text">
            <p>
              <strong>
                {t(`attachments.modelCannot.${block.kinds.length > 1 ? 'both' : block.kinds[0]}`, {
                  model: block.model
                })}
              </strong>
            </p>
            <p>{block.switchTo ? t('attachments.modelHint') : t('attachments.modelHintNone')}</p>
          </div>
          {block.switchTo ? (
            <button
              type="button"
              className="button"
              onClick={() => void switchModel(block.switchTo!)}
            >
              {t('attachments.switchTo', { model: block.switchTo })}
            </button>
          ) : null}
        </div>
      ) : null}
      {tray.refusals.map((refusal) => (
        <RefusalNotice
          key={refusal.id}
          refusal={refusal}
          switchTo={refusal.file ? retryModel : null}
          onSwitch={(model) => void switchModel(model)}
        />
      ))}
    </div>
  )
}

function RefusalNotice({
  refusal,
  switchTo,
  onSwitch
}: {
  refusal: AttachmentRefusalNotice
  switchTo: string | null
  onSwitch: (model: string) => void
}) {
  const { t } = useTranslation()
  const dismiss = useApp((s) => s.dismissRefusal)
  const description = describeRefusal(refusal.error, t)
  const label = refusal.name ?? t('attachments.sendRefused')
  return (
    <div role="alert" className="tray-alert tray-alert-error">
      <div className="tray-alert-text">
        <p>
          <strong className="tray-alert-name">{label}</strong>
          <span aria-hidden="true"> — </span>
          <span className="visually-hidden">: </span>
          {description.text}
        </p>
        {description.detail ? <p className="tray-alert-detail">{description.detail}</p> : null}
      </div>
      <div className="tray-alert-actions">
        {switchTo ? (
          <button type="button" className="button" onClick={() => onSwitch(switchTo)}>
            {t('attachments.switchAndAttach', { model: switchTo })}
          </button>
        ) : null}
        <IconButton
          label={
            refusal.name
              ? t('attachments.dismissRefusal', { name: refusal.name })
              : t('attachments.dismissSendRefusal')
          }
          title={t('app.dismiss')}
          onClick={() => dismiss(refusal.id)}
        >
          <span aria-hidden="true">×</span>
        </IconButton>
      </div>
    </div>
  )
}

/** The paperclip button and its hidden file picker. */
export function AttachButton() {
  const { t } = useTranslation()
  const addFiles = useApp((s) => s.addFiles)
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <IconButton
        className="composer-attach"
        label={t('attachments.attach')}
        title={t('attachments.attach')}
        onClick={() => input.current?.click()}
      >
        <PaperclipIcon />
      </IconButton>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept={ACCEPTED_FILES}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? [])
          // Cleared so that picking the same file again is a change too.
          event.target.value = ''
          void addFiles(files)
        }}
      />
    </>
  )
}

function PaperclipIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48" />
    </svg>
  )
}
