// @vitest-environment jsdom
// An answer of megabytes opened whole is cut into blocks a share per task (useBlocks.ts), the rest
// held as one block until then; a streaming answer is cut on from where the last cut stopped.
// Plain text is cut into pieces only as far as they are shown (PlainText.tsx).
import { renderHook, waitFor } from '@testing-library/react'
import { expect, it } from 'vitest'
import {
  SPLIT_CHARS_PER_TASK,
  useBlocks
} from '../../../src/renderer/src/components/markdown/useBlocks'
import { chunkText } from '../../../src/renderer/src/components/markdown/PlainText'
import { splitBlocks } from '../../../src/renderer/src/lib/markdownBlocks'

const paragraph = (i: number): string => `Paragraph ${i} ${'w'.repeat(4_000)}\n\n`
const answer = (paragraphs: number): string =>
  Array.from({ length: paragraphs }, (_, i) => paragraph(i)).join('')

it('cuts megabytes over several tasks, ending with the same blocks as one cut', async () => {
  const text = answer(800) // about 3.2 MB
  const whole = splitBlocks(text).blocks
  const { result } = renderHook(() => useBlocks(text))
  const first = result.current
  // The first task cut one share: the blocks in it, then the rest of the text as one block.
  expect(first.length).toBeLessThan(whole.length)
  expect(first.slice(0, -1)).toEqual(whole.slice(0, first.length - 1))
  expect(first.join('')).toBe(text)
  expect(first[first.length - 1].length).toBeGreaterThan(SPLIT_CHARS_PER_TASK)
  await waitFor(() => expect(result.current).toEqual(whole))
})

it('cuts a short answer at once, and a growing one from where it stopped', () => {
  const { result, rerender } = renderHook(({ text }) => useBlocks(text), {
    initialProps: { text: answer(3) }
  })
  expect(result.current).toEqual(splitBlocks(answer(3)).blocks)
  const before = result.current
  rerender({ text: `${answer(3)}More` })
  expect(result.current).toEqual([...before, 'More'])
  rerender({ text: 'Another answer' })
  expect(result.current).toEqual(['Another answer'])
})

it('cuts plain text into the pieces asked for, and on from them to the same pieces', () => {
  const text = Array.from({ length: 5_000 }, (_, i) => `line ${i}`).join('\n')
  const all = chunkText(text, null)
  const two = chunkText(text, null, 2)
  expect(two.chunks).toEqual(all.chunks.slice(0, 2))
  const five = chunkText(text, two, 5)
  expect(five.chunks).toEqual(all.chunks.slice(0, 5))
  expect(chunkText(text, five).chunks).toEqual(all.chunks)
  expect(all.chunks.join('')).toBe(text)
})
