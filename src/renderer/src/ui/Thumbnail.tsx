import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AttachmentKind } from '../lib/attachmentRules'
import './Thumbnail.css'

/** An attachment's thumbnail (a play mark on a video); a labelled tile when it cannot be loaded. */
export function Thumbnail({
  url,
  name,
  kind,
  className
}: {
  url: string
  name: string
  kind: AttachmentKind
  /** The box: `tray-thumb` in the composer, `message-thumb` in a sent message. */
  className: string
}) {
  const { t } = useTranslation()
  const [failed, setFailed] = useState(false)
  useEffect(() => setFailed(false), [url])
  const label = t('attachments.thumbnailOf', { name })
  if (failed) {
    return (
      <span className={`${className} thumb-missing`} role="img" aria-label={label}>
        {kind === 'video' ? '▶' : '🖼'}
      </span>
    )
  }
  return (
    <span className={className}>
      <img src={url} alt={label} draggable={false} onError={() => setFailed(true)} />
      {kind === 'video' ? (
        <span className="thumb-play" aria-hidden="true">
          ▶
        </span>
      ) : null}
    </span>
  )
}
