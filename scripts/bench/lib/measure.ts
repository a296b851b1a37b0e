// What every benchmark shares: progress on stderr (stdout carries only the JSON result) and the
// arithmetic of its figures.

/** Writes one progress line to stderr. */
export const log = (...parts: unknown[]): void => void process.stderr.write(`${parts.join(' ')}\n`)

/** The p-th percentile (nearest rank) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}

/** `value` rounded to `digits` decimals (one by default). */
export const round = (value: number, digits = 1): number =>
  Math.round(value * 10 ** digits) / 10 ** digits
