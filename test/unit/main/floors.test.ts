// The floors of src/main (written down at the top of src/main/core.ts): a module imports from its
// own floor or below, never above; and no import cycle anywhere under src/, type imports included,
// except the renderer store's slices, which type themselves with the store they are part of.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(__dirname, '../../../src')

/** Lowest first; a path ending in "/" is a folder. Features are ranked among themselves too. */
const FLOORS: ReadonlyArray<readonly [name: string, paths: readonly string[]]> = [
  ['shared', ['shared/']],
  [
    'infrastructure',
    [
      'main/db/',
      'main/log/',
      'main/containment.ts',
      'main/errors.ts',
      'main/redact.ts',
      'main/storage.ts'
    ]
  ],
  ['secrets', ['main/secrets/']],
  ['settings', ['main/settings/']],
  ['attachments', ['main/attachments/']],
  ['projects', ['main/projects/']],
  ['history', ['main/history/']],
  ['ocr', ['main/ocr/']],
  ['chat', ['main/chat/']],
  ['updates', ['main/updates/']],
  ['capture', ['main/capture/']],
  ['desktop', ['main/desktop/']],
  ['core', ['main/core.ts', 'main/services.ts', 'main/dispatch.ts']],
  ['shell', ['main/index.ts', 'main/ipc.ts', 'main/shell/', 'cli/']]
]

/** A cycle among these files only is allowed: the store's slices and the store type. */
const ALLOWED_CYCLE = /^renderer\/src\/store\//

function floorOf(file: string): number {
  return FLOORS.findIndex(([, paths]) =>
    paths.some((path) => (path.endsWith('/') ? file.startsWith(path) : file === path))
  )
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate
    } catch {
      // not this one
    }
  }
  return null // a stylesheet, an asset, a Vite query
}

// `import … from`, `import type … from`, `export … from` (over several lines), a bare `import '…'`
// and `import('…')`. (The TypeScript 7 package has no parser API to ask instead.)
const IMPORT =
  /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm
const COMMENT = /\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm

/** The relative specifiers a source file imports from, type-only and dynamic imports included. */
function importSpecifiers(source: string): string[] {
  const code = source.replace(COMMENT, '')
  return [...code.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3])
    .filter((specifier) => specifier.startsWith('.'))
}

/** Every file under src/ with the files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const file of sourceFiles(SRC)) {
    const targets = importSpecifiers(readFileSync(file, 'utf8'))
      .map((specifier) => resolveImport(file, specifier))
      .filter((target): target is string => target !== null)
    graph.set(
      relative(SRC, file),
      targets.map((target) => relative(SRC, target))
    )
  }
  return graph
}

/** The strongly connected components with more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (file: string): void => {
    index.set(file, counter)
    low.set(file, counter)
    counter++
    stack.push(file)
    onStack.add(file)
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!))
      }
    }
    if (low.get(file) !== index.get(file)) return
    const component: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      component.push(member)
    } while (member !== file)
    if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort())
  }
  for (const file of graph.keys()) if (!index.has(file)) visit(file)
  return found
}

const graph = importGraph()

describe('the floors of src/main', () => {
  it('reads every kind of import', () => {
    const source = [
      "import a from './a'",
      "import type { B } from './b'",
      'import {',
      '  c,',
      '  type C',
      "} from './c'",
      "export { d } from './d'",
      "export type * from './e'",
      "import './f.css'",
      "const g = await import('./g')",
      "// import h from './h'",
      "/* import i from './i' */",
      "import j from 'package'"
    ].join('\n')
    expect(importSpecifiers(source)).toEqual(['./a', './b', './c', './d', './e', './f.css', './g'])
  })

  it('reads the imports of every source file, type imports included', () => {
    expect(graph.get('main/chat/handlers.ts')).toContain('main/chat/service.ts') // import type
    expect(graph.get('main/index.ts')).toContain('main/core.ts')
  })

  it('places every file of src/main and src/cli on a floor', () => {
    const unplaced = [...graph.keys()].filter(
      (file) => (file.startsWith('main/') || file.startsWith('cli/')) && floorOf(file) < 0
    )
    expect(unplaced).toEqual([])
  })

  it('never imports from a higher floor, or from outside the floors', () => {
    const upward: string[] = []
    for (const [file, targets] of graph) {
      const floor = floorOf(file)
      if (floor < 0) continue
      for (const target of targets) {
        const targetFloor = floorOf(target)
        if (targetFloor < 0 || targetFloor > floor) {
          const where = targetFloor < 0 ? 'outside the floors' : FLOORS[targetFloor][0]
          upward.push(`${file} (${FLOORS[floor][0]}) -> ${target} (${where})`)
        }
      }
    }
    expect(upward).toEqual([])
  })
})

describe('imports under src/', () => {
  it('form no cycle, type imports included, except among the store slices', () => {
    const found = cycles(graph).filter((cycle) => !cycle.every((file) => ALLOWED_CYCLE.test(file)))
    expect(found).toEqual([])
  })

  it('finds a cycle when there is one', () => {
    const looped = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']]
    ])
    expect(cycles(looped)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })
})
