// big: a 2 MB code block streamed, then opened again from history.
import { bigRun } from '../history-runs'
import type { Scenario } from '../scenario'

export const scenario: Scenario = {
  name: 'big',
  title: 'a 2 MB code block',
  run: ({ browser, provider }) => bigRun(browser, provider)
}
