// stream: an answer of --tokens tokens at 500 tokens/s from the fake provider, through the
// harness, into a 2,000-message conversation, while the user clicks and types.
import type { Scenario } from '../scenario'
import { streamRun } from '../stream'

export const scenario: Scenario = {
  name: 'stream',
  title: 'an answer streamed into a 2,000-message conversation',
  run: ({ browser, provider, tokens }) => streamRun(browser, provider, tokens)
}
