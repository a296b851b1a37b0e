// The Markdown pipeline for model output: GFM and a sanitizer as the last word. Code is
// highlighted later, off the main thread (components/markdown/CodeBlock.tsx).
// Raw HTML is shown as text, images are never loaded, and links keep only safe protocols.
import type { Element, ElementContent, Root, RootContent } from 'hast'
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize'
import remarkCjkFriendly from 'remark-cjk-friendly'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import type { PluggableList } from 'unified'
import type { VFile } from 'vfile'
import { termsPattern } from './historyView'

/**
 * What changes from one block to the next, carried on the file each run gets (file.data), so one
 * pipeline built once serves every block: the image label (the UI language) and search marks.
 */
export interface BlockData {
  imageLabel?: (alt: string) => string
  marks?: readonly string[]
}

const blockData = (file: VFile | undefined): BlockData => (file?.data ?? {}) as BlockData

type Parent = Root | Element

function walk(
  parent: Parent,
  visit: (node: RootContent, index: number, parent: Parent) => void
): void {
  // Iterate backwards so a visitor may replace the node it is given.
  for (let index = parent.children.length - 1; index >= 0; index--) {
    const node = parent.children[index]
    if (node.type === 'element') walk(node, visit)
    visit(node, index, parent)
  }
}

/** Raw HTML in model output becomes literal text (react-markdown would do so too, after plugins). */
export function rehypeRawAsText() {
  return (tree: Root): void => {
    walk(tree, (node, index, parent) => {
      if (node.type === 'raw') parent.children[index] = { type: 'text', value: node.value }
    })
  }
}

/**
 * Images in model output become the text "[image: alt]"; nothing is ever fetched. The label comes
 * from the options, else from the file's BlockData.
 */
export function rehypeImagesAsText(options?: { label: (alt: string) => string }) {
  return (tree: Root, file?: VFile): void => {
    const label = options?.label ?? blockData(file).imageLabel ?? ((alt: string) => alt)
    walk(tree, (node, index, parent) => {
      if (node.type !== 'element' || node.tagName !== 'img') return
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt : ''
      const text: ElementContent = { type: 'text', value: label(alt) }
      parent.children[index] = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['md-image'] },
        children: [text]
      }
    })
  }
}

/**
 * Wraps every occurrence of the terms in text nodes in <mark class="search-mark">: the matches of
 * a search result, highlighted in the message it opened. The terms are pieces of the original
 * text (the snippet's matches), so a literal, case-insensitive search finds them, CJK included.
 * A term split across elements (e.g. half in **bold**) is not marked. The terms come from the
 * options, else from the file's BlockData.
 */
export function rehypeMarkTerms(options?: { terms: readonly string[] }) {
  const given = options ? termsPattern(options.terms) : null
  return (tree: Root, file?: VFile): void => {
    const pattern = options ? given : patternOf(blockData(file).marks)
    if (!pattern) return
    walk(tree, (node, index, parent) => {
      if (node.type !== 'text') return
      const value = node.value
      const pieces: ElementContent[] = []
      let last = 0
      for (const found of value.matchAll(pattern)) {
        if (found[0] === '') continue
        if (found.index > last) pieces.push({ type: 'text', value: value.slice(last, found.index) })
        pieces.push({
          type: 'element',
          tagName: 'mark',
          properties: { className: ['search-mark'] },
          children: [{ type: 'text', value: found[0] }]
        })
        last = found.index + found[0].length
      }
      if (pieces.length === 0) return
      if (last < value.length) pieces.push({ type: 'text', value: value.slice(last) })
      parent.children.splice(index, 1, ...(pieces as RootContent[]))
    })
  }
}

const patterns = new WeakMap<readonly string[], RegExp | null>()

/** The terms' pattern, made once per list of terms (a list is one search result's). */
function patternOf(terms: readonly string[] | undefined): RegExp | null {
  if (!terms || terms.length === 0) return null
  if (!patterns.has(terms)) patterns.set(terms, termsPattern(terms))
  return patterns.get(terms) ?? null
}

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

/** Keeps http, https and mailto URLs; drops every other one (javascript:, file:, relative...). */
export function safeUrl(url: string): string | null {
  try {
    return SAFE_PROTOCOLS.has(new URL(url.trim()).protocol) ? url.trim() : null
  } catch {
    return null
  }
}

export const HLJS_CLASS = /^hljs(-[\w-]+)?$/
// highlight.js marks sub-scopes with trailing underscores, e.g. "hljs-title class_".
export const HLJS_SUBSCOPE = /^[a-z][\w-]*_+$/

/**
 * The default GitHub-like schema, plus highlight.js classes on code and span, minus images, plus
 * the search marks (raw HTML is text by then, so only rehypeMarkTerms can make a <mark>).
 */
export const sanitizeSchema: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((tag) => tag !== 'img'), 'mark'],
  attributes: {
    ...defaultSchema.attributes,
    // remark-math marks math as code.language-math with math-inline / math-display.
    code: [['className', /^language-./, HLJS_CLASS, 'math-inline', 'math-display']],
    span: [['className', HLJS_CLASS, HLJS_SUBSCOPE, 'md-image']],
    mark: [['className', 'search-mark']]
  },
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'] }
}

