// The unit tests that exercise the modules `npm run mutation` mutates (stryker.config.mjs), and
// only those: Stryker runs them once per mutant. Kept out:
// - every test that loads keytar (keychain.test.ts and the tests that build a keytar store
//   directly): a second copy of the native keychain module in one runner crashed it (SIGSEGV
//   after GLib type-registration errors). The chat tests below get their key from memory here
//   (SEED_CHAT_TEST_MEMORY_SECRETS, read by test/fixtures/core.ts).
// - safety.test.ts: it builds keytar stores directly (see above). Its hang in "backs up a
//   database before migrating it" did not come back in the sandbox (alone or beside
//   keychain.test.ts, threads or forks); likely keytar again: the file's first keytar call is
//   that test's afterEach. Its modules are covered by the history, migrations and search tests.
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

// As vitest.config.mts, with its own list of tests (TypeScript cannot import a .mts config).
export default defineConfig({
  plugins: [react()],
  test: {
    setupFiles: ['test/setup/waits.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 30_000 } },
    // MUTATION_TESTS=a.test.ts,b.test.ts narrows the run (with `npx stryker run --mutate <file>`).
    include: process.env.MUTATION_TESTS?.split(',') ?? [
      // request building, reply streaming
      'test/unit/main/chat-request.test.ts',
      'test/unit/main/reply-stream.test.ts',
      'test/unit/main/chat.test.ts',
      'test/unit/main/chat-tree.test.ts',
      'test/unit/main/chat-params.test.ts',
      'test/unit/main/chat-hostile.test.ts',
      'test/unit/main/chat-small.test.ts',
      'test/unit/main/chat-surrogates.test.ts',
      'test/unit/main/chat-rate-limit.test.ts',
      'test/unit/main/key-echo.test.ts',
      'test/unit/main/storage-faults.test.ts',
      'test/unit/main/unwritable.test.ts',
      // the message tree
      'test/unit/main/history.test.ts',
      'test/unit/main/message-pages.test.ts',
      'test/unit/main/message-tree.test.ts',
      // search text
      'test/unit/main/search.test.ts',
      'test/unit/main/search-text.test.ts',
      'test/unit/main/migrations.test.ts',
      // parameters
      'test/unit/shared/presets.test.ts',
      'test/unit/shared/params.test.ts',
      'test/unit/renderer/params.test.ts',
      // redaction
      'test/unit/main/redact.test.ts',
      // Markdown blocks
      'test/unit/renderer/markdown-blocks.test.tsx',
      'test/unit/renderer/markdown-split.test.ts',
      // the stream buffer
      'test/unit/renderer/stream-buffer.test.ts',
      // the attachment policy
      'test/unit/main/attachments-policy.test.ts',
      'test/unit/main/attachments-policy-exact.test.ts'
    ],
    env: { SEED_CHAT_TEST_MEMORY_SECRETS: '1' }
    // isolate stays on (a fresh worker per file, as in the unit suite): about twice as slow as
    // isolate: false, which is not how these tests are meant to run.
  }
})
