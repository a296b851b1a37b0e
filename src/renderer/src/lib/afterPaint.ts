// Work that must not delay a frame: run it once that frame has been painted.
import { startTransition, useEffect, useState } from 'react'

/** Calls `then` once the current frame has been painted. */
export function afterPaint(then: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(then, 0)
    return
  }
  // A task posted from a frame callback runs after that frame's paint.
  requestAnimationFrame(() => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      then()
    }
    channel.port2.postMessage(null)
  })
}

/**
 * `value` as it was until the frame that shows the new one has been painted: what depends on it
 * (a meter under the composer) follows a frame later, in a transition, instead of adding to it.
 */
export function useValueAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value)
  useEffect(() => {
    if (Object.is(shown, value)) return
    let current = true
    afterPaint(() => {
      if (current) startTransition(() => setShown(() => value))
    })
    return () => {
      current = false
    }
  }, [value, shown])
  return shown
}
