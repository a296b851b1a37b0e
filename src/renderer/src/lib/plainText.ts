// Markdown as plain text, for "Copy as plain text": what a reader sees, without the marks.
// Line-based on purpose (no parser): it must never fail, and a rare leftover mark is harmless.

const FENCE = /^\s{0,3}(`{3,}|~{3,})/

/** The text of a Markdown answer without its formatting marks; code is kept as written. */
export function markdownToPlainText(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  const out: string[] = []
  let fence: string | null = null
  for (const line of lines) {
    const opening = FENCE.exec(line)
    if (fence !== null) {
      if (
        opening &&
        opening[1][0] === fence[0] &&
        opening[1].length >= fence.length &&
        line.trim() === opening[1]
      )
        fence = null
      else out.push(line)
      continue
    }
    if (opening) {
      fence = opening[1]
      continue
    }
    // Table rule lines go; cells are kept, separated by tabs.
    if (
      /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line) &&
      line.includes('-') &&
      line.includes('|')
    )
      continue
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) continue
    let text = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/^(\s*>\s?)+/, '')
      .replace(/^(\s*)[-*+]\s+\[[ xX]\]\s+/, '$1- ')
      .replace(/^(\s*)[*+]\s+/, '$1- ')
    if (/^\s*\|.*\|\s*$/.test(text)) {
      text = text
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim())
        .join('\t')
    }
    out.push(inline(text))
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

function inline(text: string): string {
  return (
    text
      // Images and links: their text (a link's address after it when it differs).
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, (_, label: string, url: string) =>
        label === url ? url : `${label} (${url})`
      )
      .replace(/`([^`]+)`/g, '$1')
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(^|[^\w*])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1$2')
      .replace(/(^|[^\w_])_(?=\S)([^_]*?\S)_(?![\w_])/g, '$1$2')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, '$1')
  )
}

/** The last fenced code block of a Markdown answer (its code only); null when it has none. */
export function lastCodeBlock(markdown: string): string | null {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n')
  let fence: string | null = null
  let current: string[] = []
  let last: string | null = null
  for (const line of lines) {
    const opening = FENCE.exec(line)
    if (fence === null) {
      if (opening) {
        fence = opening[1]
        current = []
      }
    } else if (
      opening &&
      opening[1][0] === fence[0] &&
      opening[1].length >= fence.length &&
      line.trim() === opening[1]
    ) {
      last = current.join('\n')
      fence = null
    } else {
      current.push(line)
    }
  }
  // A block still open at the end (a cut-off answer) counts as well.
  return fence !== null ? current.join('\n') : last
}
