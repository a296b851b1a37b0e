import { useTranslation } from 'react-i18next'
import { MAX_REQUEST_BYTES } from '../../../../shared/attachments/limits'
import { formatBytes } from '../../lib/attachmentRules'
import { selectLeftOut } from '../../store'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import './LeftOutNotice.css'

/** Earlier attachments the last request went without (64 MB limit, model, missing file). */
export function LeftOutNotice() {
  const { t } = useTranslation()
  const leftOut = useApp(selectLeftOut)
  const conversationId = useApp((s) => s.activeConversationId)
  const dismiss = useApp((s) => s.dismissLeftOut)
  if (leftOut.length === 0 || conversationId === null) return null
  return (
    <div role="status" className="left-out">
      <div className="left-out-text">
        <p className="left-out-title">{t('attachments.leftOut.title')}</p>
        <ul>
          {leftOut.map((item) => (
            <li key={`${item.messageId}-${item.ordinal}`}>
              {t(`attachments.leftOut.${item.reason}`, {
                name: item.name,
                limit: formatBytes(MAX_REQUEST_BYTES)
              })}
            </li>
          ))}
        </ul>
      </div>
      <IconButton
        label={t('attachments.leftOut.dismiss')}
        title={t('app.dismiss')}
        onClick={() => dismiss(conversationId)}
      >
        <span aria-hidden="true">×</span>
      </IconButton>
    </div>
  )
}
