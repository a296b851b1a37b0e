// open: a click on a 10,000-message conversation to its newest messages painted.
import { openRun } from '../history-runs'
import type { Scenario } from '../scenario'

export const scenario: Scenario = {
  name: 'open',
  title: 'opening a 10,000-message conversation',
  run: ({ browser, provider }) => openRun(browser, provider)
}
