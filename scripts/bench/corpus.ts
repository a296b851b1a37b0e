// Heavy-answer benchmark: npm run bench:corpus [-- --runs 3 --only name,name]
//
// Opens each answer of the heavy corpus (scripts/bench/corpus/answers.ts: dense code, deep
// nesting, megabytes of lists, huge tables, long links, KaTeX bombs and overlays, emphasis runs,
// a streamed answer with a link-reference definition) in the built renderer in Debian's Chromium
// through the test harness, and prints one JSON line: per answer the longest main-thread task
// (longtask observer; median and max over the runs) and how many sampled points outside its
// message show something of it (elementFromPoint). Goal: every longest task ≤ 200 ms, nothing
// outside.
import { launchChromium } from '../../test/harness/app'
import { startFakeProvider } from '../../test/fake-provider/server'
import { heavyCorpus } from './corpus/answers'
import { type AnswerFigures, corpusPass } from './corpus/run'
import { log, percentile } from './lib/measure'

const GOAL_MS = 200
const argument = (name: string): string | undefined =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined

async function main(): Promise<void> {
  const runs = Number(argument('--runs') ?? 3)
  const only = argument('--only')?.split(',')
  const answers = heavyCorpus().filter((answer) => !only || only.includes(answer.name))
  const browser = await launchChromium(true)
  const provider = await startFakeProvider()
  const passes: Array<Record<string, AnswerFigures>> = []
  try {
    for (let run = 1; run <= runs; run++) {
      log(`corpus: run ${run} of ${runs}`)
      passes.push(await corpusPass(browser, provider, answers))
    }
  } finally {
    await provider.close()
    await browser.close()
  }
  const perAnswer: Record<string, unknown> = {}
  for (const answer of answers) {
    const figures = passes.map((pass) => pass[answer.name])
    const longest = figures.map((f) => f.longestTaskMs)
    perAnswer[answer.name] = {
      bytes: Buffer.byteLength(answer.content),
      longestTaskMs: { median: percentile(longest, 50), max: Math.max(...longest) },
      outsideHits: Math.max(...figures.map((f) => f.outsideHits)),
      shown: figures[figures.length - 1].shown
    }
  }
  const worst = Math.max(
    ...passes.flatMap((pass) => Object.values(pass).map((f) => f.longestTaskMs))
  )
  const outside = passes.flatMap((pass) =>
    Object.entries(pass)
      .filter(([, f]) => f.outsideHits > 0)
      .map(([name]) => name)
  )
  const over = answers
    .map((answer) => answer.name)
    .filter((name) => passes.some((pass) => pass[name].longestTaskMs > GOAL_MS))
  process.stdout.write(
    `${JSON.stringify({
      runs,
      goalMs: GOAL_MS,
      worstLongestTaskMs: worst,
      overGoal: over,
      drewOutside: [...new Set(outside)],
      answers: perAnswer
    })}\n`
  )
}

void main().catch((error) => {
  console.error(error)
  process.exit(1)
})
