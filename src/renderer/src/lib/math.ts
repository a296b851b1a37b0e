// KaTeX and its stylesheet, loaded only when an answer holds math (see markdownPipeline.ts).
import 'katex/dist/katex.min.css'
import rehypeKatex from 'rehype-katex'

/** KaTeX on the sanitized tree: it renders math from text, and trusts no command (\href ...). */
export const KATEX_OPTIONS = {
  throwOnError: false,
  strict: 'ignore',
  trust: false,
  maxSize: 50,
  maxExpand: 500
} as const

export { rehypeKatex }
