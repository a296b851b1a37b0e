// startup: from starting the core on 100,000 conversations (1,000,000 messages) to an
// interactive window.
import { startupRun } from '../history-runs'
import type { Scenario } from '../scenario'

export const scenario: Scenario = {
  name: 'startup',
  title: 'starting on 100,000 conversations, 1,000,000 messages',
  run: ({ browser, provider, cache }) => startupRun(browser, provider, cache)
}
