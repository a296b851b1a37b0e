// Every pointer names something that exists: repository paths in the docs and in comments,
// Markdown links with their #anchors, and the docs sections that comments cite, written as
// (docs/api.md, "Images") or (docs/architecture.md, Rules the tools check).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '../../..')
const FOLDERS = ['src', 'test', 'scripts', 'docs', 'biome', 'build', '.ci', '.github']
const SKIPPED = new Set(['node_modules', 'out', 'test-results', 'playwright-report', '.bench'])
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|jsonc|md|css|html|grit|ya?ml|sh)$/
const THIS_FILE = relative(ROOT, __filename)

function walk(folder: string, found: string[] = []): string[] {
  for (const name of readdirSync(join(ROOT, folder))) {
    const path = join(folder, name)
    if (SKIPPED.has(name)) continue
    if (statSync(join(ROOT, path)).isDirectory()) walk(path, found)
    else if (TEXT.test(name)) found.push(path)
  }
  return found
}

/** Repository text files: the folders above and the files at the root, not the lockfile. */
function repositoryFiles(): string[] {
  const atRoot = readdirSync(ROOT).filter(
    (name) => TEXT.test(name) && name !== 'package-lock.json' && statSync(join(ROOT, name)).isFile()
  )
  return [
    ...atRoot,
    ...FOLDERS.filter((folder) => existsSync(join(ROOT, folder))).flatMap((f) => walk(f))
  ]
    .filter((file) => file !== THIS_FILE)
    .sort()
}

/** What a reader takes as prose: a Markdown or JSON file whole, elsewhere its comments. */
function prose(file: string, text: string): string {
  if (/\.(md|json|sh|ya?ml)$/.test(file)) return text
  const comments = text.match(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|<!--[\s\S]*?-->/g) ?? []
  return comments.join('\n')
}

/** GitHub's anchor for a heading. */
const slug = (heading: string): string =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')

const headingCache = new Map<string, string[]>()
function headings(file: string): string[] {
  let found = headingCache.get(file)
  if (!found) {
    const text = readFileSync(join(ROOT, file), 'utf8').replace(/```[\s\S]*?```/g, '')
    found = [...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map((match) => match[1].trim())
    headingCache.set(file, found)
  }
  return found
}

/** Every pointer in `file` that names nothing, as "file: pointer". */
function brokenPointers(file: string): string[] {
  const text = prose(file, readFileSync(join(ROOT, file), 'utf8'))
  const broken: string[] = []
  const report = (pointer: string) => broken.push(`${file}: ${pointer}`)
  const sectionExists = (doc: string, section: string) =>
    existsSync(join(ROOT, doc)) &&
    headings(doc).some((heading) => heading.toLowerCase() === section.trim().toLowerCase())

  // Paths from the repository root: src/main/index.ts, docs/api.md, scripts/bench/ ...
  for (const [, path] of text.matchAll(
    /(?<![\w./@-])((?:src|test|scripts|docs|biome|build|resources|\.ci|\.github)\/[\w./@-]*\w)/g
  )) {
    if (!existsSync(join(ROOT, path.replace(/(:\d+)+$/, '')))) report(path)
  }
  // A Markdown file a comment names without a folder lives at the root or in docs/ (STYLE.md
  // did not). Not in Markdown itself, whose prose has shell examples such as `> answer.md`.
  if (!file.endsWith('.md')) {
    for (const [, name] of text.matchAll(/(?<![\w./@-])([\w-]+\.md)\b/g)) {
      if (!existsSync(join(ROOT, name)) && !existsSync(join(ROOT, 'docs', name))) report(name)
    }
  }
  // Markdown links, relative to the file, with their anchors.
  if (file.endsWith('.md')) {
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?|mailto):/.test(target)) continue
      const [path, anchor] = target.split('#')
      const doc = path ? join(dirname(file), path) : file
      if (!existsSync(join(ROOT, doc))) report(target)
      else if (anchor && !headings(doc).some((heading) => slug(heading) === anchor)) report(target)
    }
  }
  // Cited sections: docs/x.md#anchor, docs/x.md, "Section" [and "Other"], (docs/x.md, Section).
  for (const [, doc, anchor] of text.matchAll(/(docs\/[\w-]+\.md)#([\w-]+)/g)) {
    if (!headings(doc).some((heading) => slug(heading) === anchor)) report(`${doc}#${anchor}`)
  }
  for (const [, doc, quoted] of text.matchAll(
    /(docs\/[\w-]+\.md)(?:,\s*|\s+\()((?:"[^"\n]+"(?:\s*(?:,|and)\s*)?)+)/g
  )) {
    for (const [, section] of quoted.matchAll(/"([^"]+)"/g))
      if (!sectionExists(doc, section)) report(`${doc}, "${section}"`)
  }
  for (const [, doc, section] of text.matchAll(/\((docs\/[\w-]+\.md),\s*([^)"\n]+)\)/g)) {
    if (!sectionExists(doc, section)) report(`${doc}, ${section}`)
  }
  return broken
}

describe('pointers in the docs and comments', () => {
  it('name files, links and sections that exist', () => {
    const files = repositoryFiles()
    expect(files).toContain('README.md')
    expect([...new Set(files.flatMap(brokenPointers))]).toEqual([])
  })
})
