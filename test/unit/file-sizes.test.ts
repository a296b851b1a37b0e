// Files small enough to read: a component says one thing, a module holds one concept.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve(__dirname, '../../src')
const MAX_COMPONENT_LINES = 300
const MAX_MODULE_LINES = 400

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : []
  })
}

const lineCount = (file: string): number => readFileSync(file, 'utf8').split('\n').length

describe('source file sizes', () => {
  const files = sourceFiles(SRC)

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(100)
  })

  it(`keeps every .tsx under ${MAX_COMPONENT_LINES} lines and every .ts under ${MAX_MODULE_LINES}`, () => {
    const tooLong = files
      .map((file) => ({ file: relative(SRC, file), lines: lineCount(file) }))
      .filter(({ file, lines }) =>
        file.endsWith('.tsx') ? lines > MAX_COMPONENT_LINES : lines > MAX_MODULE_LINES
      )
    expect(tooLong).toEqual([])
  })
})
