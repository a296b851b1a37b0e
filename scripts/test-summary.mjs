// Names every skipped end-to-end test with its reason, then prints one closing line for every
// suite together: "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const vitest = JSON.parse(readFileSync('test-results/unit.json', 'utf8'))
const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'))

function* specs(suite) {
  yield* suite.specs ?? []
  for (const child of suite.suites ?? []) yield* specs(child)
}
for (const suite of e2e.suites) {
  for (const spec of specs(suite)) {
    for (const test of spec.tests) {
      if (test.status !== 'skipped') continue
      const reason =
        test.annotations.find((note) => note.type === 'skip')?.description ?? 'no reason given'
      console.log(`SKIPPED ${spec.file} › ${spec.title}: ${reason}`)
    }
  }
}

const passed = vitest.numPassedTests + e2e.stats.expected
const failed = vitest.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky
const skipped = vitest.numPendingTests + vitest.numTodoTests + e2e.stats.skipped
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
