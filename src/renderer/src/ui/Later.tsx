import { Suspense, type ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import { afterPaint } from '../lib/afterPaint'
import './Later.css'

/** A component whose code is a chunk of its own, loaded on first use or earlier by `preload`. */
export interface LaterComponent<P extends object> {
  (props: P): React.JSX.Element
  /** Loads the component's code (once); a failed load is tried again on the next call. */
  preload: () => Promise<unknown>
}

/** A part's code: loaded once, kept once loaded. */
class Part<P extends object> {
  loaded: ComponentType<P> | undefined
  private pending: Promise<ComponentType<P>> | undefined
  constructor(private readonly load: () => Promise<ComponentType<P>>) {}

  preload = (): Promise<ComponentType<P>> => {
    this.pending ??= this.load().then(
      (component) => {
        this.loaded = component
        return component
      },
      (error: unknown) => {
        this.pending = undefined
        throw error
      }
    )
    return this.pending
  }
}

/**
 * A component loaded when it is first shown (`load` is a dynamic import): the first screen's
 * script leaves it out. Until its code is there, a loading note stands in; once loaded (or
 * preloaded) it renders at once, with no loading pass. Made once per part, at a module's top.
 */
export function later<P extends object>(load: () => Promise<ComponentType<P>>): LaterComponent<P> {
  const part = new Part(load)
  return Object.assign((props: P) => <LaterPart part={part} props={props} />, {
    preload: part.preload
  })
}

function LaterPart<P extends object>({ part, props }: { part: Part<P>; props: P }) {
  // The same tree loaded or not, so that the part is not mounted again once its code is there.
  return (
    <Suspense fallback={<LoadingLater />}>
      <LoadedPart part={part} props={props} />
    </Suspense>
  )
}

function LoadedPart<P extends object>({ part, props }: { part: Part<P>; props: P }) {
  // Suspends on the load until the code is there, as React.lazy does (in jsdom, `use` was never
  // woken by this promise; Chromium was).
  if (!part.loaded) throw part.preload()
  return <part.loaded {...props} />
}

/**
 * What shows while a part's code loads: a status note, seen only when loading takes longer than
 * a blink (Later.css).
 */
function LoadingLater() {
  const { t } = useTranslation()
  return (
    <div className="later-loading" role="status">
      {t('app.loading')}
    </div>
  )
}

/**
 * Loads `parts` one at a time, each when the window is idle, starting after the next frame is
 * painted: the first opening of a dialog then finds its code loaded, and the first screen's
 * paint and input do not wait for it.
 */
export function preloadWhenIdle(parts: ReadonlyArray<{ preload: () => Promise<unknown> }>): void {
  const queue = [...parts]
  const idle = (run: () => void): void => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 })
    else setTimeout(run, 0)
  }
  const next = (): void => {
    const part = queue.shift()
    if (!part) return
    idle(() => {
      // A failed preload is left to the opening, which tries again and shows its error.
      part.preload().then(next, next)
    })
  }
  afterPaint(next)
}
