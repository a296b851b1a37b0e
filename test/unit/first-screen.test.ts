// The first screen's script (what src/renderer/src/main.tsx imports statically, transitively)
// leaves out zod and KaTeX: the dialogs that validate with zod and the formulas load later, as
// chunks of their own. And the zod-free values the first screen reads agree with the schemas.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '../../src/shared/settingDefaults'
import { SEARCH_FILTER_NAMES } from '../../src/shared/search'
import { searchFiltersSchema } from '../../src/shared/searchSchemas'
import { settingsSchema } from '../../src/shared/settings'

const SRC = resolve(__dirname, '../../src')
const ENTRY = join(SRC, 'renderer/src/main.tsx')

// A static import or re-export that brings code (`import type` and all-`type` lists bring none).
const STATIC =
  /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm

/** The specifiers a file imports code from, statically (dynamic import() is left out). */
function staticImports(source: string): string[] {
  const found: string[] = []
  for (const match of source.replace(COMMENT, '').matchAll(STATIC)) {
    if (match[5]) {
      found.push(match[5])
      continue
    }
    if (match[2]) continue
    const names = /^\{([\s\S]*)\}$/.exec(match[3].trim())
    const onlyTypes =
      names?.[1]
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean)
        .every((name) => name.startsWith('type ')) === true
    if (!onlyTypes) found.push(match[4])
  }
  return found
}

function resolveFile(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate
  }
  return null // a stylesheet, JSON, an asset
}

/** Every source file the entry reaches statically, and the packages each imports. */
function firstScreen(): Map<string, string[]> {
  const packages = new Map<string, string[]>()
  const pending = [ENTRY]
  while (pending.length > 0) {
    const file = pending.pop()!
    if (packages.has(file)) continue
    const specifiers = staticImports(readFileSync(file, 'utf8'))
    packages.set(
      file,
      specifiers.filter((specifier) => !specifier.startsWith('.'))
    )
    for (const specifier of specifiers.filter((s) => s.startsWith('.'))) {
      const target = resolveFile(file, specifier)
      if (target) pending.push(target)
    }
  }
  return packages
}

const importersOf = (screen: Map<string, string[]>, name: string): string[] =>
  [...screen]
    .filter(([, packages]) => packages.some((p) => p === name || p.startsWith(`${name}/`)))
    .map(([file]) => relative(SRC, file))

describe('the first screen’s script', () => {
  const screen = firstScreen()

  it('reads the files it imports, and only statically', () => {
    const files = [...screen.keys()].map((file) => relative(SRC, file))
    expect(files).toContain('renderer/src/components/chat/MessageList.tsx')
    expect(files).toContain('shared/search.ts')
    // Loaded when first opened (appParts.ts, chatDialogs.ts).
    expect(files).not.toContain('renderer/src/components/search/SearchDialog.tsx')
    expect(files).not.toContain('renderer/src/components/settings/SettingsDialog.tsx')
    expect(files).not.toContain('renderer/src/components/params/ParamsPanel.tsx')
    expect(staticImports("import { type A, type B } from './a'\nimport type C from './c'")).toEqual(
      []
    )
    expect(staticImports("import { type A, b } from './a'\nimport './b.css'")).toEqual([
      './a',
      './b.css'
    ])
  })

  it('imports no zod and no KaTeX', () => {
    expect(importersOf(screen, 'zod')).toEqual([])
    expect(importersOf(screen, 'katex')).toEqual([])
    // The check sees packages: the first screen does import React.
    expect(importersOf(screen, 'react').length).toBeGreaterThan(0)
  })
})

describe('the zod-free values', () => {
  it('are the settings schema’s defaults', () => {
    expect(settingsSchema.parse({})).toEqual(DEFAULT_SETTINGS)
  })

  it('name every search filter the schema checks, in its order', () => {
    expect(SEARCH_FILTER_NAMES).toEqual(Object.keys(searchFiltersSchema.shape))
  })
})
