import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Attachment } from '../../../../shared/types'
import { formatBytes, formatDuration } from '../../lib/attachmentRules'
import { Thumbnail } from '../../ui/Thumbnail'
import { ImageAsText } from '../composer/ImageAsText'
import { DocumentPreview, ImagePreview } from './chatDialogs'
import { MarkedText } from './MarkedText'

/**
 * The images, videos and documents sent with a message: thumbnail, name, for videos length and
 * fps, and for a model that cannot see, that the images went as their text. An image opens in the
 * preview (with its recognized text), a document in its text preview; the one a search hit
 * matched inside is marked.
 */
export function MessageAttachments({
  attachments,
  terms,
  asTextFor,
  highlightedImage
}: {
  attachments: Attachment[]
  terms: readonly string[]
  asTextFor: string | null
  highlightedImage: string | null
}) {
  const { t } = useTranslation()
  const [previewing, setPreviewing] = useState<Attachment | null>(null)
  return (
    <>
      <ul className="message-attachments" aria-label={t('attachments.sent')}>
        {attachments.map((attachment, index) => {
          const marked = attachment.sha256 === highlightedImage
          const thumbnail = (
            <Thumbnail
              url={attachment.thumbnailUrl}
              name={attachment.name}
              kind={attachment.kind}
              className="message-thumb"
            />
          )
          return (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: the same file may be attached twice; the order is fixed
              key={`${attachment.sha256}-${index}`}
              className={
                marked ? 'message-attachment message-attachment-highlighted' : 'message-attachment'
              }
              title={`${attachment.name} · ${formatBytes(attachment.bytes)}`}
              data-highlighted={marked ? 'true' : undefined}
            >
              {attachment.kind !== 'video' ? (
                <button
                  type="button"
                  className="message-thumb-button"
                  aria-label={
                    attachment.kind === 'document'
                      ? t('documentPreview.open', { name: attachment.name })
                      : t('imageText.open', { name: attachment.name })
                  }
                  onClick={() => setPreviewing(attachment)}
                >
                  {thumbnail}
                </button>
              ) : (
                thumbnail
              )}
              <span className="message-attachment-name">
                <MarkedText text={attachment.name} terms={terms} />
              </span>
              {attachment.pages ? (
                <span className="video-badge">
                  {t('attachments.sentPages', { pages: attachment.pages })}
                </span>
              ) : null}
              {attachment.kind === 'video' ? (
                <span className="video-badge">
                  <span className="visually-hidden">{t('attachments.video')}: </span>
                  {t('attachments.badge', {
                    duration: formatDuration(attachment.durationSeconds ?? 0),
                    fps: attachment.fps ?? 1
                  })}
                </span>
              ) : null}
              {attachment.kind === 'image' && asTextFor ? (
                <ImageAsText model={asTextFor} overlay />
              ) : null}
            </li>
          )
        })}
      </ul>
      {previewing?.kind === 'document' ? (
        <DocumentPreview attachment={previewing} onClose={() => setPreviewing(null)} />
      ) : previewing ? (
        <ImagePreview attachment={previewing} onClose={() => setPreviewing(null)} />
      ) : null}
    </>
  )
}
