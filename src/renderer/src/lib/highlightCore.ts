// highlight.js through lowlight, with the common grammars: what the highlight worker runs. Its
// result is cut into pieces of whole lines, in a compact form (strings and numbers, cheap to send
// from the worker), so the page can put highlighted code into the DOM one piece per task.
import type { ElementContent, Root } from 'hast'
import { common, createLowlight } from 'lowlight'

const lowlight = createLowlight(common)

/** A piece of code ends after this many lines, or after the line that reaches CHUNK_ELEMENTS spans. */
export const CHUNK_LINES = 100
export const CHUNK_ELEMENTS = 800

/**
 * Highlighted code in pieces of whole lines. In a piece, a string is text, a number n ≥ 0 opens a
 * span with the classes `classes[n]`, and -1 closes the last one opened; every piece opens what
 * it closes. `texts[i]` is piece i's plain text, `elements[i]` its number of spans.
 */
export interface HighlightedCode {
  classes: string[]
  chunks: Array<Array<string | number>>
  texts: string[]
  elements: number[]
}

/** Cuts a highlight.js tree into HighlightedCode. */
export function chunksOf(tree: Root): HighlightedCode {
  const classes: string[] = []
  const classIndex = new Map<string, number>()
  const chunks: Array<Array<string | number>> = []
  const texts: string[] = []
  const elements: number[] = []
  const open: number[] = []
  let chunk: Array<string | number> = []
  let text = ''
  let lines = 0
  let count = 0
  const finish = () => {
    for (let i = 0; i < open.length; i++) chunk.push(-1)
    chunks.push(chunk)
    texts.push(text)
    elements.push(count)
    chunk = [...open]
    text = ''
    lines = 0
    count = open.length
  }
  const visit = (nodes: ElementContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const parts = node.value.split('\n')
        for (let i = 0; i < parts.length; i++) {
          if (i > 0) {
            chunk.push('\n')
            text += '\n'
            if (++lines >= CHUNK_LINES || count >= CHUNK_ELEMENTS) finish()
          }
          if (parts[i] !== '') {
            chunk.push(parts[i])
            text += parts[i]
          }
        }
      } else if (node.type === 'element') {
        const names = node.properties.className
        const name = Array.isArray(names) ? names.join(' ') : ''
        let index = classIndex.get(name)
        if (index === undefined) {
          index = classes.push(name) - 1
          classIndex.set(name, index)
        }
        chunk.push(index)
        open.push(index)
        count++
        visit(node.children)
        open.pop()
        chunk.push(-1)
      }
    }
  }
  visit(tree.children as ElementContent[])
  if (chunk.length > open.length || chunks.length === 0) finish()
  return { classes, chunks, texts, elements }
}

/** The code as highlighted pieces, or null for a language highlight.js does not know. */
export function highlightToChunks(code: string, language: string): HighlightedCode | null {
  if (!lowlight.registered(language)) return null
  return chunksOf(lowlight.highlight(language, code))
}
