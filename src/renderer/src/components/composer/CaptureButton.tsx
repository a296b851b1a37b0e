import { useTranslation } from 'react-i18next'
import { useApp } from '../../store/StoreProvider'
import { IconButton } from '../../ui/IconButton'
import './AttachButton.css'

/** Captures a screen region into this composer's tray (the region picker covers every display). */
export function CaptureButton() {
  const { t } = useTranslation()
  const captureRegion = useApp((s) => s.captureRegion)
  const capturing = useApp((s) => s.capturing)
  return (
    <IconButton
      className="composer-attach composer-capture"
      label={t('capture.button')}
      disabled={capturing}
      onClick={() => void captureRegion()}
    >
      <CaptureIcon />
    </IconButton>
  )
}

function CaptureIcon() {
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
      <path d="M3 8V5a2 2 0 0 1 2-2h3M16 3h3a2 2 0 0 1 2 2v3M21 16v3a2 2 0 0 1-2 2h-3M8 21H5a2 2 0 0 1-2-2v-3" />
      <rect x="8" y="8" width="8" height="8" rx="1" />
    </svg>
  )
}
