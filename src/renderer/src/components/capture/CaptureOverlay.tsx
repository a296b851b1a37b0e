import { useEffect, useRef, useState, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useStore } from 'zustand'
import { applyLanguage } from '../../i18n'
import { describeError } from '../../lib/errorText'
import {
  moveRect,
  pickerKey,
  rectFromDrag,
  resizeRect,
  toDeviceRect,
  type Point,
  type Rect,
  type Size
} from '../../lib/regionSelect'
import type { CaptureOverlayStore } from '../../store/captureOverlay'
import './CaptureOverlay.css'

const read = (): Size => ({ width: window.innerWidth, height: window.innerHeight })

/** The window's size in CSS pixels: the overlay covers its display exactly. */
function useViewSize(): Size {
  const [size, setSize] = useState(read)
  useEffect(() => {
    const onResize = (): void => setSize(read())
    window.addEventListener('resize', onResize)
    return () => window.removeEventListener('resize', onResize)
  }, [])
  return size
}

/**
 * One display's region picker: its frozen picture full-screen; drag a rectangle (its size shown
 * in device pixels); Enter or a double-click takes it (no selection: the whole display), Esc or a
 * right-click cancels, arrows move it (Shift: 10 px), Alt+arrows resize it.
 */
export function CaptureOverlay({ store }: { store: CaptureOverlayStore }) {
  const { t } = useTranslation()
  const image = useStore(store, (s) => s.image)
  const error = useStore(store, (s) => s.error)
  const done = useStore(store, (s) => s.done)
  const language = useStore(store, (s) => s.language)
  const view = useViewSize()
  const [rect, setRect] = useState<Rect | null>(null)
  const drag = useRef<Point | null>(null)
  const root = useRef<HTMLDivElement>(null)

  useEffect(() => {
    void store.getState().load()
  }, [store])
  useEffect(() => {
    if (language) applyLanguage(language)
  }, [language])
  useEffect(() => {
    document.title = t('capture.title')
    root.current?.focus()
  }, [t])

  const imageSize = image ? { width: image.imageWidth, height: image.imageHeight } : null
  const device = rect && imageSize ? toDeviceRect(rect, view, imageSize) : null

  function accept(): void {
    if (!imageSize) return
    const whole = { x: 0, y: 0, ...imageSize }
    void store.getState().accept(rect ? (device ?? whole) : whole)
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const key = pickerKey(event)
      if (!key) return
      event.preventDefault()
      if (key.action === 'accept') accept()
      else if (key.action === 'cancel') void store.getState().cancel()
      else if (rect) {
        const change = key.action === 'move' ? moveRect : resizeRect
        setRect(change(rect, key.dx, key.dy, view))
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  })

  const point = (event: PointerEvent): Point => ({ x: event.clientX, y: event.clientY })

  return (
    <div
      ref={root}
      className="capture-overlay"
      role="application"
      aria-label={t('capture.label')}
      aria-describedby="capture-help"
      tabIndex={-1}
      onPointerDown={(event) => {
        if (event.button !== 0 || !image) return
        event.currentTarget.setPointerCapture(event.pointerId)
        drag.current = point(event)
      }}
      onPointerMove={(event) => {
        const from = drag.current
        const to = point(event)
        // A new drag replaces the selection once the pointer moves; a click keeps it (a
        // double-click inside it takes it).
        if (from && (to.x !== from.x || to.y !== from.y)) setRect(rectFromDrag(from, to, view))
      }}
      onPointerUp={() => {
        drag.current = null
        setRect((picked) => (picked && picked.width >= 1 && picked.height >= 1 ? picked : null))
      }}
      onDoubleClick={accept}
      onContextMenu={(event) => {
        event.preventDefault()
        void store.getState().cancel()
      }}
    >
      {image && !done ? (
        <img className="capture-frozen" src={image.url} alt="" draggable={false} />
      ) : null}
      {rect && !done ? (
        <div
          className={`capture-selection${rect.y < 28 ? ' capture-selection-top' : ''}`}
          style={{ left: rect.x, top: rect.y, width: rect.width, height: rect.height }}
        >
          {device ? (
            <span className="capture-size" data-testid="capture-size">
              {t('capture.size', { width: device.width, height: device.height })}
            </span>
          ) : null}
        </div>
      ) : (
        <div className="capture-shade" />
      )}
      <div className="capture-help" id="capture-help">
        <p>{error ? describeError(error, t).text : t(done ? `capture.${done}` : 'capture.help')}</p>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {device ? t('capture.size', { width: device.width, height: device.height }) : ''}
      </p>
    </div>
  )
}
