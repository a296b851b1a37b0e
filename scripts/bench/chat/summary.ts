// bench:chat's figures over several runs: the median of each, and its spread (min and max).
import type { Figures } from './scenario'

export interface Summary {
  /** Each figure's median over the runs, in the runs' shape. */
  median: Figures
  /** Each figure's [min, max] over the runs, by its dotted path (e.g. "harness.marks"). */
  spread: Record<string, [number, number]>
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Medians and spreads of runs that all have the same figures. */
export function summarize(runs: readonly Figures[]): Summary {
  if (runs.length === 0) throw new Error('No runs to summarize.')
  const spread: Record<string, [number, number]> = {}
  const walk = (shape: Figures, pick: (run: Figures) => Figures, path: string): Figures => {
    const out: Figures = {}
    for (const [name, value] of Object.entries(shape)) {
      const at = path === '' ? name : `${path}.${name}`
      if (typeof value === 'number') {
        const values = runs.map((run) => {
          const found = pick(run)[name]
          if (typeof found !== 'number') throw new Error(`A run has no figure ${at}.`)
          return found
        })
        out[name] = Math.round(median(values) * 10) / 10
        spread[at] = [Math.min(...values), Math.max(...values)]
      } else {
        out[name] = walk(value, (run) => pick(run)[name] as Figures, at)
      }
    }
    return out
  }
  return { median: walk(runs[0], (run) => run, ''), spread }
}

/** "name  median (min–max)" lines for the log. */
export function describeSummary(name: string, summary: Summary): string {
  const lines = Object.entries(summary.spread).map(([path, [min, max]]) => {
    const value = path
      .split('.')
      .reduce<number | Figures>((node, key) => (node as Figures)[key], summary.median)
    return `  ${name}.${path}: ${value} (${min}–${max})`
  })
  return lines.join('\n')
}
