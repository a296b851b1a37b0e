// Opening a long chat in one frame: blocks whose Markdown has not been rendered yet show their
// text first, and are upgraded to Markdown after that frame is painted, as one interruptible
// React transition (a key press or a streamed token goes first). Rendered blocks are kept, so a
// row scrolled away and back shows its Markdown at once.
import { afterPaint } from '../../lib/afterPaint'
import {
  createContext,
  type ReactElement,
  startTransition,
  useCallback,
  useMemo,
  useRef,
  useState
} from 'react'

const CACHE_SIZE = 600
const rendered = new Map<string, ReactElement>()

/** A block's rendered Markdown, if it was rendered before (most recently used kept). */
export function cachedBlock(key: string): ReactElement | undefined {
  const found = rendered.get(key)
  if (found !== undefined) {
    rendered.delete(key)
    rendered.set(key, found)
  }
  return found
}

export function rememberBlock(key: string, element: ReactElement): void {
  rendered.set(key, element)
  if (rendered.size > CACHE_SIZE) rendered.delete(rendered.keys().next().value as string)
}

/**
 * Where blocks may show plain text first (the chat's message list): `frame` counts the upgrades
 * done; a block that mounted plain at frame n shows Markdown once frame > n. `request` asks for the
 * next upgrade, once the frame being drawn has been painted.
 */
export interface PlainFirst {
  frame: number
  request(): void
}

export const PlainFirstContext = createContext<PlainFirst | null>(null)

/**
 * The message list's upgrades: one state update per painted frame for every block waiting, in a
 * transition, so React renders the blocks' Markdown in slices a key press or a token can cut into.
 */
export function usePlainFirst(): PlainFirst {
  const [frame, setFrame] = useState(0)
  const asked = useRef(false)
  const request = useCallback(() => {
    if (asked.current) return
    asked.current = true
    afterPaint(() => {
      asked.current = false
      startTransition(() => setFrame((done) => done + 1))
    })
  }, [])
  return useMemo(() => ({ frame, request }), [frame, request])
}
