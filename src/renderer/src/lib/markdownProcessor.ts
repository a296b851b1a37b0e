// One Markdown pipeline for every block: remark → rehype (markdownPipeline.ts's plugins, the
// sanitizer last) → React elements, built once and frozen, then reused for every block of every
// message. react-markdown built a new processor (and attached every plugin again) per block per
// render; opening a long chat paid that for each block on the first screen.
import type { Root } from 'hast'
import { type Components, toJsxRuntime } from 'hast-util-to-jsx-runtime'
import { urlAttributes } from 'html-url-attributes'
import type { ReactElement } from 'react'
import { Fragment, jsx, jsxs } from 'react/jsx-runtime'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import {
  type BlockData,
  mathReady,
  rehypePlugins,
  remarkPlugins,
  safeUrl
} from './markdownPipeline'

function buildProcessor() {
  return (
    unified()
      .use(remarkParse)
      .use(remarkPlugins)
      // Raw HTML comes through as `raw` nodes, which rehypeRawAsText turns into text.
      .use(remarkRehype, { allowDangerousHtml: true })
      .use(rehypePlugins())
      .freeze()
  )
}

type MarkdownProcessor = ReturnType<typeof buildProcessor>

// Two at most: before and after KaTeX has loaded (math.ts joins the pipeline once it is there).
const processors: { plain?: MarkdownProcessor; math?: MarkdownProcessor } = {}

/** The pipeline, built on first use (and once more when KaTeX has loaded), then the same one. */
export function markdownProcessor(): MarkdownProcessor {
  if (mathReady()) {
    processors.math ??= buildProcessor()
    return processors.math
  }
  processors.plain ??= buildProcessor()
  return processors.plain
}

export type MarkdownComponents = Partial<Components>

/**
 * One block of Markdown as React elements. Every URL goes through safeUrl (dropped when unsafe);
 * `data` carries the image label and search marks to the plugins.
 */
export function renderMarkdown(
  text: string,
  data: BlockData,
  components: MarkdownComponents
): ReactElement {
  const processor = markdownProcessor()
  const file = new VFile(text)
  Object.assign(file.data, data)
  const tree = processor.runSync(processor.parse(file), file) as Root
  visit(tree, (node, index, parent) => {
    // What react-markdown did after the plugins: raw HTML left over becomes text, URLs are checked.
    if (node.type === 'raw' && parent && typeof index === 'number') {
      parent.children[index] = { type: 'text', value: node.value }
      return index
    }
    if (node.type !== 'element') return
    for (const key in urlAttributes) {
      if (!Object.hasOwn(urlAttributes, key) || !Object.hasOwn(node.properties, key)) continue
      const test = urlAttributes[key]
      if (test === null || test.includes(node.tagName)) {
        node.properties[key] = safeUrl(String(node.properties[key] ?? '')) ?? undefined
      }
    }
  })
  return toJsxRuntime(tree, {
    Fragment,
    components,
    ignoreInvalidStyle: true,
    jsx,
    jsxs,
    passKeys: true,
    passNode: true
  })
}
