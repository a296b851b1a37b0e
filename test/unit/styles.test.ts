// The renderer's stylesheets: colours only from the tokens, files small enough to read, and every
// stylesheet imported by the code that uses it.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const RENDERER = resolve(__dirname, '../../src/renderer')
const SOURCE = join(RENDERER, 'src')
const TOKENS = join(SOURCE, 'styles/tokens.css')
const MAX_LINES = 500

// CSS named colours (CSS Color 4) and the system colours that could pass for a palette.
const NAMED_COLOURS =
  `aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet
brown burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan
darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred
darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue
dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray
green greenyellow grey honeydew hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen
lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow lightgray lightgreen lightgrey lightpink
lightsalmon lightseagreen lightskyblue lightslategray lightslategrey lightsteelblue lightyellow lime limegreen
linen magenta maroon mediumaquamarine mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue
mediumspringgreen mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy
oldlace olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred papayawhip
peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown
seagreen seashell sienna silver skyblue slateblue slategray slategrey snow springgreen steelblue tan teal
thistle tomato turquoise violet wheat white whitesmoke yellow yellowgreen
canvas canvastext buttonface buttontext graytext linktext`.split(/\s+/)

const RAW_COLOUR = new RegExp(
  [
    '#[0-9a-f]{3,8}\\b',
    '\\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\\(',
    // A whole word: not part of a name like white-space or --text-muted.
    `(?<![\\w-])(?:${NAMED_COLOURS.join('|')})(?![\\w-])`
  ].join('|'),
  'gi'
)

/** The raw colours written in a stylesheet's declarations (comments ignored). */
function rawColours(css: string): string[] {
  const found: string[] = []
  const uncommented = css.replace(/\/\*[\s\S]*?\*\//g, '')
  for (const [, value] of uncommented.matchAll(/[\w-]+\s*:\s*([^;{}]+)/g)) {
    found.push(...(value.match(RAW_COLOUR) ?? []))
  }
  return found
}

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return cssFiles(path)
    return entry.name.endsWith('.css') ? [path] : []
  })
}

function codeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return codeFiles(path)
    return /\.tsx?$/.test(entry.name) ? [path] : []
  })
}

describe('the raw colour check', () => {
  it('finds hex, functional and named colours', () => {
    expect(
      rawColours('.a { color: #fff; background: rgb(0 0 0 / 50%); border-color: Red }')
    ).toEqual(['#fff', 'rgb(', 'Red'])
    expect(
      rawColours('.a { box-shadow: 0 0 2px hsl(0 0% 0%), 0 0 1px oklch(50% 0.1 200) }')
    ).toEqual(['hsl(', 'oklch('])
  })

  it('lets tokens, keywords and look-alike names through', () => {
    const css = `/* black and #fff in a comment */
      .tray-alert-warning { white-space: nowrap; color: var(--text-muted); background: transparent; }
      .b { border: 1px solid currentColor; outline-color: color-mix(in srgb, var(--focus) 25%, transparent) }`
    expect(rawColours(css)).toEqual([])
  })
})

describe('renderer stylesheets', () => {
  const files = cssFiles(RENDERER)
  const code = codeFiles(SOURCE).map((path) => ({ path, text: readFileSync(path, 'utf8') }))

  it('are there: the tokens, the base, and one per component', () => {
    expect(files).toContain(TOKENS)
    expect(files.length).toBeGreaterThan(10)
  })

  it.each(files.filter((path) => path !== TOKENS).map((path) => [relative(RENDERER, path), path]))(
    '%s has no raw colour',
    (_, path) => {
      expect(rawColours(readFileSync(path, 'utf8'))).toEqual([])
    }
  )

  it.each(files.map((path) => [relative(RENDERER, path), path]))(
    `%s is at most ${MAX_LINES} lines`,
    (_, path) => {
      expect(readFileSync(path, 'utf8').split('\n').length).toBeLessThanOrEqual(MAX_LINES)
    }
  )

  it.each(files.map((path) => [relative(RENDERER, path), path]))(
    '%s is imported by the renderer',
    (_, path) => {
      const importers = code.filter(({ path: from, text }) => {
        const specifier = relative(join(from, '..'), path).replace(/^(?!\.)/, './')
        return text.includes(`import '${specifier}'`)
      })
      expect(importers.map(({ path: from }) => relative(SOURCE, from))).not.toEqual([])
    }
  )
})
