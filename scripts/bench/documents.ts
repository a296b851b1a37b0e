// npm run bench:documents — a 300-page text PDF (printed by Chromium, English and Chinese on
// every page) read as the app reads a dropped PDF: extractDocument, whose pdf.js runs in a worker
// thread (src/main/attachments/documents/pdf.ts). Prints one JSON line on stdout:
// {"pages","ms","maxMainThreadBlockMs","idleMaxBlockMs","chars","loadAverage"}
//   ms: the median of three runs, from the bytes handed over to the text back (worker start included);
//   maxMainThreadBlockMs: the main event loop's longest stall over the three runs (perf_hooks'
//     event-loop delay histogram, 10 ms resolution);
//   idleMaxBlockMs: the same probe for as long with nothing to do, a control for the figure above.
// Goals (issue 17): ms ≤ 3000 and maxMainThreadBlockMs ≤ 50 on this 2-core machine.
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { extractDocument } from '../../src/main/attachments/documents/extract'
import { printPdf } from '../../test/fixtures/documents/generate'
import { log, percentile, round } from './lib/measure'

const PAGES = 300
const RUNS = 3

function pageText(n: number): string[] {
  const lines = [`Chapter ${n}: quarterly operations review`]
  for (let i = 0; i < 12; i++) {
    lines.push(
      `Line ${i + 1} of page ${n}: revenue, costs and headcount moved within the planned range; ` +
        `第${n}页第${i + 1}行：营业收入与成本均在计划范围内。`
    )
  }
  return lines
}

async function main(): Promise<void> {
  const pdf = await printPdf(Array.from({ length: PAGES }, (_, i) => pageText(i + 1)))
  log(`printed ${PAGES} pages, ${(pdf.length / 1e6).toFixed(1)} MB`)

  const times: number[] = []
  let chars = 0
  let pages = 0
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  const started = performance.now()
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now()
    const result = await extractDocument('bench.pdf', pdf, { maxPages: 1000 })
    times.push(performance.now() - start)
    if (!result.ok) throw new Error(result.error.message)
    chars = result.value.text.length
    pages = result.value.pages ?? 0
    log(`run ${run + 1}: ${Math.round(times.at(-1)!)} ms`)
  }
  delay.disable()
  const measuredMs = performance.now() - started

  const idle = monitorEventLoopDelay({ resolution: 10 })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, measuredMs))
  idle.disable()

  const blocked = (histogram: typeof delay) => round(histogram.max / 1e6)
  process.stdout.write(
    `${JSON.stringify({
      pages,
      ms: Math.round(percentile(times, 50)),
      maxMainThreadBlockMs: blocked(delay),
      idleMaxBlockMs: blocked(idle),
      chars,
      loadAverage: round(loadavg()[0], 2)
    })}\n`
  )
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
