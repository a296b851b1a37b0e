// Prints one closing line for every suite together: "Tests: N passed, N failed, N skipped".
import { readFileSync } from 'node:fs'

const vitest = JSON.parse(readFileSync('test-results/unit.json', 'utf8'))
const e2e = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'))
const passed = vitest.numPassedTests + e2e.stats.expected
const failed = vitest.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky
const skipped = vitest.numPendingTests + vitest.numTodoTests + e2e.stats.skipped
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(failed > 0 ? 1 : 0)
