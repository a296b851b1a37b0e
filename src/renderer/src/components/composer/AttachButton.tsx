import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { ACCEPTED_FILES } from '../../lib/attachmentRules'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import './AttachButton.css'

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
