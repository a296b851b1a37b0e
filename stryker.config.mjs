// `npm run mutation`: StrykerJS over the core modules (README, "Mutation testing").
// Not part of `npm test`: it runs the tests of a module once per mutant.

export default {
  testRunner: 'vitest',
  vitest: {
    // Only the unit tests of the mutated modules; none loads keytar.
    configFile: 'vitest.mutation.config.mts',
    // A process per test file, never threads: a native module loaded twice in one process
    // (keytar's GLib types) crashed the runner.
    pool: 'forks'
  },
  // TypeScript 7 has no JS API: no typescript checker, and no tsconfig rewriting. Stryker only
  // rewrites (parsing with the typescript package) the tsconfigFile it finds in the sandbox; our
  // tsconfig files reference each other by relative paths, which stay valid there.
  checkers: [],
  // No such file: nothing to rewrite (the default, tsconfig.json, would be parsed).
  tsconfigFile: 'stryker-no-tsconfig-rewrite.json',
  // Mutants are not type-correct: // @ts-nocheck atop sandbox files (vitest does not type check
  // anyway).
  disableTypeChecks: '{src,test}/**/*.{ts,tsx,mts}',
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) need every test re-run in a fresh module graph: 11%
  // of the mutants, 40% of the time on two cores. Not tested, not counted (README).
  ignoreStatic: true,
  concurrency: 2,
  // A mutant that loops for ever is killed after this (counts as detected).
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  ignorePatterns: ['out', 'dist', 'test-results', 'playwright-report', '.bench', 'reports'],
  mutate: [
    'src/main/chat/request.ts',
    'src/main/chat/replyStream.ts',
    'src/main/history/messages.ts',
    'src/main/db/searchText.ts',
    'src/main/history/searchQuery.ts',
    'src/shared/params.ts',
    'src/renderer/src/lib/paramsForm.ts',
    'src/main/redact.ts',
    'src/renderer/src/lib/markdownBlocks.ts',
    'src/renderer/src/store/streamBuffer.ts',
    'src/main/attachments/policy.ts'
  ],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: 80 }
}
