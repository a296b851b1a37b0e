// KaTeX and its stylesheet, loaded only when an answer holds math (see markdownPipeline.ts).
import 'katex/dist/katex.min.css'
import type { Element, Root, RootContent } from 'hast'
import renderKatex from 'rehype-katex'
import type { Processor, Transformer } from 'unified'

type VFile = Parameters<Transformer<Root, Root>>[1]
import { mathHazard } from './markdownGuards'

/**
 * KaTeX on the sanitized tree: it renders math from text, and trusts no command (\href ...). Its
 * own limits: sizes (\rule, \kern, \raisebox…) at most 50em, at most 500 macro expansions.
 */
export const KATEX_OPTIONS = {
  throwOnError: false,
  strict: 'ignore',
  trust: false,
  maxSize: 50,
  maxExpand: 500
} as const

const MATH_CLASSES = new Set(['math-inline', 'math-display', 'language-math'])

const isMath = (node: Element): boolean =>
  Array.isArray(node.properties.className) &&
  node.properties.className.some((name) => MATH_CLASSES.has(String(name)))

function textOf(node: RootContent): string {
  if (node.type === 'text') return node.value
  return node.type === 'element' ? node.children.map(textOf).join('') : ''
}

/**
 * Formulas over the budget (markdownGuards.ts: too long, too deep, or macros that expand too far)
 * lose their math classes, so KaTeX leaves them alone and they show as their source, as code.
 */
export function rehypeMathBudget() {
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      if (isMath(child) && mathHazard(textOf(child))) {
        child.properties.className = ['math-source']
      } else visit(child)
    }
  }
  return (tree: Root): void => visit(tree)
}

/** rehype-katex behind rehypeMathBudget: what any pipeline should use to render math. */
export function rehypeKatex(
  this: Processor,
  options: typeof KATEX_OPTIONS
): Transformer<Root, Root> {
  const budget = rehypeMathBudget()
  const render = renderKatex.call(this, options) as (tree: Root, file: VFile) => undefined
  // Two parameters, as rehype-katex's: a third would make unified wait for a callback.
  return (tree, file) => {
    budget(tree)
    render(tree, file)
  }
}
