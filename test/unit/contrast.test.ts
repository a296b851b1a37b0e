// @vitest-environment jsdom
// The colour tokens keep their contrast in both themes (WCAG 2.2, 1.4.3 and 1.4.11): every text
// colour against every surface it is drawn on, at least 4.5:1; the focus ring at 3:1. The pairs
// are read from styles/tokens.css (each `light-dark(<light>, <dark>)`), and the ratio is axe-core's
// own, so this fails before the end-to-end audit would.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import axe from 'axe-core'
import { describe, expect, it } from 'vitest'

const TOKENS = resolve(__dirname, '../../src/renderer/src/styles/tokens.css')
const THEMES = ['light', 'dark'] as const
type Theme = (typeof THEMES)[number]

/** Each colour token's value per theme: `light-dark(a, b)` splits, a plain colour is both. */
function readTokens(css: string): Map<string, Record<Theme, string>> {
  const tokens = new Map<string, Record<Theme, string>>()
  for (const [, name, value] of css.matchAll(/(--[\w-]+):\s*([^;]+);/g)) {
    const pair = value
      .trim()
      .match(/^light-dark\(\s*(#[0-9a-f]{3,8})\s*,\s*(#[0-9a-f]{3,8})\s*\)$/i)
    if (pair) tokens.set(name, { light: pair[1], dark: pair[2] })
    else if (/^#[0-9a-f]{3,8}$/i.test(value.trim()))
      tokens.set(name, { light: value.trim(), dark: value.trim() })
  }
  return tokens
}

const tokens = readTokens(readFileSync(TOKENS, 'utf8'))

// axe-core's colour helpers (the ones its color-contrast rule uses), which its typings leave out.
interface AxeColour {
  parseString(value: string): void
}
const { color: axeColour } = (
  axe as unknown as {
    commons: {
      color: {
        Color: new () => AxeColour
        getContrast(background: AxeColour, foreground: AxeColour): number
      }
    }
  }
).commons

function colour(name: string, theme: Theme): AxeColour {
  const value = tokens.get(name)?.[theme]
  if (!value) throw new Error(`${name} is not a colour token in tokens.css`)
  const parsed = new axeColour.Color()
  parsed.parseString(value)
  return parsed
}

function contrast(foreground: string, background: string, theme: Theme): number {
  return axeColour.getContrast(colour(background, theme), colour(foreground, theme))
}

// The surfaces text sits on, and the text colours drawn on any of them.
const SURFACES = [
  '--bg',
  '--bg-sidebar',
  '--bg-raised',
  '--bg-hover',
  '--bg-active',
  '--bg-input',
  '--bg-user',
  '--bg-thinking'
]
const TEXT = [
  '--text',
  '--text-muted',
  '--text-faint',
  '--accent',
  '--danger',
  '--warning',
  '--success'
]
// Text on a surface of its own kind.
const OWN_SURFACE: Array<[string, string]> = [
  ['--danger', '--danger-bg'],
  ['--warning', '--warning-bg'],
  ['--accent-text', '--accent-fill'],
  ['--accent-text', '--accent-hover'],
  ['--toast-text', '--toast-bg'],
  ['--toast-muted', '--toast-bg'],
  ['--toast-action', '--toast-bg'],
  ['--mark-text', '--mark-bg'],
  ['--find-current-text', '--find-current-bg'],
  ['--code-added', '--code-added-bg'],
  ['--code-deleted', '--code-deleted-bg']
]
const CODE = [
  '--code-text',
  '--code-keyword',
  '--code-entity',
  '--code-constant',
  '--code-string',
  '--code-variable',
  '--code-comment',
  '--code-tag',
  '--code-heading',
  '--code-bullet'
]

const TEXT_PAIRS: Array<[string, string]> = [
  ...TEXT.flatMap((text) => SURFACES.map((surface): [string, string] => [text, surface])),
  ...OWN_SURFACE,
  ...CODE.map((code): [string, string] => [code, '--bg-code'])
]
// Parts of the interface (1.4.11): the focus ring against the surfaces it is drawn over.
const UI_PAIRS: Array<[string, string]> = SURFACES.map((surface) => ['--focus', surface])

describe.each(THEMES)('the %s theme', (theme) => {
  it('keeps every text colour at 4.5:1 or more on its surfaces', () => {
    const low = TEXT_PAIRS.map(([text, surface]) => ({
      pair: `${text} on ${surface}`,
      ratio: Math.round(contrast(text, surface, theme) * 100) / 100
    })).filter(({ ratio }) => ratio < 4.5)
    expect(low).toEqual([])
  })

  it('keeps the focus ring at 3:1 or more', () => {
    const low = UI_PAIRS.map(([part, surface]) => ({
      pair: `${part} on ${surface}`,
      ratio: Math.round(contrast(part, surface, theme) * 100) / 100
    })).filter(({ ratio }) => ratio < 3)
    expect(low).toEqual([])
  })
})

it('reads both themes of every token it checks', () => {
  for (const name of new Set([...TEXT_PAIRS, ...UI_PAIRS].flat())) {
    expect(tokens.get(name), name).toBeDefined()
  }
})
