// find: Ctrl+F in the 10,000-message conversation, a query typed to its first match painted, then
// Enter to each next match (the count checked against the seeded text at every step).
import { findRun } from '../find'
import type { Scenario } from '../scenario'

export const scenario: Scenario = {
  name: 'find',
  title: 'find in a 10,000-message conversation',
  run: ({ browser, provider }) => findRun(browser, provider)
}
