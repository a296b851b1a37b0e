// npm run bench:ocr — offline text recognition as the app runs it: rendered 1920×1080 screenshots
// (English and Chinese UI text) read one at a time through the recognition worker
// (src/main/ocr/worker.ts). Prints one JSON line on stdout:
// {"images","medianMs","p95Ms","cpuMedianMs","maxMainThreadBlockMs","charAccuracy",
//  "charAccuracyByLanguage","idleMaxBlockMs","mainThreadActiveMs","loadAverage"}
//   medianMs, p95Ms: per image, from handing the PNG to the worker to having its lines back
//     (the engine's one-time load is timed apart, on a first image not counted);
//   cpuMedianMs: per image, the CPU time the process spent (the worker, the main thread idles):
//     what an image costs whatever else the machine runs (wall time includes waiting for a core);
//   maxMainThreadBlockMs: the main event loop's longest stall while the images were read
//     (perf_hooks' event-loop delay histogram, 10 ms resolution);
//   idleMaxBlockMs: the same probe for as long with nothing to do (no image being read): the
//     stalls this machine imposes on any thread, a control for the figure above;
//   mainThreadActiveMs: the main event loop's busy time per image (event-loop utilization);
//   charAccuracy: 1 − edit distance / length of the drawn text, per language (whitespace
//     ignored); the lower of the two, both in charAccuracyByLanguage.
// Options: --images N (default 12, half of each language).
import { loadavg } from 'node:os'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { RecognitionWorker } from '../../src/main/ocr/worker'
import { log, percentile, round } from './lib/measure'
import { type Language, renderScreen, type Screen } from './ocr/screens'

const flag = process.argv.indexOf('--images')
const IMAGES = flag > 0 ? Number(process.argv[flag + 1]) : 12

/** Levenshtein distance over code points. */
function editDistance(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j)
  for (let i = 1; i <= x.length; i++) {
    const current = [i]
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)
      )
    }
    previous = current
  }
  return previous[y.length]
}

const compact = (lines: readonly string[]) => lines.join('').replace(/[\s\u3000]+/g, '')

async function main(): Promise<void> {
  const screens: Screen[] = []
  for (let index = 0; index < IMAGES; index++) {
    screens.push(await renderScreen(index % 2 === 0 ? 'en' : 'zh', Math.floor(index / 2)))
  }
  const worker = new RecognitionWorker()
  const loadStart = performance.now()
  await worker.recognize((await renderScreen('en', 99)).png)
  log(`engine loaded and first image read in ${Math.round(performance.now() - loadStart)} ms`)

  const idle = monitorEventLoopDelay({ resolution: 10 })
  idle.enable()
  await new Promise((resolve) => setTimeout(resolve, 5_000))
  idle.disable()

  const delay = monitorEventLoopDelay({ resolution: 10 })
  const utilization = performance.eventLoopUtilization()
  delay.enable()
  const times: number[] = []
  const cpu: number[] = []
  const read: string[][] = []
  for (const screen of screens) {
    const start = performance.now()
    const used = process.cpuUsage()
    const lines = await worker.recognize(screen.png)
    const ms = performance.now() - start
    const spent = process.cpuUsage(used)
    times.push(ms)
    cpu.push((spent.user + spent.system) / 1000)
    read.push(lines.map((line) => line.text))
  }
  delay.disable()
  const busy = performance.eventLoopUtilization(utilization)
  await worker.close()

  // Compared after the measurement: the edit distances are the benchmark's work, not the app's.
  const errors: Record<Language, number> = { en: 0, zh: 0 }
  const lengths: Record<Language, number> = { en: 0, zh: 0 }
  for (const [index, screen] of screens.entries()) {
    const expected = compact(screen.expected)
    const got = compact(read[index])
    const distance = editDistance(expected, got)
    errors[screen.language] += distance
    lengths[screen.language] += [...expected].length
    log(
      `${screen.language} ${Math.round(times[index])} ms, ${distance} edits in ${[...expected].length}`
    )
    if (distance > 0) log(`  expected ${expected}\n  got      ${got}`)
  }

  const accuracy = (language: Language) =>
    lengths[language] ? round(1 - errors[language] / lengths[language], 4) : 1
  const byLanguage = { en: accuracy('en'), zh: accuracy('zh') }
  process.stdout.write(
    `${JSON.stringify({
      images: screens.length,
      medianMs: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      cpuMedianMs: round(percentile(cpu, 50)),
      maxMainThreadBlockMs: round(delay.max / 1e6),
      charAccuracy: Math.min(byLanguage.en, byLanguage.zh),
      charAccuracyByLanguage: byLanguage,
      idleMaxBlockMs: round(idle.max / 1e6),
      mainThreadActiveMs: round(busy.active / screens.length),
      // The machine's 1-minute load average at the end: above its core count, wall times wait.
      loadAverage: round(loadavg()[0], 2)
    })}\n`
  )
}

void main()