/**
 * Remark plugins: GitHub-flavoured Markdown (tables, task lists, strikethrough, autolinks), math
 * in `$…$` and `$$…$$` (`\(…\)` and `\[…\]` are turned into those first: normalizeMath), and
 * emphasis next to CJK punctuation (`**加粗**的文字`), which CommonMark alone does not make bold.
 */
export const remarkPlugins: PluggableList = [remarkGfm, remarkMath, remarkCjkFriendly]

type MathModule = typeof import('./math')
let math: MathModule | null = null
let mathLoading: Promise<void> | null = null

/** Whether text may hold math: then KaTeX is loaded (it is not part of the first screen's script). */
export const mayHoldMath = (text: string): boolean => /\$|\\\(|\\\[|```math/.test(text)

/** Whether KaTeX is loaded. */
export const mathReady = (): boolean => math !== null

/** Loads KaTeX once; resolves when rehypePlugins can render math. */
export function loadMath(): Promise<void> {
  mathLoading ??= import('./math').then((module) => {
    math = module
  })
  return mathLoading
}

/**
 * Rehype plugins in order; the sanitizer runs last so it sees everything the others made.
 * `marks` are search matches to highlight (none outside a search result). Without an image label,
 * the label and the marks come from each file's BlockData (the cached pipeline: markdownProcessor.ts).
 */
export function rehypePlugins(
  imageLabel?: (alt: string) => string,
  marks: readonly string[] = []
): PluggableList {
  return [
    rehypeRawAsText,
    imageLabel ? [rehypeImagesAsText, { label: imageLabel }] : rehypeImagesAsText,
    ...(imageLabel === undefined
      ? [rehypeMarkTerms]
      : marks.length > 0
        ? [[rehypeMarkTerms, { terms: marks }] as PluggableList[number]]
        : []),
    [rehypeSanitize, sanitizeSchema],
    // After the sanitizer: KaTeX's own output (spans with inline sizes, MathML) is not model input.
    ...(math ? [[math.rehypeKatex, math.KATEX_OPTIONS] as PluggableList[number]] : [])
  ]
}

// Inline code spans and math in LaTeX's own delimiters.
const CODE_SPAN_OR_LATEX_MATH = /(`+)[\s\S]*?\1|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)/g

/**
 * `\[…\]` becomes `$$…$$` and `\(…\)` becomes `$…$`, outside inline code, so remark-math reads
 * both ways models write math; a line that is only `$$…$$` becomes display math.
 */
export function normalizeMath(block: string): string {
  const displayed = block.includes('$$') ? oneLineDisplayMath(block) : block
  if (!displayed.includes('\\(') && !displayed.includes('\\[')) return displayed
  return latexDelimiters(displayed)
}

// A line that is only `$$…$$` (remark-math reads it as math in the text, not display math).
const ONE_LINE_DISPLAY = /^([ \t]*)\$\$([^$]+)\$\$[ \t]*$/
const FENCE_LINE = /^[ \t]*(`{3,}|~{3,}|\$\$)/

/**
 * A line that is only `$$…$$` becomes a `$$` block on lines of its own, so it shows as display
 * math, as the model meant; lines inside code or math fences stay as they are.
 */
function oneLineDisplayMath(block: string): string {
  let fence: string | null = null
  return block
    .split('\n')
    .map((line) => {
      const marker = FENCE_LINE.exec(line)?.[1]
      if (fence) {
        if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null
        return line
      }
      const display = ONE_LINE_DISPLAY.exec(line)
      if (display && display[2].trim() !== '') {
        const [, indent, math] = display
        return `${indent}$$\n${indent}${math.trim()}\n${indent}$$`
      }
      // As in the block splitter: a backtick or `$$` fence's info may not hold its own mark.
      const info = marker ? line.slice(line.indexOf(marker) + marker.length) : ''
      if (marker && (marker[0] === '~' || !info.includes(marker[0]))) fence = marker
      return line
    })
    .join('\n')
}

function latexDelimiters(block: string): string {
  return block.replace(
    CODE_SPAN_OR_LATEX_MATH,
    (
      whole: string,
      ticks: string | undefined,
      display: string | undefined,
      inline: string | undefined,
      at: number
    ) => {
      if (ticks) return whole
      if (inline !== undefined) return `$${inline}$`
      // On lines of its own it is a display block; inside a sentence, math in the line.
      const ownLines =
        (at === 0 || block[at - 1] === '\n') && /^[ \t]*(\n|$)/.test(block.slice(at + whole.length))
      return ownLines ? `$$\n${display!.trim()}\n$$` : `$$${display}$$`
    }
  )
}

const FENCE_OPEN = /^(`{3,}|~{3,})([^\n]*)\n/

/**
 * A block that is only one fenced code block (closed or still open), as its language and code;
 * null for anything else. Such a block is shown without running the Markdown parser at all.
 */
export function fencedBlock(block: string): { language: string | null; code: string } | null {
  const open = FENCE_OPEN.exec(block)
  if (!open) return null
  const fence = open[1]
  const info = open[2].trim()
  if (fence[0] === '`' && info.includes('`')) return null
  const body = block.slice(open[0].length)
  const close = new RegExp(`^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*$`, 'm')
  const found = close.exec(body)
  if (found && body.slice(found.index + found[0].length).trim() !== '') return null
  const code = (found ? body.slice(0, found.index) : body).replace(/\n$/, '')
  return { language: info === '' ? null : info.split(/\s/)[0], code }
}
