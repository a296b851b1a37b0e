// Long text as separate pieces: a growing text changes only its last piece, pieces enter the page
// PIECES_PER_TASK per task, and pieces off screen are skipped by layout and paint
// (content-visibility), so megabytes of text neither lay out again on every streamed chunk nor
// all at once when opened.
import { memo, useEffect, useMemo, useRef, useState } from 'react'
import './CodeBlock.css'

/** Lines per piece. */
const CHUNK_LINES = 200
/** At most this many characters per piece: a single line of megabytes is cut too. */
const CHUNK_CHARS = 16_000
/** Pieces put into the page per task: megabytes of text enter it over several tasks. */
const PIECES_PER_TASK = 16
/** Text shorter than this is one piece. */
const CHUNKED_CHARS = 20_000

export interface Chunks {
  text: string
  chunks: string[]
  starts: number[]
}

/** Cuts text into pieces; given the pieces of a prefix, only its last piece is cut again. */
export function chunkText(text: string, previous: Chunks | null): Chunks {
  let chunks: string[] = []
  let starts: number[] = []
  let from = 0
  if (previous && previous.chunks.length > 0 && text.startsWith(previous.text)) {
    chunks = previous.chunks.slice(0, -1)
    starts = previous.starts.slice(0, -1)
    from = previous.starts[previous.starts.length - 1]
  }
  while (from < text.length) {
    const limit = Math.min(text.length, from + CHUNK_CHARS)
    let end = from
    for (let line = 0; line < CHUNK_LINES && end !== -1 && end < limit; line++)
      end = text.indexOf('\n', end + 1)
    const stop = end === -1 || end >= limit ? limit : end + 1
    chunks.push(text.slice(from, stop))
    starts.push(from)
    from = stop
  }
  return { text, chunks, starts }
}

/** The pieces of a text, each a `code-chunk` span (display: block, content-visibility: auto). */
export function TextChunks({ text }: { text: string }) {
  const previous = useRef<Chunks | null>(null)
  const { chunks } = useMemo(() => (previous.current = chunkText(text, previous.current)), [text])
  const [count, setCount] = useState(PIECES_PER_TASK)
  useEffect(() => {
    if (count >= chunks.length) return
    // A task of its own for the next pieces, after this one has painted.
    const timer = setTimeout(() => setCount(count + PIECES_PER_TASK), 0)
    return () => clearTimeout(timer)
  }, [count, chunks.length])
  return chunks.slice(0, count).map((chunk, index) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: pieces only grow at the end: the index is their identity
    <Chunk key={index} text={chunk} />
  ))
}

const Chunk = memo(function Chunk({ text }: { text: string }) {
  return <span className="code-chunk">{text}</span>
})

/** Text shown as it is (white space kept), in pieces when long. */
export function PlainText({
  text,
  className,
  pre = false
}: {
  text: string
  className: string
  pre?: boolean
}) {
  const Tag = pre ? 'pre' : 'p'
  return (
    <Tag className={className}>
      {text.length > CHUNKED_CHARS ? <TextChunks text={text} /> : text}
    </Tag>
  )
}
