import { useMemo } from 'react'
import { modelDisplayName } from '../../../../shared/models'
import { useTranslation } from 'react-i18next'
import {
  attachmentBlock,
  describeRefusal,
  modelTaking,
  type AttachmentKind
} from '../../lib/attachmentRules'
import { selectTray, type AttachmentRefusalNotice } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import { useCurrentModelInfo } from './useCurrentModelInfo'
import './AttachmentAlerts.css'

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
      const reason = refusal.error.reason
      if (refusal.file && (reason === 'model_no_image' || reason === 'image_no_text'))
        kinds.add('image')
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
                  model: modelDisplayName(block.model)
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
              {t('attachments.switchTo', { model: modelDisplayName(block.switchTo) })}
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
            {t('attachments.switchAndAttach', { model: modelDisplayName(switchTo) })}
          </button>
        ) : null}
        <IconButton
          label={
            refusal.name
              ? t('attachments.dismissRefusal', { name: refusal.name })
              : t('attachments.dismissSendRefusal')
          }
          onClick={() => dismiss(refusal.id)}
        >
          <span aria-hidden="true">×</span>
        </IconButton>
      </div>
    </div>
  )
}
