import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../store/StoreProvider'
import { useCurrentModelInfo } from './useCurrentModelInfo'
import './DropZone.css'

function carriesFiles(data: DataTransfer | null): boolean {
  return data !== null && Array.from(data.types).includes('Files')
}

/**
 * Files dropped anywhere on the window, or pasted anywhere (a screenshot), go to the open
 * composer. The one place that listens for paste: the text box does not, so a paste attaches once.
 */
export function DropZone() {
  const { t } = useTranslation()
  const store = useAppStore()
  const [dragging, setDragging] = useState(false)
  const { info } = useCurrentModelInfo()

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; count them to know when the drag leaves.
    let depth = 0
    const accepting = (): boolean => {
      const state = store.getState()
      return state.phase === 'chat' && !state.settingsOpen
    }
    function onDragEnter(event: DragEvent): void {
      if (!carriesFiles(event.dataTransfer)) return
      event.preventDefault()
      depth++
      if (accepting()) setDragging(true)
    }
    function onDragOver(event: DragEvent): void {
      if (!carriesFiles(event.dataTransfer)) return
      // Without this the drop is refused (and Electron would open the file in the window).
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = accepting() ? 'copy' : 'none'
    }
    function onDragLeave(event: DragEvent): void {
      if (!carriesFiles(event.dataTransfer)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    function onDrop(event: DragEvent): void {
      if (!carriesFiles(event.dataTransfer)) return
      event.preventDefault()
      depth = 0
      setDragging(false)
      const files = Array.from(event.dataTransfer?.files ?? [])
      if (files.length > 0 && accepting()) void store.getState().addFiles(files)
    }
    function onPaste(event: ClipboardEvent): void {
      const files = Array.from(event.clipboardData?.files ?? [])
      if (files.length === 0 || !accepting()) return
      // Text stays with the text box; files (a screenshot) go to the tray and nowhere else.
      event.preventDefault()
      void store.getState().addFiles(files)
    }
    window.addEventListener('dragenter', onDragEnter)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('drop', onDrop)
    window.addEventListener('paste', onPaste)
    return () => {
      window.removeEventListener('dragenter', onDragEnter)
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('dragleave', onDragLeave)
      window.removeEventListener('drop', onDrop)
      window.removeEventListener('paste', onPaste)
    }
  }, [store])

  if (!dragging) return null
  const textOnly = !info.image && !info.video
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div className="drop-card">
        <DropIcon />
        <p className="drop-title">{t('attachments.dropTitle')}</p>
        <p className="drop-formats">({t('attachments.dropFormats')})</p>
        <p className={textOnly ? 'drop-model drop-model-warning' : 'drop-model'}>
          {textOnly
            ? t('attachments.dropTextOnly', { model: info.id })
            : t('attachments.dropFor', { model: info.id })}
        </p>
      </div>
    </div>
  )
}

function DropIcon() {
  return (
    <svg
      width="40"
      height="40"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M12 3v12" />
      <path d="m7 10 5 5 5-5" />
      <path d="M5 21h14" />
    </svg>
  )
}
