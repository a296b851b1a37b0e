// Chat view benchmark: npm run bench:chat [-- --only stream,open,find,search --runs 3 --tokens 20000]
//
// Drives the built renderer (out/renderer) in Debian's Chromium through the test harness, with the
// real core, a key store in memory (no OS keychain: it runs without D-Bus) and the fake provider on
// 127.0.0.1, and prints one JSON line. Figures come from the page itself: a `longtask`
// PerformanceObserver, the Event Timing API for input latency (event to next paint), and a
// MutationObserver plus a post-paint callback for when streamed text shows. The harness carries
// each event to the page with one DevTools call (Electron's IPC does not): `harness` figures say
// how much of a latency that transport took.
//
// Scenarios are the modules in scripts/bench/chat/scenarios/ (each exports `scenario`: a name and
// a run function, see chat/scenario.ts). Each runs --runs times (3 by default); every figure
// printed is the median, with its spread (min and max) under `spread`. A run that did not happen
// as designed is refused (RunRefused) and tried again, at most twice; a scenario still refused
// fails the benchmark: its reason is printed and the exit code is 1.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { launchChromium } from '../../test/harness/app'
import { startFakeProvider } from '../../test/fake-provider/server'
import { RunRefused, type BenchContext, type Figures, type Scenario } from './chat/scenario'
import { describeSummary, summarize } from './chat/summary'
import { log, round } from './lib/measure'

const ROOT = resolve(__dirname, '../..')
const CACHE = process.env.SEED_CHAT_BENCH_CACHE ?? join(ROOT, '.bench')
const SCENARIOS = join(__dirname, 'chat/scenarios')
const RENDERER = join(ROOT, 'out/renderer')
// The historical order; scenarios added later run after these, by name.
const ORDER = ['stream', 'streamInPage', 'open', 'big', 'startup']
const RETRIES = 2

const argument = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined

/** Every module in chat/scenarios/ that exports a scenario, in ORDER then by name. */
async function findScenarios(): Promise<Scenario[]> {
  const found: Scenario[] = []
  for (const file of readdirSync(SCENARIOS).filter((name) => /\.ts$/.test(name))) {
    const module = (await import(join(SCENARIOS, file))) as { scenario?: Scenario }
    if (module.scenario) found.push(module.scenario)
  }
  const rank = (name: string): number => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length)
  return found.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name))
}

/**
 * The script the first screen loads, in KB (1,000 bytes, as Vite prints): the entry chunk of the
 * built index.html and every chunk it imports statically (dynamic imports load later).
 */
function firstScreenScriptKB(): number {
  const html = readFileSync(join(RENDERER, 'index.html'), 'utf8')
  const pending = [...html.matchAll(/<script[^>]*\bsrc="\.\/([^"]+\.js)"/g)].map((m) => m[1])
  const seen = new Set<string>()
  let bytes = 0
  while (pending.length > 0) {
    const file = pending.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const path = join(RENDERER, file)
    bytes += statSync(path).size
    const code = readFileSync(path, 'utf8')
    // Static imports only: `import "./x.js"` and `from "./x.js"`, never `import("./x.js")`.
    for (const found of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) {
      pending.push(join(file, '..', found[1]))
    }
  }
  return round(bytes / 1000)
}

async function runScenario(
  scenario: Scenario,
  context: BenchContext,
  runs: number
): Promise<Figures[]> {
  const done: Figures[] = []
  let refusals = 0
  while (done.length < runs) {
    log(`${scenario.name} (run ${done.length + 1} of ${runs}): ${scenario.title}`)
    try {
      done.push(await scenario.run(context))
    } catch (error) {
      if (!(error instanceof RunRefused)) throw error
      refusals++
      log(`${scenario.name}: run refused: ${error.message}`)
      if (refusals > RETRIES) {
        throw new RunRefused(`${scenario.name}: ${refusals} runs refused; last: ${error.message}`)
      }
    }
  }
  return done
}

async function main(): Promise<void> {
  const scenarios = await findScenarios()
  const only = argument('--only')?.split(',')
  const unknown = only?.filter((name) => !scenarios.some((s) => s.name === name)) ?? []
  if (unknown.length > 0) {
    throw new Error(
      `No scenario ${unknown.join(', ')}; there are: ${scenarios.map((s) => s.name).join(', ')}`
    )
  }
  const runs = Number(argument('--runs') ?? 3)
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number ≥ 1.')
  if (runs < 3) log(`bench:chat: ${runs} run(s) each: a figure needs at least 3 to be reported.`)
  const browser = await launchChromium(true)
  const provider = await startFakeProvider()
  const context: BenchContext = {
    browser,
    provider,
    cache: CACHE,
    tokens: Number(argument('--tokens') ?? 20_000)
  }
  const result: Record<string, unknown> = { firstScreenScriptKB: firstScreenScriptKB() }
  const refused: Record<string, string> = {}
  try {
    for (const scenario of scenarios.filter((s) => !only || only.includes(s.name))) {
      try {
        const figures = await runScenario(scenario, context, Math.min(runs, scenario.runs ?? runs))
        const summary = summarize(figures)
        log(describeSummary(scenario.name, summary))
        result[scenario.name] = { ...summary.median, runs: figures.length, spread: summary.spread }
      } catch (error) {
        if (!(error instanceof RunRefused)) throw error
        refused[scenario.name] = error.message
      }
    }
  } finally {
    await provider.close()
    await browser.close()
  }
  if (Object.keys(refused).length > 0) result.refused = refused
  process.stdout.write(`${JSON.stringify(result)}\n`)
  if (Object.keys(refused).length > 0) {
    for (const [name, why] of Object.entries(refused)) {
      console.error(`bench:chat FAILED: ${name} did not run as designed (${why})`)
    }
    process.exit(1)
  }
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
